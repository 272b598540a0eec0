package io.statebackend.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.statebackend.common.BackendLayout;
import io.statebackend.process.Command;
import io.statebackend.process.ProcessRunner;
import io.statebackend.review.PolicyPackReport;
import io.statebackend.settings.Setting;
import io.statebackend.settings.Settings;
import io.statebackend.settings.StackFile;
import io.statebackend.settings.StackFileException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Creates the state storage with a local backend, then moves this project's own stack into it.
 *
 * <pre>
 * mvn -q test-compile exec:java -Dexec.mainClass=io.statebackend.ops.Bootstrap \
 *     -Dexec.args="--target azure --stack prod [--yes] [--dry-run]"
 * </pre>
 *
 * <p>Steps: log in to {@code file://<project>/.pulumi-local}, select or create the stack, build the jar,
 * {@code pulumi up} with the policy pack, read the stack outputs of the chosen target, then {@link StackMove} (backup,
 * {@code pulumi stack migrate}, a verifying preview without the passphrase), and log in to the new backend. Progress
 * is journaled in {@code .state-backend/bootstrap-<stack>.json}; a second run resumes at the first unfinished step.
 */
public final class Bootstrap {

    static final String PROJECT = Setting.NAMESPACE;
    /** The pack as an executable analyzer (see policy/run-pack): runs with every Pulumi CLI build. */
    static final String POLICY_PACK = "policy/run-pack";

    static final String USAGE = """
            Usage: Bootstrap --target azure|aws --stack <name> [options]
              --target azure|aws         which backend the stack's state moves into
              --stack <name>             the stack to create and move (dev, prod)
              --yes                      pass --yes to `pulumi up` (otherwise pulumi asks before the update; the move
                                         that follows asks nothing)
              --dry-run                  print every command, run none, write nothing
              --project-dir <dir>        the Pulumi project (default: current directory)
              --clouds <list>            clouds whose credentials to check, e.g. azure,aws
                                         (default: the target plus any cloud that Pulumi.<stack>.yaml turns on)
              --skip-build               use target/state-backend.jar as built (e.g. by an earlier CI step)
              --backend-query <params>   append these query parameters to the target's login URL, e.g. an S3
                                         endpoint: endpoint=https://bucket.vpce-...amazonaws.com
              --secrets-provider <url>   encrypt the moved stack with this key instead of the target's own
              --redo-from <step>         run this step and all later ones again even if the journal says done
            Needs PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE until the stack's state moves: the local
            backend's stack uses the passphrase secrets provider.""";

    private Bootstrap() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Ops.fromSystem(Path.of(""))));
    }

    /** Runs the bootstrap and returns the process exit code (see {@link Procedure}). */
    public static int run(String[] args, Ops ops) {
        return CommandLine.run(args, ops, USAGE, List.of("target", "stack", "clouds", "redo-from", "backend-query",
                "secrets-provider"), List.of("yes", "dry-run", "skip-build"), Bootstrap::request, Bootstrap::bootstrap);
    }

    /** Which stack goes where, checked before anything runs. */
    private record Request(String target, String stack, Set<String> clouds, String secretsOverride) {
    }

    private static Request request(CliArgs a) {
        String target = a.require("target", "azure or aws").toLowerCase(Locale.ROOT);
        if (!target.equals("azure") && !target.equals("aws")) {
            throw new IllegalArgumentException("--target must be azure or aws, not '" + target + "'");
        }
        String stack = a.require("stack", "the stack to bootstrap, e.g. prod");
        if (!StackFile.isValidName(stack)) {
            throw new IllegalArgumentException("--stack '" + stack
                    + "' is not a stack of this project: use letters, digits, '-', '_', '.'");
        }
        Set<String> clouds = clouds(a.get("clouds"), target);
        String secretsOverride = a.get("secrets-provider") == null ? null
                : Urls.secretsProvider(a.get("secrets-provider"), "--secrets-provider");
        if (a.get("backend-query") != null) {
            Urls.backendQuery(a.get("backend-query"), "--backend-query");
        }
        return new Request(target, stack, clouds, secretsOverride);
    }

    private static int bootstrap(CliArgs a, Request request, Ops ops) {
        String target = request.target();
        String stack = request.stack();
        Set<String> clouds = request.clouds();
        String secretsOverride = request.secretsOverride();
        boolean dryRun = a.has("dry-run");
        boolean yes = a.has("yes");

        Path journalFile = Journal.directory(ops.projectDir()).resolve("bootstrap-" + stack + ".json");
        Journal journal;
        StackFile stackFile;
        try {
            stackFile = StackFile.inspect(ops.projectDir(), stack);
            // The journal keeps the target URL and provider a run learnt; resuming with other ones would mix them.
            journal = Journal.open(journalFile, "bootstrap", Map.of("stack", stack, "target", target,
                    "backend-query", a.get("backend-query", "(none)"),
                    "secrets-provider", Objects.requireNonNullElse(secretsOverride, "(none)")), ops.show(journalFile));
        } catch (IllegalArgumentException | StackFileException e) {
            ops.err().println("error: " + e.getMessage());
            return Procedure.USAGE;
        }
        journal.vars.putIfAbsent(StackMove.BACKUP_FILE, StackMove.newBackupPath(ops, PROJECT + "-" + stack));
        String backupFile = journal.vars.get(StackMove.BACKUP_FILE);

        String localBackend = "file://" + ops.projectDir().resolve(".pulumi-local");
        List<String> policyArgs = policyArgs(ops.projectDir(), stack);
        StackMove move = new StackMove(new StackMove.FromBackend(localBackend, stack), stack, policyArgs, stackFile);
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("login-local", "log in to the local backend kept in the project (.pulumi-local)",
                ctx -> loginLocal(ctx, localBackend)));
        steps.add(new Step("select-stack", "select the stack in the local backend, creating it if needed",
                ctx -> ctx.run(StackMove.pulumi(localBackend, "stack", "select", stack, "--create",
                        "--secrets-provider", "passphrase").build())));
        if (!a.has("skip-build")) {
            // Pulumi runs the prebuilt jar (Pulumi.yaml runtime.options.binary); build it from the current sources.
            steps.add(new Step("build", "build the program's jar (mvn package)",
                    ctx -> ctx.run(Command.of("mvn", "-B", "-q", "package", "-DskipTests").build())));
        }
        steps.add(new Step("up", "create the state storage (pulumi up with the policy pack)",
                ctx -> ctx.run(StackMove.pulumi(localBackend, "up").args(policyArgs.toArray(String[]::new)).args("--stack", stack)
                        .argIf(yes, "--yes").build())));
        steps.add(new Step("read-outputs", "read the stack outputs and choose the " + target + " backend",
                ctx -> readOutputs(ctx, localBackend, stack, target, a.get("backend-query"), secretsOverride)));
        List<Step> localSteps = List.copyOf(steps);
        steps.addAll(move.steps());
        steps.add(new Step("login-target", "log in to the new backend, where the stack now lives",
                ctx -> ctx.run(Command.of("pulumi", "login", ctx.var(StackMove.TARGET_BACKEND)).build())));

        Procedure plan = new Procedure("Bootstrap of stack " + stack + " into the " + target + " backend", steps, journal,
                journalFile, failed -> {
                    List<String> kept = new ArrayList<>(move.keptOnFailure(failed, backupFile));
                    kept.add("The local backend .pulumi-local keeps the stack's state; nothing was removed from it.");
                    return kept;
                }, j -> finished(j, stack, stackFile, move));

        Optional<String> movedUnder = stackFile.keyServiceSecretsProvider();
        Optional<String> localStep = plan.pending(a.get("redo-from")).stream()
                .filter(id -> localSteps.stream().anyMatch(step -> step.id().equals(id))).findFirst();
        if (movedUnder.isPresent() && localStep.isPresent()) {
            // Its local copy is gone on a fresh clone: `up` would then create the storage again from empty state.
            ops.err().println("error: " + ops.show(stackFile.path()) + " names the secrets provider " + movedUnder.get()
                    + ", so the stack has already moved to its backend, and step '" + localStep.get() + "' would work on"
                    + " the local copy; update it where it lives (pulumi login, then pulumi up), not with the bootstrap.");
            return Procedure.USAGE;
        }
        boolean prerequisitesOk = checkPrerequisites(ops, dryRun, clouds, a.get("clouds") == null, stackFile,
                !a.has("skip-build"));
        return plan.start(ops, dryRun, prerequisitesOk, a.get("redo-from"), null, yes);
    }

    /** The target plus the clouds named by --clouds (validated here, before anything runs). */
    private static Set<String> clouds(String arg, String target) {
        Set<String> clouds = new LinkedHashSet<>();
        clouds.add(target);
        if (arg != null) {
            for (String c : arg.split(",")) {
                String cloud = c.trim().toLowerCase(Locale.ROOT);
                if (!cloud.equals("azure") && !cloud.equals("aws")) {
                    throw new IllegalArgumentException("--clouds: unknown cloud '" + c.trim() + "' (azure, aws)");
                }
                clouds.add(cloud);
            }
        }
        return clouds;
    }

    private static boolean checkPrerequisites(Ops ops, boolean dryRun, Set<String> clouds, boolean detect,
                                              StackFile stackFile, boolean build) {
        Set<String> checked = new LinkedHashSet<>(clouds);
        if (detect) {
            if (stackFile.cloudEnabled(Settings.azureEnabled())) {
                checked.add("azure");
            }
            if (stackFile.cloudEnabled(Settings.awsEnabled())) {
                checked.add("aws");
            }
        }
        Path dir = ops.projectDir();
        Prerequisites p = new Prerequisites(ops, dryRun)
                .tool("pulumi", "for every step")
                .tool("java", "to run the Pulumi program")
                .tool("node", "to run the policy pack")
                .path(dir.resolve(POLICY_PACK), "the policy pack is missing")
                .path(dir.resolve("policy/node_modules"), "run `npm ci` in policy/")
                .path(dir.resolve("policy/dist/index.js"), "the pack is not built: run `npm ci` in policy/");
        if (stackFile.keyServiceSecretsProvider().isEmpty()) {
            // Once the stack has moved, what is left to run (the steps on the new backend) needs no passphrase.
            p.passphrase("the local backend's stack uses the passphrase secrets provider");
        }
        if (build) {
            p.tool("mvn", "to build the Pulumi program");
        } else {
            p.path(dir.resolve("target/state-backend.jar"), "build it (mvn -B package -DskipTests) or drop --skip-build");
        }
        for (String cloud : checked) {
            p.cloudCredentials(cloud, "to create the " + cloud + " storage and use its backend");
        }
        return p.report();
    }

    /**
     * The pack with the config the stack is judged by ({@link PolicyPackReport#configFor}): without it the pack's
     * defaults apply, which hold dev to production's rules and prod to weaker thresholds.
     */
    static List<String> policyArgs(Path projectDir, String stack) {
        return List.of("--policy-pack", POLICY_PACK, "--policy-pack-config", PolicyPackReport.configFor(projectDir, stack));
    }

    private static void loginLocal(StepContext ctx, String localBackend) throws StepFailed {
        if (!ctx.dryRun()) {
            try {
                Files.createDirectories(ctx.ops().projectDir().resolve(".pulumi-local"));
            } catch (IOException e) {
                throw new StepFailed("could not create .pulumi-local: " + e.getMessage());
            }
        }
        ctx.run(Command.of("pulumi", "login", localBackend).build());
    }

    /** The login URL with the {@code --backend-query} parameters, if any, added to its query. */
    private static String withQuery(String url, String backendQuery) {
        return backendQuery == null ? url : url + (url.contains("?") ? "&" : "?") + backendQuery;
    }

    private static void readOutputs(StepContext ctx, String localBackend, String stack, String target,
                                    String backendQuery, String secretsOverride) throws StepFailed {
        String urlKey = target + "BackendUrl";
        String secretsKey = target + "SecretsProvider";
        ProcessRunner.Result r = ctx.run(StackMove.pulumi(localBackend, "stack", "output", "--json", "--show-secrets",
                "--stack", stack).capture().build());
        if (ctx.dryRun()) {
            ctx.setVar(StackMove.TARGET_BACKEND, withQuery("<" + urlKey + " output>", backendQuery));
            ctx.setVar(StackMove.SECRETS_PROVIDER, secretsOverride == null ? "<" + secretsKey + " output>"
                    : secretsOverride);
            return;
        }
        JsonNode outputs = StackMove.parse(r.stdout(), "the output of `pulumi stack output --json`");
        String url = outputs.path(urlKey).asText("");
        String secrets = outputs.path(secretsKey).asText("");
        if (url.isEmpty() || secrets.isEmpty()) {
            throw new StepFailed("the stack has no " + (url.isEmpty() ? urlKey : secretsKey) + " output: is "
                    + target + " turned on in Pulumi." + stack + ".yaml, and did `up` finish? After fixing, run"
                    + " again with --redo-from up.");
        }
        String scheme = target.equals("azure") ? "azblob" : "s3";
        String secretsScheme = target.equals("azure") ? "azurekeyvault" : "awskms";
        if (!Urls.scheme(url).equals(scheme) || !Urls.scheme(secrets).equals(secretsScheme)) {
            throw new StepFailed("unexpected outputs " + urlKey + "=" + url + ", " + secretsKey + "=" + secrets
                    + ": expected " + scheme + ":// and " + secretsScheme + ":// URLs");
        }
        String provider = secretsOverride == null ? secrets : secretsOverride;
        String backend = withQuery(url, backendQuery);
        ctx.setVar(StackMove.TARGET_BACKEND, backend);
        ctx.setVar(StackMove.SECRETS_PROVIDER, provider);
        ctx.say("Target backend " + backend + ", secrets provider " + provider);
    }

    private static List<String> finished(Journal j, String stack, StackFile stackFile, StackMove move) {
        String url = j.vars.get(StackMove.TARGET_BACKEND);
        String backupFile = j.vars.get(StackMove.BACKUP_FILE);
        return List.of(
                "Bootstrap finished: stack " + stack + " keeps its state in " + url + ",",
                "its secrets encrypted with " + j.vars.get(StackMove.SECRETS_PROVIDER) + ".",
                "Next:",
                "  1. Commit " + stackFile.path().getFileName() + ": it now names the secrets provider and holds the"
                        + " stack's encrypted data key, which every user and the pipeline need.",
                "  2. Others log in with: " + BackendLayout.loginCommand(url),
                "  3. No secret of the stack needs the passphrase any more (the verifying preview ran without it).",
                "     The local copy, its backup and the stack file's pre-move copies (" + move.stackFileCopy(backupFile)
                        + ", " + stackFile.path().getFileName() + ".bak.*) are no longer needed; this command never"
                        + " deletes them:",
                "       rm -rf .pulumi-local " + backupFile + " " + move.stackFileCopy(backupFile) + " "
                        + stackFile.path().getFileName() + ".bak.*");
    }
}
