package io.statebackend.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class PlanTest {

    @TempDir
    Path dir;

    private record Outcome(int exit, String out, String err) {
    }

    private static Outcome plan(Path projectDir, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = Plan.run(args, projectDir, new PrintStream(out, true), new PrintStream(err, true));
        return new Outcome(exit, out.toString(), err.toString());
    }

    /** A copy of the project's stack files, without a built policy pack. */
    private Path projectCopy() throws IOException {
        for (String file : new String[]{"Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml"}) {
            Files.copy(Stacks.PROJECT_DIR.resolve(file), dir.resolve(file));
        }
        return dir;
    }

    @Test
    void printsTheResourceTreeSettingsAndOutputsUnderAClearHeader() throws IOException {
        Stacks.writeOwnIds(projectCopy().resolve("Pulumi.prod.yaml"));
        Outcome o = plan(dir, "prod");
        assertEquals(0, o.exit, o.err);
        assertTrue(o.out.startsWith("OFFLINE PLAN: the desired state"), o.out);
        assertTrue(o.out.contains("It is not cloud state"));
        assertTrue(o.out.contains("+ state-backend:azure:StateStore  azure"));
        assertTrue(o.out.contains("    + azure-native:storage:StorageAccount  state-account  [protected]"));
        assertTrue(o.out.contains("allowSharedKeyAccess = false"));
        assertTrue(o.out.contains("azureBackendUrl = azblob://pulumi-state?storage_account="));
        assertTrue(o.out.contains("unavailable: the policy pack is not built"));
    }

    @Test
    void theShippedProdFileIsRefusedUntilItsExampleIdsAreReplaced() throws IOException {
        Outcome o = plan(projectCopy(), "prod");
        assertEquals(1, o.exit);
        assertEquals(1, o.err.strip().lines().count(), o.err);
        assertTrue(o.err.contains("state-backend:azureExistingSubnetId: got \"/subscriptions/00000000-0000-0000-0000-"
                + "000000000000/"), o.err);
        assertTrue(o.err.contains("not an example: replace the examples in the stack file"), o.err);
    }

    @Test
    void jsonModeIsMachineReadable() throws IOException {
        Outcome o = plan(projectCopy(), "dev", "--json");
        assertEquals(0, o.exit, o.err);
        JsonNode doc = new ObjectMapper().readTree(o.out);
        assertEquals(Plan.HEADER, doc.path("notice").asText());
        assertEquals("dev", doc.path("stack").asText());
        assertTrue(doc.path("resources").size() > 20);
        assertTrue(doc.path("outputs").has("azureBackendUrl"));
        assertTrue(doc.path("policyPack").has("unavailable"));
    }

    @Test
    void unknownStackIsOneLineAndExitCodeTwo() throws IOException {
        Outcome o = plan(projectCopy(), "staging");
        assertEquals(2, o.exit);
        assertEquals("plan: no stack \"staging\": Pulumi.staging.yaml does not exist; stacks here: dev, prod\n", o.err);
        assertEquals("", o.out);
    }

    @Test
    void malformedStackFileIsOneLine() throws IOException {
        projectCopy();
        Files.writeString(dir.resolve("Pulumi.broken.yaml"), "config:\n  state-backend:profile: [\n");
        Outcome o = plan(dir, "broken");
        assertEquals(2, o.exit);
        assertEquals(1, o.err.lines().count(), o.err);
        assertTrue(o.err.startsWith("plan: Pulumi.broken.yaml: not valid YAML"), o.err);
    }

    @Test
    void missingProjectFileIsOneLine() {
        Outcome o = plan(dir, "prod");
        assertEquals(2, o.exit);
        assertEquals(1, o.err.lines().count(), o.err);
    }

    @Test
    void settingTheProgramRejectsIsOneLineAndExitCodeOne() throws IOException {
        projectCopy();
        Files.writeString(dir.resolve("Pulumi.bad.yaml"), "config:\n  state-backend:azureSkuName: Standard_XYZ\n");
        Outcome o = plan(dir, "bad");
        assertEquals(1, o.exit);
        assertEquals("plan: state-backend:azureSkuName: got \"Standard_XYZ\"; expected one of Standard_GRS, "
                + "Standard_RAGRS, Standard_GZRS, Standard_RAGZRS (geo-redundant, required in production)\n", o.err);
    }

    @Test
    void usageErrorsAreExitCodeTwo() throws IOException {
        assertEquals(2, plan(projectCopy()).exit);
        assertEquals(2, plan(dir, "prod", "--yaml").exit);
        assertEquals(2, plan(dir, "prod", "dev").exit);
    }

    @Test
    void flattenShowsNestedSettingsByPathAndLeavesOutLabels() {
        Map<String, String> flat = Plan.flatten("", Map.of("tags", Map.of("a", "b"),
                "networkRuleSet", Map.of("defaultAction", "Deny", "ipRules", java.util.List.of(Map.of("value", "1.2.3.4"))),
                "keyOps", java.util.List.of("wrapKey")), new java.util.TreeMap<>());
        assertEquals(Map.of("networkRuleSet.defaultAction", "Deny", "networkRuleSet.ipRules[0].value", "1.2.3.4",
                "keyOps", "[wrapKey]"), flat);
    }
}
