package io.statebackend.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statebackend.process.Command;
import io.statebackend.process.ProcessRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps that move one stack's state from a source backend to a target backend; shared by {@code Bootstrap}
 * (source: the project's local backend) and {@code MigrateStack} (source: any backend).
 *
 * <pre>
 *   [reencrypt-config]  pulumi stack change-secrets-provider &lt;target provider&gt;   (only if the stack file has secure: values)
 *   export              pulumi stack export --show-secrets --file backups/&lt;stack&gt;-&lt;time&gt;.json   (file mode 0600)
 *   login-target        pulumi login &lt;target&gt;
 *   init-target         pulumi stack ls --json; pulumi stack init &lt;stack&gt; --secrets-provider &lt;target provider&gt;
 *   import              pulumi stack import --file &lt;backup&gt;
 *   verify              pulumi preview --expect-no-changes [--policy-pack &lt;dir&gt; [--policy-pack-config &lt;file&gt;]]
 * </pre>
 *
 * <p>Every command that touches a backend carries {@code PULUMI_BACKEND_URL}, so each step talks to the backend it
 * means even when a resumed run starts in a shell logged in elsewhere. Nothing here deletes anything: the source
 * stack and the backup stay where they are.
 *
 * <p>Values read from the journal: {@code targetBackend}, {@code secretsProvider}, {@code backupFile}.
 */
public final class StackMove {

    public static final String TARGET_BACKEND = "targetBackend";
    public static final String SECRETS_PROVIDER = "secretsProvider";
    public static final String BACKUP_FILE = "backupFile";
    private static final String TARGET_CREATED = "targetStackCreated";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String sourceBackend;
    private final String sourceStack;
    private final String targetStack;
    private final List<String> policyArgs;
    private final StackSettingsFile stackFile;

    /**
     * @param sourceBackend where the stack is now
     * @param sourceStack   its name there
     * @param policyArgs    policy pack arguments for the verifying preview ({@code --policy-pack <dir>}, and
     *                      {@code --policy-pack-config <file>}), or none
     * @param stackFile     the stack's settings file in the project
     */
    public StackMove(String sourceBackend, String sourceStack, List<String> policyArgs, StackSettingsFile stackFile) {
        this.sourceBackend = sourceBackend;
        this.sourceStack = sourceStack;
        this.targetStack = StackSettingsFile.shortName(sourceStack);
        this.policyArgs = List.copyOf(policyArgs);
        this.stackFile = stackFile;
    }

    /** A fresh backup path, {@code backups/<stack>-<UTC time>.json}, relative to the project. */
    public static String newBackupPath(Ops ops, String stack) {
        return "backups/" + fileSafe(stack) + "-" + STAMP.format(ops.clock().instant()) + ".json";
    }

    /** A stack name ({@code org/project/name} or {@code name}) as one file-name segment. */
    static String fileSafe(String stack) {
        return stack.replace('/', '_');
    }

    /** What a failure leaves in place, for the failure message. */
    public List<String> keptOnFailure(String backupFile) {
        return List.of(
                "Nothing was deleted: the stack in " + sourceBackend + " is as it was, and the backup " + backupFile
                        + " (plaintext secrets, mode 0600) is kept if it had been written.");
    }

    public List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        List<String> secureKeys = stackFile.secureConfigKeys();
        if (!secureKeys.isEmpty()) {
            steps.add(new Step("reencrypt-config",
                    "re-encrypt the stack's secret config (" + String.join(", ", secureKeys)
                            + ") with the target secrets provider",
                    this::reencryptConfig));
        }
        steps.add(new Step("export", "export the stack with secrets in plaintext to a local backup file",
                this::export));
        steps.add(new Step("login-target", "log in to the target backend", ctx ->
                ctx.run(Command.of("pulumi", "login", ctx.var(TARGET_BACKEND)).build())));
        steps.add(new Step("init-target", "create the stack in the target backend with the target secrets provider",
                this::initTarget));
        steps.add(new Step("import", "import the backup; secrets are re-encrypted with the target provider",
                ctx -> ctx.run(onTarget(ctx, "stack", "import", "--file", ctx.var(BACKUP_FILE),
                        "--stack", targetStack).build())));
        steps.add(new Step("verify", "preview against the new backend: it must show no changes", ctx ->
                ctx.run(onTarget(ctx, "preview", "--expect-no-changes")
                        .args(policyArgs.toArray(String[]::new))
                        .args("--stack", targetStack).build())));
        return steps;
    }

    private Command.Builder onSource(String... args) {
        return Command.of("pulumi", args).env("PULUMI_BACKEND_URL", sourceBackend);
    }

    private static Command.Builder onTarget(StepContext ctx, String... args) throws StepFailed {
        return Command.of("pulumi", args).env("PULUMI_BACKEND_URL", ctx.var(TARGET_BACKEND));
    }

    /**
     * {@code stack init} writes a new data key into Pulumi.&lt;stack&gt;.yaml, after which config values encrypted with
     * the old key can no longer be read. Changing the source stack's provider first re-encrypts them (and its state)
     * with a data key of the target provider; {@code stack init} then finds that provider and key in the file and
     * keeps them (pulumi {@code cloud.NewCloudSecretsManager} only makes a new key when the file has none or names
     * another provider). The source's resources are not touched; its secrets are now under the target key.
     */
    private void reencryptConfig(StepContext ctx) throws StepFailed {
        ctx.run(onSource("stack", "change-secrets-provider", ctx.var(SECRETS_PROVIDER), "--stack", sourceStack)
                .build());
        ctx.say("Pulumi." + targetStack + ".yaml now names the target secrets provider; commit it after the move.");
    }

    private void export(StepContext ctx) throws StepFailed {
        String backupFile = ctx.var(BACKUP_FILE);
        Path backup = ctx.ops().projectDir().resolve(backupFile);
        if (!ctx.dryRun()) {
            createOwnerOnly(backup);
        }
        ctx.run(onSource("stack", "export", "--show-secrets", "--file", backupFile, "--stack", sourceStack).build());
        if (ctx.dryRun()) {
            return;
        }
        ownerOnly(backup);
        checkDeployment(backup);
        if (stackFile.exists()) {
            Path copy = backup.resolveSibling(backup.getFileName().toString().replaceFirst("\\.json$", "")
                    + "." + stackFile.path().getFileName());
            try {
                Files.copy(stackFile.path(), copy, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new StepFailed("could not copy " + stackFile.path() + " next to the backup: " + e.getMessage());
            }
            ctx.say("Copied " + ctx.ops().show(stackFile.path()) + " to " + ctx.ops().show(copy)
                    + " (stack init rewrites its secrets provider lines).");
        }
        ctx.say("WARNING: " + backupFile + " holds every secret of the stack in plaintext. It is readable by its"
                + " owner only (0600); keep it off shared disks and delete it once the move is verified.");
    }

    /** Creates the backups directory (0700) and an empty backup file (0600) before pulumi writes into it. */
    private static void createOwnerOnly(Path file) throws StepFailed {
        try {
            Path dir = file.getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                setPosix(dir, "rwx------");
            }
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            ownerOnly(file);
        } catch (IOException e) {
            throw new StepFailed("could not create the backup file " + file + ": " + e.getMessage());
        }
    }

    private static void ownerOnly(Path file) throws StepFailed {
        try {
            setPosix(file, "rw-------");
        } catch (IOException e) {
            throw new StepFailed("could not make " + file + " owner-only: " + e.getMessage());
        }
    }

    private static void setPosix(Path path, String perms) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException e) {
            path.toFile().setReadable(false, false);
            path.toFile().setReadable(true, true);
            path.toFile().setWritable(false, false);
            path.toFile().setWritable(true, true);
        }
    }

    private static void checkDeployment(Path backup) throws StepFailed {
        try {
            JsonNode node = JSON.readTree(backup.toFile());
            if (node == null || !node.has("deployment")) {
                throw new StepFailed("the export " + backup + " has no \"deployment\"; it is not a stack export");
            }
        } catch (IOException e) {
            throw new StepFailed("the export " + backup + " is not valid JSON: " + e.getMessage());
        }
    }

    /**
     * Creates the target stack, or accepts it when it already exists and either this move created it (a resumed
     * run) or it is empty. A stack that holds resources and was not made by this move is never imported over.
     */
    private void initTarget(StepContext ctx) throws StepFailed {
        ProcessRunner.Result ls = ctx.run(onTarget(ctx, "stack", "ls", "--json").capture().build());
        Command init = onTarget(ctx, "stack", "init", targetStack, "--secrets-provider", ctx.var(SECRETS_PROVIDER))
                .build();
        if (ctx.dryRun()) {
            ctx.probe(init);
            return;
        }
        JsonNode existing = findStack(ls.stdout());
        if (existing == null) {
            ctx.run(init);
            ctx.setVar(TARGET_CREATED, "true");
            return;
        }
        int resources = existing.path("resourceCount").asInt(-1);
        if ("true".equals(ctx.optionalVar(TARGET_CREATED)) || resources == 0) {
            ctx.say("Stack " + targetStack + " already exists in the target and is " + (resources == 0 ? "empty"
                    : "the one this move created") + "; using it.");
            return;
        }
        throw new StepFailed("stack " + targetStack + " already exists in " + ctx.var(TARGET_BACKEND) + " with "
                + (resources < 0 ? "an unknown number of" : String.valueOf(resources)) + " resources, and this"
                + " move did not create it. Refusing to import over it: check who uses it, then remove it yourself"
                + " (`pulumi stack rm`) or move this stack elsewhere.");
    }

    private JsonNode findStack(String lsJson) throws StepFailed {
        try {
            JsonNode list = JSON.readTree(lsJson.isBlank() ? "[]" : lsJson);
            for (JsonNode s : list) {
                String name = s.path("name").asText();
                if (name.equals(targetStack) || name.endsWith("/" + targetStack)) {
                    return s;
                }
            }
            return null;
        } catch (IOException e) {
            throw new StepFailed("could not read the output of `pulumi stack ls --json`: " + e.getMessage());
        }
    }
}
