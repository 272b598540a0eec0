package io.statebackend.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CI/CD workflow parses and keeps the properties that matter; each rule is shown to catch its breakage. */
class WorkflowTest {

    static final Path WORKFLOW = Path.of(".github/workflows/state-backend.yml");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static String text;

    @BeforeAll
    static void read() throws IOException {
        text = Files.readString(WORKFLOW);
    }

    static List<String> violations(String yaml) throws IOException {
        JsonNode wf = YAML.readTree(yaml);
        return WorkflowRules.check(wf, yaml);
    }

    @Test
    void theWorkflowKeepsEveryRule() throws IOException {
        assertEquals(List.of(), violations(text));
    }

    @Test
    void toolchainsAndPackDependenciesAreSetUp() throws IOException {
        JsonNode jobs = YAML.readTree(text).path("jobs");
        for (String job : List.of("test", "preview", "up")) {
            JsonNode java = WorkflowRules.step(jobs.path(job), "actions/setup-java");
            JsonNode node = WorkflowRules.step(jobs.path(job), "actions/setup-node");
            assertEquals("17", java.path("with").path("java-version").asText(), job);
            assertEquals("maven", java.path("with").path("cache").asText(), job);
            assertEquals("20", node.path("with").path("node-version").asText(), job);
            List<String> runs = new java.util.ArrayList<>();
            jobs.path(job).path("steps").forEach(s -> runs.add(s.path("run").asText()));
            if (job.equals("test")) {
                assertTrue(runs.contains("mvn -B verify"), "test runs the README's test command, which installs the pack");
            } else {
                boolean npmCiInPolicy = false;
                for (JsonNode s : jobs.path(job).path("steps")) {
                    npmCiInPolicy |= s.path("run").asText().equals("npm ci")
                            && s.path("working-directory").asText().equals("policy");
                }
                assertTrue(npmCiInPolicy, job + " installs the policy pack with npm ci");
                assertTrue(runs.contains("mvn -B -q package -DskipTests"), job + " builds the jar Pulumi runs");
            }
        }
    }

    /** Each broken copy must be caught with a message naming the problem. */
    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
            "      id-token: write|      id-token: read|without permissions id-token: write",
            "          role-to-assume: ${{ vars.AWS_STATE_ROLE_ARN }}|          aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}|stored credential secrets.AWS_ACCESS_KEY_ID",
            "          client-id: ${{ vars.AZURE_CLIENT_ID }}|          client-secret: ${{ secrets.AZURE_CLIENT_SECRET }}|passes stored credentials (client-secret)",
            "--policy-pack policy/run-pack --policy-pack-config|--policy-pack-config|previews without --policy-pack policy/run-pack",
            "--policy-pack-config \"policy/config/${{ matrix.stack }}.json\" --stack \"${{ matrix.stack }}\" --diff|--stack \"${{ matrix.stack }}\" --diff|previews without the stack's policy pack config",
            "    if: github.event_name == 'pull_request'|    if: github.event_name == 'push'|previews but does not run on pull_request",
            "    if: github.event_name == 'push' && github.ref == 'refs/heads/main'|    if: github.event_name == 'push'|runs pulumi up outside pushes to main",
            "pulumi up --policy-pack policy/run-pack --policy-pack-config \"policy/config/${{ matrix.stack }}.json\" --stack|pulumi up --stack|must run pulumi up --policy-pack policy/run-pack --yes",
            "          pulumi-version: ${{ steps.pins.outputs.PULUMI_VERSION }}|          pulumi-version: latest|installs a Pulumi CLI other than the pinned one",
            "run: grep -E '^[A-Z_]+=' tools/pulumi/versions >> \"$GITHUB_OUTPUT\"|run: echo PULUMI_VERSION=3.0.0 >> \"$GITHUB_OUTPUT\"|does not read the pinned toolchain from tools/pulumi/versions",
            "        run: pulumi plugin install language java \"${{ steps.pins.outputs.PULUMI_JAVA_VERSION }}\"|        run: pulumi version|does not install the pinned Java language host",
            "permissions:\\n  contents: read|permissions:\\n  contents: read\\n  id-token: write|not the whole workflow"})
    void aBrokenCopyIsCaught(String original, String replacement, String expected) throws IOException {
        String from = original.replace("\\n", "\n");
        assertTrue(text.contains(from), "test input must exist in the workflow: " + from);
        List<String> v = violations(text.replace(from, replacement.replace("\\n", "\n")));
        assertTrue(v.stream().anyMatch(s -> s.contains(expected)), v.toString());
    }
}
