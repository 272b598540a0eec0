package io.statebackend.ops;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The properties of .github/workflows/state-backend.yml that matter, as a list of violations (empty = good), so
 * that a test can show each rule both holding on the real file and catching a broken copy.
 */
final class WorkflowRules {

    /** Without its stack's config the pack holds dev to production's rules and prod to weaker defaults. */
    static final String STACK_PACK_CONFIG = "--policy-pack-config \"policy/config/${{ matrix.stack }}.json\"";

    private static final Pattern SECRET_REF = Pattern.compile("secrets\\.([A-Za-z0-9_]+)");
    private static final Pattern USES_LINE = Pattern.compile("(?m)^\\s*(?:-\\s+)?uses:\\s*(\\S+)(.*)$");
    private static final Pattern PINNED = Pattern.compile("[^@\\s]+@[0-9a-f]{40}");
    private static final Pattern TAG_COMMENT = Pattern.compile("\\s+#\\s+v\\d+(\\.\\d+)*");
    static final String DRIFT_CHECK = "pulumi preview --refresh --expect-no-changes --policy-pack policy/run-pack";
    /** The identity each kind of job logs in as: the deployer only where pulumi up runs, else the reader. */
    static final String DEPLOYER_AZURE = "${{ vars.AZURE_CLIENT_ID }}";
    static final String DEPLOYER_AWS = "${{ vars.AWS_STATE_ROLE_ARN }}";
    static final String READER_AZURE = "${{ vars.AZURE_READER_CLIENT_ID }}";
    static final String READER_AWS = "${{ vars.AWS_READER_ROLE_ARN }}";
    private static final Pattern KEY_LIKE = Pattern.compile("(?i).*(KEY|SECRET|PASSWORD|CREDENTIAL|PASSPHRASE).*");
    private static final List<String> STORED_CREDENTIAL_INPUTS = List.of("client-secret", "creds",
            "aws-access-key-id", "aws-secret-access-key", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AZURE_CLIENT_SECRET", "ARM_CLIENT_SECRET");

    private WorkflowRules() {
    }

    static List<String> check(JsonNode wf, String text) {
        List<String> v = new ArrayList<>();
        JsonNode on = wf.path("on");
        if (!on.has("pull_request") || !on.has("push")) {
            v.add("workflow must run on pull_request and push");
        }
        if (!on.path("push").path("branches").toString().contains("main")) {
            v.add("push trigger must be limited to main");
        }
        if (wf.path("permissions").path("id-token").asText().equals("write")) {
            v.add("id-token: write belongs on the jobs that log in to the clouds, not the whole workflow");
        }

        if (text.contains("AZURE_KEYVAULT_AUTH_VIA_CLI")) {
            v.add("sets AZURE_KEYVAULT_AUTH_VIA_CLI, which neither Pulumi nor go-cloud reads");
        }
        Matcher uses = USES_LINE.matcher(text);
        while (uses.find()) {
            if (!PINNED.matcher(uses.group(1)).matches() || !TAG_COMMENT.matcher(uses.group(2)).lookingAt()) {
                v.add("action " + uses.group(1) + " is not pinned to a full commit SHA with its tag in a comment");
            }
        }
        if (!on.has("schedule")) {
            v.add("workflow must also run on a schedule, for the drift check");
        }

        Matcher m = SECRET_REF.matcher(text);
        while (m.find()) {
            if (KEY_LIKE.matcher(m.group(1)).matches()) {
                v.add("stored credential secrets." + m.group(1) + " is used; use OIDC federation instead");
            }
        }
        forEachStep(wf, (job, step) -> {
            for (String input : STORED_CREDENTIAL_INPUTS) {
                if (step.path("with").has(input) || step.path("env").has(input)) {
                    v.add("job " + job + " passes stored credentials (" + input + ")");
                }
            }
        });

        JsonNode jobs = wf.path("jobs");
        Iterator<Map.Entry<String, JsonNode>> it = jobs.fields();
        int previewJobs = 0;
        int upJobs = 0;
        int driftJobs = 0;
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode job = e.getValue();
            String runs = runs(job);
            String cond = job.path("if").asText();
            boolean logsIn = uses(job, "azure/login") || uses(job, "aws-actions/configure-aws-credentials");
            if (logsIn && !job.path("permissions").path("id-token").asText().equals("write")) {
                v.add("job " + name + " logs in to a cloud without permissions id-token: write");
            }
            if (uses(job, "azure/login")) {
                JsonNode with = step(job, "azure/login").path("with");
                for (String input : List.of("client-id", "tenant-id", "subscription-id")) {
                    if (!with.has(input)) {
                        v.add("job " + name + ": azure/login without " + input);
                    }
                }
            }
            if (uses(job, "aws-actions/configure-aws-credentials")
                    && !step(job, "aws-actions/configure-aws-credentials").path("with").has("role-to-assume")) {
                v.add("job " + name + ": configure-aws-credentials without role-to-assume");
            }
            boolean deploys = runs.contains("pulumi up");
            if (logsIn) {
                String azure = uses(job, "azure/login") ? step(job, "azure/login").path("with").path("client-id").asText() : "";
                String aws = uses(job, "aws-actions/configure-aws-credentials")
                        ? step(job, "aws-actions/configure-aws-credentials").path("with").path("role-to-assume").asText() : "";
                if (deploys && (!azure.equals(DEPLOYER_AZURE) || !aws.equals(DEPLOYER_AWS))) {
                    v.add("job " + name + " runs pulumi up without the deployer's identity");
                }
                if (!deploys && (!azure.equals(READER_AZURE) || !aws.equals(READER_AWS))) {
                    v.add("job " + name + " previews with an identity other than the reader's");
                }
            }
            if (deploys && !job.has("environment")) {
                v.add("job " + name + " runs pulumi up outside a GitHub environment, whose subject alone the deployer trusts");
            }
            if (runs.contains(DRIFT_CHECK) && cond.contains("schedule") && runs.contains(STACK_PACK_CONFIG)) {
                driftJobs++;
            }
            if (runs.contains("pulumi preview")) {
                previewJobs++;
                if (!cond.contains("pull_request") && !cond.contains("schedule")) {
                    v.add("job " + name + " previews but runs on neither pull_request nor the schedule");
                }
                if (!runs.contains("--policy-pack policy/run-pack")) {
                    v.add("job " + name + " previews without --policy-pack policy/run-pack");
                }
                if (!runs.contains(STACK_PACK_CONFIG)) {
                    v.add("job " + name + " previews without the stack's policy pack config");
                }
            }
            if (runs.contains("pulumi up")) {
                upJobs++;
                if (!cond.contains("github.event_name == 'push'") || !cond.contains("refs/heads/main")) {
                    v.add("job " + name + " runs pulumi up outside pushes to main");
                }
                if (!runs.contains("--policy-pack policy/run-pack") || !runs.contains("--yes")) {
                    v.add("job " + name + " must run pulumi up --policy-pack policy/run-pack --yes");
                }
                if (!runs.contains(STACK_PACK_CONFIG)) {
                    v.add("job " + name + " runs pulumi up without the stack's policy pack config");
                }
            }
            if (runs.contains("pulumi ")) {
                if (!runs.contains("grep -E '^[A-Z_]+=' tools/pulumi/versions >> \"$GITHUB_OUTPUT\"")) {
                    v.add("job " + name + " does not read the pinned toolchain from tools/pulumi/versions");
                }
                JsonNode install = step(job, "pulumi/actions");
                if (install == null || !install.path("with").path("pulumi-version").asText()
                        .equals("${{ steps.pins.outputs.PULUMI_VERSION }}")) {
                    v.add("job " + name + " installs a Pulumi CLI other than the pinned one");
                }
                if (!runs.contains("pulumi plugin install language java \"${{ steps.pins.outputs.PULUMI_JAVA_VERSION }}\"")) {
                    v.add("job " + name + " does not install the pinned Java language host");
                }
            }
            if (runs.contains("pulumi ") && !runs.contains("pulumi login \"$BACKEND_URL\"")) {
                v.add("job " + name + " runs pulumi without logging in to the state backend");
            }
            if (runs.contains("pulumi login") && !stepEnvMentions(job, "vars[")) {
                v.add("job " + name + " must take the backend URL from a repository variable");
            }
        }
        if (previewJobs == 0) {
            v.add("no job runs pulumi preview");
        }
        if (upJobs == 0) {
            v.add("no job runs pulumi up");
        }
        if (driftJobs == 0) {
            v.add("no scheduled job runs " + DRIFT_CHECK + " with the stack's pack config");
        }
        return v;
    }

    static String runs(JsonNode job) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode s : job.path("steps")) {
            sb.append(s.path("run").asText()).append('\n');
        }
        return sb.toString();
    }

    static boolean uses(JsonNode job, String action) {
        return step(job, action) != null;
    }

    static JsonNode step(JsonNode job, String action) {
        for (JsonNode s : job.path("steps")) {
            if (s.path("uses").asText().startsWith(action + "@")) {
                return s;
            }
        }
        return null;
    }

    private static boolean stepEnvMentions(JsonNode job, String needle) {
        for (JsonNode s : job.path("steps")) {
            if (s.path("run").asText().contains("pulumi login") && s.path("env").toString().contains(needle)) {
                return true;
            }
        }
        return false;
    }

    interface StepVisitor {
        void visit(String job, JsonNode step);
    }

    static void forEachStep(JsonNode wf, StepVisitor visitor) {
        Iterator<Map.Entry<String, JsonNode>> it = wf.path("jobs").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            for (JsonNode s : e.getValue().path("steps")) {
                visitor.visit(e.getKey(), s);
            }
        }
    }
}
