package io.statebackend.azure;

import io.statebackend.mockrun.PlanMocks;
import io.statebackend.mockrun.PlanResult;
import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.testing.Control;
import io.statebackend.testing.Records;
import io.statebackend.testing.Runs;
import io.statebackend.testing.Stacks;
import io.statebackend.vocabulary.AzureType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.statebackend.azure.AzureTypes.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * State readers (previews, drift checks, auditors): Storage Blob Data Reader on the state container and a role with
 * the decrypt data action alone on the secrets key, both at the narrowest scope; nothing that writes.
 */
class StateReadersTest {

    static final String ROLE_DEFINITION = AzureType.ROLE_DEFINITION.token();
    static final String READER = "7b3e9c14-6a2d-4f58-b1e0-93c5d4a7e862";
    static final PlanResult WITH_READER = Stacks.runWith("prod",
            Map.of("azureStateReaderObjectIds", "[\"" + READER + "\"]"));

    static Control readerAccess(String objectId) {
        return Control.of("least privilege for readers", objectId + " may read the state container and decrypt with"
                + " the secrets key, nothing else", r -> {
            List<ResourceRecord> grants = AccessTest.grantsTo(r, objectId);
            String decryptId = idOf(r, ROLE_DEFINITION, "state-secrets-decrypt-role");
            return grants.size() == 2
                    && grants.stream().anyMatch(g -> BuiltInRole.STORAGE_BLOB_DATA_READER.id().equals(
                    roleId(g.input("roleDefinitionId"))) && idOf(r, CONTAINER, "state-container").equals(g.input("scope")))
                    && grants.stream().anyMatch(g -> decryptId.equals(g.input("roleDefinitionId"))
                    && idOf(r, KEY, SecretsProvider.SECRETS_KEY_NAME).equals(g.input("scope")));
        }).inPack("azure-role-assignment-allowed-roles", "azure-blob-data-role-container-scope");
    }

    static final Control DECRYPT_ONLY = Control.of("a decrypt-only role", "the readers' key role grants the decrypt"
            + " data action alone, assignable in the store's resource group only", r -> {
        ResourceRecord role = r.get(ROLE_DEFINITION, "state-secrets-decrypt-role");
        String resourceGroup = SUBSCRIPTION + "/resourceGroups/rg-pulumi-state-prod";
        return List.of(Map.of("dataActions", List.of(Access.DECRYPT_DATA_ACTION))).equals(role.input("permissions"))
                && List.of(resourceGroup).equals(role.input("assignableScopes"))
                && resourceGroup.equals(role.input("scope"));
    }).inPack("azure-custom-role-decrypt-only");

    /** A custom role's name is unique in the tenant, where another subscription's store may share the group's name. */
    @Test
    void theRolesNameNamesItsResourceGroupAndSubscription() {
        assertEquals("Pulumi state secrets decrypt (rg-pulumi-state-prod in subscription " + PlanMocks.SUBSCRIPTION_ID
                + ")", WITH_READER.get(ROLE_DEFINITION, "state-secrets-decrypt-role").input("roleName"));
    }

    @Test
    void aConfiguredReaderGetsContainerReadAndSecretsDecryptOnly() {
        assertEquals(java.util.Optional.empty(), WITH_READER.error());
        readerAccess(READER).assertHolds(WITH_READER);
        DECRYPT_ONLY.assertHolds(WITH_READER);
        assertEquals(idOf(WITH_READER, ROLE_DEFINITION, "state-secrets-decrypt-role"),
                WITH_READER.outputs().get("azureStateReaderRoleDefinitionId"));
    }

    @Test
    void theChecksFailForAWiderGrantOrRole() {
        readerAccess(READER).assertBroken(Records.withInput(WITH_READER, ROLE_ASSIGNMENT, "state-reader-blob-" + READER,
                "scope", idOf(WITH_READER, ACCOUNT, ACCOUNT_NAME)));
        readerAccess(READER).assertBroken(Records.withInput(WITH_READER, ROLE_ASSIGNMENT, "state-reader-blob-" + READER,
                "roleDefinitionId", BuiltInRole.STORAGE_BLOB_DATA_CONTRIBUTOR.id()));
        DECRYPT_ONLY.assertBroken(Records.withInput(WITH_READER, ROLE_DEFINITION, "state-secrets-decrypt-role",
                "permissions", List.of(Map.of("dataActions", List.of(Access.DECRYPT_DATA_ACTION,
                        "Microsoft.KeyVault/vaults/keys/encrypt/action")))));
    }

    @Test
    void withoutReadersThereIsNoReaderRoleGrantOrOutput() {
        for (PlanResult run : List.of(Runs.prod(), Runs.dev())) {
            assertTrue(run.ofType(ROLE_DEFINITION).isEmpty());
            assertTrue(run.ofType(ROLE_ASSIGNMENT).stream().noneMatch(a -> a.name().startsWith("state-reader-")));
            assertFalse(run.outputs().containsKey("azureStateReaderRoleDefinitionId"));
        }
    }
}
