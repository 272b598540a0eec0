package io.statebackend.mockrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statebackend.e2e.programs.ResourceGroupsProgram;
import io.statebackend.review.ComplianceReport;
import io.statebackend.settings.Setting;
import io.statebackend.settings.StackFile;
import io.statebackend.testing.PlanAssertions;
import io.statebackend.testing.Runs;
import io.statebackend.testing.Stacks;
import io.statebackend.vocabulary.AzureType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Records every resource each stack declares to {@code target/resource-records/<stack>.json}; the policy pack's test
 * suite, run later in the same {@code mvn verify}, evaluates every policy against these files.
 */
class RecordsExportTest {

    static final Path RECORDS = Stacks.PROJECT_DIR.resolve(ComplianceReport.RECORDS_DIR);
    /** The records file of the preview benchmark's one-resource program; policy/test/crosscheck.test.ts reads it. */
    static final String BENCHMARK_BASELINE = "benchmark-baseline";

    @Test
    void everyStackIsRecordedForThePolicyPack() throws IOException {
        for (String stack : StackFile.stackNames(Stacks.PROJECT_DIR)) {
            PlanResult run = Runs.of(stack);
            Path file = RECORDS.resolve(stack + ".json");
            RecordsWriter.write(run, file);
            JsonNode written = new ObjectMapper().readTree(file.toFile());
            assertEquals(stack, written.path("stack").asText());
            assertEquals(run.resources().size(), written.path("resources").size());
        }
    }

    /**
     * The program {@code bench/bench.mjs preview} measures prod against, recorded as a prod stack of this project: the
     * pack's cross-check holds it to the production config, so a policy that its one resource group would fail stops
     * the build rather than the benchmark, which nothing in the build runs.
     */
    @Test
    void theBenchmarkBaselineIsRecordedForThePolicyPack() throws IOException {
        PlanResult run = ProgramRun.run(Setting.NAMESPACE, "prod", ResourceGroupsProgram::declare);
        assertTrue(run.error().isEmpty(), () -> run.error().get().toString());
        Path file = RECORDS.resolve(BENCHMARK_BASELINE + ".json");
        RecordsWriter.write(run, file);
        assertEquals(List.of(AzureType.RESOURCE_GROUP.token()), run.resources().stream()
                .map(ResourceRecord::type).filter(type -> !type.equals(PlanAssertions.ROOT_STACK_TYPE)).toList());
    }

    @Test
    void recordsCarryWhatAPolicyPackSees() {
        JsonNode doc = new ObjectMapper().valueToTree(RecordsWriter.document(Runs.prod()));
        JsonNode account = null;
        for (JsonNode r : doc.path("resources")) {
            if (r.path("type").asText().equals(AzureType.STORAGE_ACCOUNT.token())) {
                account = r;
            }
        }
        assertNotNull(account);
        assertEquals("urn:pulumi:prod::state-backend::state-backend:azure:StateStore$azure-native:storage:StorageAccount::state-account",
                account.path("urn").asText());
        assertEquals("urn:pulumi:prod::state-backend::state-backend:azure:StateStore::azure", account.path("parent").asText());
        assertFalse(account.path("inputs").path("allowSharedKeyAccess").asBoolean(true));
        assertTrue(account.path("protect").asBoolean());
        assertEquals("urn:pulumi:prod::state-backend::state-backend:azure:StateStore$azure-native:authorization:RoleAssignment"
                + "::cmk-identity-crypto-service-encryption-user", account.path("dependsOn").path(0).asText());
        assertTrue(doc.path("outputs").has("azureBackendUrl"));
        assertFalse(account.path("outputs").path("allowSharedKeyAccess").asBoolean(true), "the provider returns it");
        assertEquals(account.path("inputs").path("accountName").asText(), account.path("outputs").path("name").asText());
        assertFalse(account.path("outputs").has("accountName"), "a path parameter does not come back");
        assertEquals("urn:pulumi:prod::state-backend::state-backend:azure:StateStore$azure-native:keyvault:Key::storage-cmk",
                account.path("propertyDependencies").path("encryption").path(0).asText(),
                "the account's encryption uses the key's outputs");
    }

    /** Stack policies see a resource's outputs once it exists; the key's ARN is the one that names its account. */
    @Test
    void recordsCarryTheOutputsTheProviderComputed() {
        ResourceRecord key = Runs.prod().get("aws:kms/key:Key", "state-key");
        assertTrue(String.valueOf(key.outputs().get("arn")).matches(
                "arn:aws:kms:eu-west-1:" + PlanMocks.AWS_ACCOUNT_ID + ":key/[0-9a-f-]{36}"), key.outputs()::toString);
        assertEquals(true, key.outputs().get("enableKeyRotation"), "the bridged AWS provider returns its inputs too");
    }

    /**
     * azure-native returns a resource's outputs in its own shape: the name as {@code name}, no path parameters, and
     * for a key the properties bag flattened. A stack policy that reads input names finds nothing there.
     */
    @Test
    void azureOutputsTakeTheProvidersShapeNotTheInputs() {
        ResourceRecord key = Runs.prod().get(AzureType.KEY.token(), "storage-cmk");
        assertEquals(key.input("keyName"), key.outputs().get("name"));
        assertEquals(key.input("properties.rotationPolicy"), key.outputs().get("rotationPolicy"));
        assertEquals(key.input("properties.keyOps"), key.outputs().get("keyOps"));
        for (String input : List.of("keyName", "vaultName", "resourceGroupName", "properties")) {
            assertFalse(key.outputs().containsKey(input), input + " is no output of a key");
        }
        ResourceRecord vault = Runs.prod().get(AzureType.VAULT.token(), "state-vault");
        assertEquals(vault.input("properties.enableRbacAuthorization"),
                ResourceRecord.at(vault.outputs(), "properties.enableRbacAuthorization"), "a vault keeps its bag");
    }
}
