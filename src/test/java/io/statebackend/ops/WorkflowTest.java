package io.statebackend.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

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
        for (String job : List.of("test", "preview", "drift", "up")) {
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

    /** A line of the workflow, what a careless edit turns it into, and the violation that must name it. */
    static Stream<Arguments> brokenCopies() {
        return Stream.of(
                Arguments.of("      id-token: write",
                        "      id-token: read",
                        "without permissions id-token: write"),
                Arguments.of("          role-to-assume: ${{ vars.AWS_READER_ROLE_ARN }}",
                        "          aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}",
                        "stored credential secrets.AWS_ACCESS_KEY_ID"),
                Arguments.of("          client-id: ${{ vars.AZURE_READER_CLIENT_ID }}",
                        "          client-secret: ${{ secrets.AZURE_CLIENT_SECRET }}",
                        "passes stored credentials (client-secret)"),
                Arguments.of("--policy-pack policy/run-pack --policy-pack-config",
                        "--policy-pack-config",
                        "previews without --policy-pack policy/run-pack"),
                Arguments.of("--policy-pack-config \"policy/config/${{ matrix.stack }}.json\" --stack \"${{ matrix.stack }}\" --diff",
                        "--stack \"${{ matrix.stack }}\" --diff",
                        "previews without the stack's policy pack config"),
                Arguments.of("    if: github.event_name == 'pull_request'",
                        "    if: github.event_name == 'push'",
                        "previews but runs on neither pull_request nor the schedule"),
                Arguments.of("      - uses: actions/checkout@11d5960a326750d5838078e36cf38b85af677262 # v4.4.0",
                        "      - uses: actions/checkout@v4",
                        "action actions/checkout@v4 is not pinned"),
                Arguments.of("uses: pulumi/actions@cd99a7f8865434dd3532b586a26f9ebea596894f # v5.5.1",
                        "uses: pulumi/actions@cd99a7f8865434dd3532b586a26f9ebea596894f",
                        "action pulumi/actions@cd99a7f8865434dd3532b586a26f9ebea596894f is not pinned"),
                Arguments.of("  PULUMI_SKIP_UPDATE_CHECK: \"true\"",
                        "  PULUMI_SKIP_UPDATE_CHECK: \"true\"\n  AZURE_KEYVAULT_AUTH_VIA_CLI: \"true\"",
                        "AZURE_KEYVAULT_AUTH_VIA_CLI, which neither Pulumi nor go-cloud reads"),
                Arguments.of("          client-id: ${{ vars.AZURE_READER_CLIENT_ID }}",
                        "          client-id: ${{ vars.AZURE_CLIENT_ID }}",
                        "previews with an identity other than the reader's"),
                Arguments.of("          role-to-assume: ${{ vars.AWS_STATE_ROLE_ARN }}",
                        "          role-to-assume: ${{ vars.AWS_READER_ROLE_ARN }}",
                        "runs pulumi up without the deployer's identity"),
                Arguments.of("    environment: ${{ matrix.stack }}\n",
                        "\n",
                        "runs pulumi up outside a GitHub environment"),
                Arguments.of("        run: pulumi preview --refresh --expect-no-changes",
                        "        run: pulumi preview",
                        "no scheduled job runs pulumi preview --refresh --expect-no-changes"),
                Arguments.of("  schedule:\n    - cron: \"17 3 * * *\"\n",
                        "\n",
                        "workflow must also run on a schedule"),
                Arguments.of("    if: github.event_name == 'push' && github.ref == 'refs/heads/main'",
                        "    if: github.event_name == 'push'",
                        "runs pulumi up outside pushes to main"),
                Arguments.of("pulumi up --policy-pack policy/run-pack --policy-pack-config \"policy/config/${{ matrix.stack }}.json\" --stack",
                        "pulumi up --stack",
                        "must run pulumi up --policy-pack policy/run-pack --yes"),
                Arguments.of("          pulumi-version: ${{ steps.pins.outputs.PULUMI_VERSION }}",
                        "          pulumi-version: latest",
                        "installs a Pulumi CLI other than the pinned one"),
                Arguments.of("run: grep -E '^[A-Z_]+=' tools/pulumi/versions >> \"$GITHUB_OUTPUT\"",
                        "run: echo PULUMI_VERSION=3.0.0 >> \"$GITHUB_OUTPUT\"",
                        "does not read the pinned toolchain from tools/pulumi/versions"),
                Arguments.of("        run: pulumi plugin install language java \"${{ steps.pins.outputs.PULUMI_JAVA_VERSION }}\"",
                        "        run: pulumi version",
                        "does not install the pinned Java language host"),
                Arguments.of("permissions:\\n  contents: read",
                        "permissions:\\n  contents: read\\n  id-token: write",
                        "not the whole workflow"));
    }

    /** Each broken copy must be caught with a message naming the problem. */
    @ParameterizedTest(name = "{2}")
    @MethodSource("brokenCopies")
    void aBrokenCopyIsCaught(String original, String replacement, String expected) throws IOException {
        String from = original.replace("\\n", "\n");
        assertTrue(text.contains(from), "test input must exist in the workflow: " + from);
        List<String> v = violations(text.replace(from, replacement.replace("\\n", "\n")));
        assertTrue(v.stream().anyMatch(s -> s.contains(expected)), v.toString());
    }
}
