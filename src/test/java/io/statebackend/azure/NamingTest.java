package io.statebackend.azure;

import io.statebackend.common.StableSuffix;
import io.statebackend.mockrun.PlanMocks;
import io.statebackend.mockrun.PlanResult;
import io.statebackend.testing.Runs;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.statebackend.azure.AzureTypes.*;
import static org.junit.jupiter.api.Assertions.*;

class NamingTest {

    @Test
    void globalNamesAreAHashOfSubscriptionProjectAndStack() {
        String suffix = StableSuffix.of("azure", PlanMocks.SUBSCRIPTION_ID, "state-backend", "prod");
        assertEquals("stpulumi" + suffix, account(Runs.prod()).input("accountName"));
        assertEquals("kv-pulumi-" + suffix, vault(Runs.prod()).input("vaultName"));
    }

    @Test
    void namesAreValidByConstruction() {
        for (PlanResult run : new PlanResult[]{Runs.prod(), Runs.dev()}) {
            assertTrue(String.valueOf(account(run).input("accountName")).matches("^[a-z0-9]{3,24}$"));
            assertTrue(String.valueOf(vault(run).input("vaultName")).matches("^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$"));
        }
    }

    @Test
    void namesDifferAcrossStacks() {
        assertNotEquals(account(Runs.prod()).input("accountName"), account(Runs.dev()).input("accountName"));
    }

    @Test
    void suffixAndWholeNamesCanBeOverridden() {
        PlanResult suffixed = Stacks.runWith("dev", Map.of("azureNameSuffix", "acme01"));
        assertEquals("stpulumiacme01", account(suffixed).input("accountName"));
        assertEquals("kv-pulumi-acme01", vault(suffixed).input("vaultName"));
        PlanResult named = Stacks.runWith("dev", Map.of("azureStorageAccountName", "acmestate", "azureKeyVaultName", "kv-acme-state"));
        assertEquals("acmestate", account(named).input("accountName"));
        assertEquals("kv-acme-state", vault(named).input("vaultName"));
    }

    @Test
    void stableSuffixIsShortLowercaseAndSensitiveToEveryPart() {
        String suffix = StableSuffix.of("a", "b");
        assertTrue(suffix.matches("^[a-z2-7]{" + StableSuffix.LENGTH + "}$"));
        assertEquals(suffix, StableSuffix.of("a", "b"));
        assertNotEquals(suffix, StableSuffix.of("a", "c"));
        assertNotEquals(StableSuffix.of("ab", ""), StableSuffix.of("a", "b"));
    }

    @Test
    void existingResourceGroupIsUsedInsteadOfCreatingOne() {
        PlanResult run = Stacks.runWith("prod", Map.of("azureExistingResourceGroupName", "rg-platform-state"));
        assertTrue(run.ofType(RESOURCE_GROUP).isEmpty());
        assertEquals("rg-platform-state", account(run).input("resourceGroupName"));
        assertEquals("rg-pulumi-state-prod", Runs.prod().get(RESOURCE_GROUP, "state-rg").input("resourceGroupName"));
    }
}
