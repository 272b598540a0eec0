package io.statebackend.azure;

import io.statebackend.mockrun.PlanResult;
import io.statebackend.testing.Runs;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.statebackend.azure.AzureTypes.*;
import static org.junit.jupiter.api.Assertions.*;

class AzureOutputsTest {

    @Test
    void outputsHaveTheExactFormatsOtherStacksUse() {
        PlanResult run = Runs.prod();
        String account = String.valueOf(account(run).input("accountName"));
        String vaultName = String.valueOf(vault(run).input("vaultName"));
        Map<String, Object> outputs = run.outputs();
        assertEquals("azblob://pulumi-state?storage_account=" + account, outputs.get("azureBackendUrl"));
        assertEquals("azurekeyvault://" + vaultName + ".vault.azure.net/keys/pulumi-secrets", outputs.get("azureSecretsProvider"));
        assertEquals("pulumi login 'azblob://pulumi-state?storage_account=" + account + "'", outputs.get("azureLoginCommand"));
        assertEquals(idOf(run, ACCOUNT, ACCOUNT_NAME), outputs.get("azureStorageAccountId"));
        assertEquals(account, outputs.get("azureStorageAccountName"));
        assertEquals("https://" + account + ".blob.core.windows.net/", outputs.get("azureBlobEndpoint"));
        assertEquals("pulumi-state", outputs.get("azureContainerName"));
        assertEquals("https://" + vaultName + ".vault.azure.net/", outputs.get("azureKeyVaultUri"));
    }

    @Test
    void azureAloneExportsOnlyAzureOutputs() {
        PlanResult run = Stacks.runWith("dev", Map.of("awsEnabled", "false"));
        assertTrue(run.outputs().keySet().stream().allMatch(k -> k.startsWith("azure")), run.outputs().keySet()::toString);
        assertEquals(8, run.outputs().size());
    }

    @Test
    void noAzureOutputsWhenAzureIsSwitchedOff() {
        PlanResult run = Stacks.runWith("dev", Map.of("azureEnabled", "false"));
        assertTrue(run.error().isEmpty(), () -> run.error().get().getMessage());
        assertTrue(run.outputs().keySet().stream().noneMatch(k -> k.startsWith("azure")));
        assertTrue(run.resources().stream().noneMatch(r -> r.type().startsWith("azure-native:")));
    }

    /** Terraform's Azure backend scheme is not a Pulumi backend URL; the CLI rejects it. */
    @Test
    void terraformsAzureSchemeAppearsNowhere() throws IOException {
        String forbidden = "azure" + "rm://";
        try (Stream<Path> files = Files.walk(Stacks.PROJECT_DIR)) {
            List<Path> offenders = files
                    .filter(Files::isRegularFile)
                    .filter(p -> Stream.of(".git", "target", "node_modules", "dist")
                            .noneMatch(d -> java.util.stream.StreamSupport.stream(Stacks.PROJECT_DIR.relativize(p).spliterator(), false)
                                    .anyMatch(part -> part.toString().equals(d))))
                    .filter(p -> {
                        try {
                            return Files.readString(p).contains(forbidden);
                        } catch (IOException | java.io.UncheckedIOException e) {
                            return false;
                        }
                    }).toList();
            assertEquals(List.of(), offenders);
        }
        Runs.prod().outputs().values().forEach(v -> assertFalse(String.valueOf(v).contains(forbidden)));
    }
}
