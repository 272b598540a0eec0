package io.statebackend.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The state users' policy, as the program exports it ({@code awsStateAccessPolicyJson}), against moto with IAM
 * enforced: a principal holding only that policy logs in, creates a stack, updates it (taking and releasing its
 * lock), writes history and exports; with any one of its S3 actions removed it cannot. The stack uses the
 * passphrase provider here: moto authorizes KMS calls against resource {@code *}, so the policy's key statements,
 * which name the keys, cannot be exercised (the mock-engine tests and the pack check them).
 */
@ExtendWith(E2e.class)
class StateAccessPolicyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Each S3 action of the policy, and how a state user without it is stopped. */
    private static final Map<String, String> STOPPED_WITHOUT = new java.util.LinkedHashMap<>(Map.of(
            "s3:ListBucket", "could not list bucket",
            "s3:GetObject", "read \".pulumi/meta.yaml\"",
            "s3:PutObject", "operation error S3: PutObject",
            // the lock taken by `stack init` cannot be removed, so the next command finds the stack locked
            "s3:DeleteObject", "the stack is currently locked by 1 lock(s)"));

    @TempDir
    Path tmp;

    @Test
    void thePolicyAloneIsEnoughAndEveryS3ActionInItIsNeeded() throws IOException {
        try (Moto moto = Moto.startEnforcingIam(E2e.DIR.resolve("moto-iam"))) {
            String bucket = "iam-state-" + UUID.randomUUID().toString().substring(0, 8);
            moto.createStateBucket(bucket);
            Map<String, String> programsPolicies = programsPolicies(bucket);
            JsonNode policy = JSON.readTree(programsPolicies.get("awsStateAccessPolicyJson"));
            assertEquals(java.util.Set.copyOf(STOPPED_WITHOUT.keySet()), java.util.Set.copyOf(s3Actions(policy)),
                    "the actions under test are the policy's own");

            assertTrue(workAsStateUser(moto, bucket, "full", policy.toString()).isEmpty(),
                    "the exported policy is enough");
            readTheStateUsersStack(moto, bucket, "full", programsPolicies.get("awsStateReadPolicyJson"));
            STOPPED_WITHOUT.forEach((action, stopped) -> {
                List<String> failed = workAsStateUser(moto, bucket, "without-" + action.substring(3).toLowerCase(),
                        without(policy, action));
                assertFalse(failed.isEmpty(), "without " + action + " a state user cannot work");
                assertTrue(failed.get(0).contains(stopped), "without " + action + ":\n" + failed.get(0));
            });
        }
    }

    /**
     * Logs in, creates a stack, updates it, reads its history and exports it, as a user holding only
     * {@code policy}; the commands that failed (none when all went through and no lock was left behind).
     */
    private List<String> workAsStateUser(Moto moto, String bucket, String stack, String policy) {
        Map<String, String> user = moto.userWithPolicy("state-user-" + stack, policy);
        Sandbox sandbox = new Sandbox(tmp.resolve(stack)).asConsumer().with(user);
        sandbox.env.put("PULUMI_BACKEND_URL", moto.backendUrl(bucket));
        List<String[]> commands = List.of(
                new String[]{"login"},
                new String[]{"stack", "init", stack, "--secrets-provider", "passphrase"},
                new String[]{"config", "set", "--secret", "apiToken", "state-user-token", "--stack", stack},
                new String[]{"up", "--yes", "--stack", stack},
                new String[]{"stack", "history", "--stack", stack},
                new String[]{"stack", "export", "--stack", stack});
        for (String[] command : commands) {
            Run run = sandbox.pulumi(command);
            if (!run.ok()) {
                return List.of(run.describe());
            }
        }
        List<String> locks = moto.keys(bucket, ".pulumi/locks/");
        return locks.stream().anyMatch(lock -> lock.contains(stack)) ? List.of("a lock was left behind: " + locks)
                : List.of();
    }

    /**
     * A reader holding only the exported read-only policy previews the stack a state user made (a self-managed
     * backend's preview takes no lock) and exports it, but cannot update it: its lock cannot even be written.
     */
    private void readTheStateUsersStack(Moto moto, String bucket, String stack, String readPolicy) {
        Map<String, String> reader = moto.userWithPolicy("state-reader", readPolicy);
        Sandbox sandbox = new Sandbox(tmp.resolve("reader")).asConsumer().with(reader);
        sandbox.env.put("PULUMI_BACKEND_URL", moto.backendUrl(bucket));
        sandbox.write("Pulumi." + stack + ".yaml", read(tmp.resolve(stack).resolve("project/Pulumi." + stack + ".yaml")));
        sandbox.pulumiOk("preview", "--stack", stack);
        sandbox.pulumiOk("stack", "export", "--stack", stack);
        Run up = sandbox.pulumi("up", "--yes", "--stack", stack);
        assertFalse(up.ok(), "a reader cannot update:\n" + up.describe());
        assertTrue(up.output().contains("operation error S3: PutObject"), up::describe);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The program's state access and read policies for a dev stack whose state bucket is {@code bucket}. */
    private Map<String, String> programsPolicies(String bucket) {
        Sandbox sandbox = new Sandbox(tmp.resolve("program"))
                .withConfig("dev", Map.of("state-backend:azureEnabled", false, "state-backend:awsBucketName", bucket))
                .initLocal("dev");
        sandbox.pulumiOk("up", "--yes", "--skip-preview", "--stack", "dev");
        Map<String, String> policies = new java.util.LinkedHashMap<>();
        for (String output : List.of("awsStateAccessPolicyJson", "awsStateReadPolicyJson")) {
            policies.put(output, sandbox.pulumiOk("stack", "output", output, "--stack", "dev").stdout().strip());
        }
        return policies;
    }

    private static List<String> s3Actions(JsonNode policy) {
        List<String> actions = new java.util.ArrayList<>();
        for (JsonNode statement : policy.path("Statement")) {
            for (JsonNode action : statement.path("Action")) {
                if (action.asText().startsWith("s3:")) {
                    actions.add(action.asText());
                }
            }
        }
        return actions;
    }

    /** The policy without {@code action}, and without a statement that is left with no action. */
    private static String without(JsonNode policy, String action) {
        JsonNode copy = policy.deepCopy();
        ArrayNode statements = (ArrayNode) copy.path("Statement");
        for (int s = statements.size() - 1; s >= 0; s--) {
            ArrayNode actions = (ArrayNode) statements.get(s).path("Action");
            for (int i = actions.size() - 1; i >= 0; i--) {
                if (actions.get(i).asText().equals(action)) {
                    actions.remove(i);
                }
            }
            if (actions.isEmpty()) {
                statements.remove(s);
            }
        }
        return copy.toString();
    }
}
