package io.statebackend.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.statebackend.process.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's main command, as written, through the real CLI: it checks the stack config against Pulumi.yaml's
 * types, runs the jar, loads and runs the pack, and deploys the dev stack (to the stand-in providers) on the local
 * backend; the stack's outputs are the documented ones in their documented form, and its stateful resources are not
 * protected (prod's are: {@link ComplianceEvidenceIT}, which deploys prod the same way). The engine's event log of
 * that deployment is dev's compliance evidence, its verdicts the offline evaluator's.
 */
@ExtendWith(E2e.class)
class MainCommandIT {

    @TempDir
    Path tmp;

    @Test
    void theReadmesMainCommandDeploysTheDevStackWithThePackAndExportsTheDocumentedOutputs() throws IOException {
        Sandbox sandbox = new Sandbox(tmp).with(Evidence.EVENT_LOG_ENV);
        Path log = Evidence.freshEngineLog("dev");
        // The unattended equivalent of answering "yes" at `pulumi up`'s prompt (CI has no terminal).
        Run run = sandbox.bash(mainCommand() + " --event-log " + Command.quote(log.toString()),
                Map.of("PULUMI_SKIP_CONFIRMATIONS", "true"));
        assertTrue(run.ok(), run::describe);
        assertTrue(run.stdout().contains("state-backend@v1.0.0 (local: policy/run-pack)"), "the pack ran:\n" + run.describe());
        Evidence.assertEnginesVerdictsAreTheOfflineEvaluators(log, "dev");

        sandbox.env.put("PULUMI_BACKEND_URL", sandbox.localBackend());
        JsonNode outputs = sandbox.json(sandbox.pulumi("stack", "output", "--json", "--stack", "dev"));
        Map<String, Predicate<String>> forms = documentedForms(outputs);
        Set<String> documented = documentedOutputs();
        assertEquals(forms.keySet(), documented, "every documented output has a checked form here, and no other");
        for (String name : documented) {
            if (name.equals("awsReplicaBucketName") || name.equals("azureStateReaderRoleDefinitionId")) {
                assertFalse(outputs.has(name), "dev sets no replica region and no readers, so it exports neither");
                continue;
            }
            assertTrue(outputs.has(name), "missing output " + name + " in " + outputs);
            String value = outputs.get(name).isTextual() ? outputs.get(name).asText() : outputs.get(name).toString();
            assertTrue(forms.get(name).test(value), name + " is not in its documented form: " + value);
        }
        Evidence.assertProtected(sandbox.export(sandbox.localBackend(), "dev"), false);
    }

    /**
     * The unattended pipeline's guard: where nobody can answer the prompt, the real CLI refuses {@code up} without
     * {@code --yes}, before anything is deployed (the fake CLI of the unit tests refuses it the same way).
     */
    @Test
    void upWithoutYesWhereNobodyCanAnswerIsRefusedAndDeploysNothing() {
        Sandbox sandbox = new Sandbox(tmp).initLocal("dev");
        Run up = sandbox.pulumi("up", "--stack", "dev", "--policy-pack", "policy/run-pack");
        assertFalse(up.ok(), up::describe);
        assertTrue(up.stderr().contains("--yes or --skip-preview or --preview-only must be passed in to proceed"
                + " when running in non-interactive mode"), up::describe);
        assertEquals(0, sandbox.export(sandbox.localBackend(), "dev").path("deployment").path("resources").size(),
                "nothing was deployed");
    }

    /** The second line of the README's opening shell block: the main job. */
    static String mainCommand() throws IOException {
        String readme = Files.readString(E2e.PROJECT.resolve("README.md"));
        Matcher block = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(), "the README opens with a bash block");
        List<String> lines = block.group(1).lines().toList();
        assertEquals("mvn -B verify", lines.get(0));
        return lines.get(1);
    }

    /** The output names in the README's table of outputs. */
    static Set<String> documentedOutputs() throws IOException {
        String readme = Files.readString(E2e.PROJECT.resolve("README.md"));
        String table = readme.substring(readme.indexOf("| output |"));
        table = table.substring(0, table.indexOf("\n\n"));
        Set<String> names = new LinkedHashSet<>();
        for (String row : table.lines().toList()) {
            String firstCell = row.split("\\|")[1];
            Matcher name = Pattern.compile("`((?:azure|aws)[A-Z]\\w+)`").matcher(firstCell);
            while (name.find()) {
                names.add(name.group(1));
            }
        }
        return names;
    }

    /** The documented form of each output, from the stack's own values where one output names another. */
    private static Map<String, Predicate<String>> documentedForms(JsonNode outputs) {
        String account = outputs.path("azureStorageAccountName").asText();
        String bucket = outputs.path("awsBucketName").asText();
        Map<String, Predicate<String>> forms = new LinkedHashMap<>();
        forms.put("azureBackendUrl", matches("azblob://pulumi-state\\?storage_account=" + account));
        forms.put("azureSecretsProvider", matches("azurekeyvault://kv-[a-z0-9-]{1,21}\\.vault\\.azure\\.net/keys/pulumi-secrets"));
        forms.put("azureLoginCommand", v -> v.equals("pulumi login '" + outputs.path("azureBackendUrl").asText() + "'"));
        forms.put("azureStorageAccountId", matches("/subscriptions/[0-9a-f-]{36}/resourceGroups/[^/]+/providers/"
                + "Microsoft\\.Storage/storageAccounts/" + account));
        forms.put("azureStorageAccountName", matches("[a-z0-9]{3,24}"));
        forms.put("azureBlobEndpoint", matches("https://" + account + "\\.blob\\.core\\.windows\\.net/"));
        forms.put("azureContainerName", matches("pulumi-state"));
        forms.put("azureKeyVaultUri", matches("https://kv-[a-z0-9-]{1,21}\\.vault\\.azure\\.net/"));
        forms.put("awsBackendUrl", matches("s3://" + bucket + "\\?region=eu-west-1&awssdk=v2"));
        forms.put("awsSecretsProvider", matches("awskms://alias/pulumi-secrets-dev\\?region=eu-west-1"));
        forms.put("awsLoginCommand", v -> v.equals("pulumi login '" + outputs.path("awsBackendUrl").asText() + "'"));
        forms.put("awsBucketName", matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]"));
        forms.put("awsBucketArn", matches("arn:aws:s3:::" + bucket));
        forms.put("awsKmsKeyArn", matches("arn:aws:kms:eu-west-1:\\d{12}:key/[0-9a-f-]{36}"));
        forms.put("awsStateAccessPolicyArn", matches("arn:aws:iam::\\d{12}:policy/.+"));
        forms.put("awsStateAccessPolicyJson", v -> v.contains("\"Version\":\"2012-10-17\"") && v.contains("\"Statement\""));
        forms.put("awsStateReadPolicyArn", matches("arn:aws:iam::\\d{12}:policy/pulumi-state-read-dev"));
        forms.put("awsStateReadPolicyJson", v -> v.contains("\"Version\":\"2012-10-17\"") && v.contains("\"ReadState\""));
        forms.put("awsReplicaBucketName", matches(bucket + "-replica"));
        forms.put("azureStateReaderRoleDefinitionId", matches("/subscriptions/[0-9a-f-]{36}/resourceGroups/[^/]+/providers/"
                + "Microsoft\\.Authorization/roleDefinitions/[0-9a-f-]{36}"));
        return forms;
    }

    private static Predicate<String> matches(String regex) {
        return Pattern.compile(regex).asMatchPredicate();
    }
}
