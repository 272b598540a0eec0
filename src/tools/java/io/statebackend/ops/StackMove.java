package io.statebackend.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statebackend.process.Command;
import io.statebackend.process.ProcessRunner;
import io.statebackend.settings.StackFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The steps that move one stack into a target backend under the target's secrets provider; shared by
 * {@code Bootstrap} (source: the project's local backend) and {@code MigrateStack} (source: any backend, or an
 * export file).
 *
 * <pre>
 * From a backend:
 *   backup    pulumi stack export --file backups/&lt;stack&gt;-&lt;time&gt;.json       (the state as stored: secrets stay encrypted)
 *   migrate   pulumi stack migrate &lt;source&gt; &lt;stack&gt; --secrets-provider &lt;target provider&gt; --yes
 * From an export file (--show-secrets, e.g. taken from Pulumi Cloud):
 *   init-target  pulumi stack init &lt;stack&gt; --secrets-provider &lt;target provider&gt;
 *   import       pulumi stack import --file &lt;the export, its secrets_providers set to the target stack's&gt;
 * Then:
 *   verify    env -u PULUMI_CONFIG_PASSPHRASE -u PULUMI_CONFIG_PASSPHRASE_FILE pulumi preview --expect-no-changes [pack]
 *             and the target's state names the target secrets provider
 * </pre>
 *
 * <p>{@code pulumi stack migrate} re-encrypts config and state under the target provider and rolls back what it began
 * if it fails; it only reads the source. {@code stack import} keeps the secrets manager its file names (and turns a
 * Pulumi Cloud {@code service} one into the passphrase manager), so an export is first pointed at the target stack's
 * manager. Every command that touches a backend carries {@code PULUMI_BACKEND_URL}, so a resumed run talks to the
 * backend it means whatever the shell is logged in to. Nothing here deletes anything.
 *
 * <p>Values read from the journal: {@code targetBackend}, {@code secretsProvider}, {@code backupFile}.
 */
public final class StackMove {

    public static final String TARGET_BACKEND = "targetBackend";
    public static final String SECRETS_PROVIDER = "secretsProvider";
    public static final String BACKUP_FILE = "backupFile";
    /** Set before this move starts to create the target stack: a later run may find it and carry on. */
    private static final String TARGET_STARTED = "targetStackStarted";

    static final String[] PASSPHRASE_VARIABLES = {"PULUMI_CONFIG_PASSPHRASE", "PULUMI_CONFIG_PASSPHRASE_FILE"};

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Source source;
    private final String targetStack;
    private final List<String> policyArgs;
    private final StackFile stackFile;

    /** Where the stack comes from: a backend that holds it, or a file it was exported to. */
    public sealed interface Source {
        String describe();
    }

    /** The stack {@code stack} in the backend {@code url}. */
    public record FromBackend(String url, String stack) implements Source {
        @Override
        public String describe() {
            return "the stack " + stack + " in " + url;
        }
    }

    /** A {@code pulumi stack export --show-secrets} file, relative to the project. */
    public record FromExport(String file) implements Source {
        @Override
        public String describe() {
            return "the export " + file;
        }
    }

    /**
     * @param source      where the stack is now
     * @param targetStack its name in the target backend
     * @param policyArgs  policy pack arguments for the verifying preview, or none
     * @param stackFile   the stack's settings file in the project
     */
    public StackMove(Source source, String targetStack, List<String> policyArgs, StackFile stackFile) {
        this.source = source;
        this.targetStack = targetStack;
        this.policyArgs = List.copyOf(policyArgs);
        this.stackFile = stackFile;
    }

    /** A fresh backup path, {@code backups/<stack>-<UTC time>.json}, relative to the project. */
    public static String newBackupPath(Ops ops, String stack) {
        return "backups/" + fileSafe(stack) + "-" + STAMP.format(ops.clock().instant()) + ".json";
    }

    /**
     * The export's copy pointed at the target stack's secrets manager ({@code <export>.for-<stack>.json}), beside the
     * export, relative to the project.
     */
    public String pointedCopy(FromExport export) {
        return export.file().replaceFirst("\\.json$", "") + ".for-" + fileSafe(targetStack) + ".json";
    }

    /** A stack name ({@code org/project/name} or {@code name}) as one file-name segment. */
    static String fileSafe(String stack) {
        return stack.replace('/', '_');
    }

    /**
     * The copy of the stack file the backup step keeps beside {@code backupFile}
     * ({@code backups/<stack>-<time>.Pulumi.<stack>.yaml}): with the backup, it restores the stack as it was.
     */
    public String stackFileCopy(String backupFile) {
        return backupFile.replaceFirst("\\.json$", "") + "." + stackFile.path().getFileName();
    }

    /** What a failure at {@code failedStep} leaves in place, for the failure message. */
    public List<String> keptOnFailure(String failedStep, String backupFile) {
        List<String> kept = new ArrayList<>();
        kept.add("Nothing was deleted, and " + source.describe() + " is unchanged: the move only reads it.");
        if (source instanceof FromBackend) {
            kept.add("The backup " + backupFile + " (the state as stored, secrets encrypted) is kept if it was"
                    + " written.");
        }
        String file = stackFile.path().getFileName().toString();
        switch (failedStep) {
            case "migrate" -> kept.add("`pulumi stack migrate` removes a target stack it created and restores " + file
                    + " when it fails.");
            case "import", "verify" -> kept.add("The stack " + targetStack + " exists in the target; " + file
                    + " names the target secrets provider"
                    + (source instanceof FromBackend ? " (its previous content is in " + file + ".bak.*)." : "."));
            default -> { }
        }
        if (source instanceof FromExport export && List.of("import", "verify").contains(failedStep)) {
            kept.add("The copy " + pointedCopy(export) + " holds the stack's secrets in plaintext, as the export does:"
                    + " delete both once the move is done or given up.");
        }
        return kept;
    }

    public List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        if (source instanceof FromBackend from) {
            steps.add(new Step("backup", "keep a copy of the stack's state as stored (its secrets stay encrypted)",
                    ctx -> backup(ctx, from)));
            steps.add(new Step("migrate", "copy the stack into the target backend, re-encrypting its config and"
                    + " state with the target secrets provider", ctx -> migrate(ctx, from)));
        } else if (source instanceof FromExport from) {
            steps.add(new Step("init-target", "create the stack in the target backend with the target secrets"
                    + " provider", this::initTarget));
            steps.add(new Step("import", "import the export under the target stack's secrets provider",
                    ctx -> importExport(ctx, from)));
        }
        steps.add(new Step("verify", "preview against the new backend with no passphrase: it must show no changes,"
                + " and the state must name the target secrets provider", this::verify));
        return steps;
    }

    /** A {@code pulumi} command on the given backend, whatever the caller is logged in to. */
    static Command.Builder pulumi(String backend, String... args) {
        return Command.of("pulumi", args).env("PULUMI_BACKEND_URL", backend);
    }

    private static Command.Builder onTarget(StepContext ctx, String... args) throws StepFailed {
        return pulumi(ctx.var(TARGET_BACKEND), args);
    }

    /** {@code pulumi stack export} of the target stack, its JSON captured. */
    private Command.Builder targetExport(StepContext ctx) throws StepFailed {
        return onTarget(ctx, "stack", "export", "--stack", targetStack).capture();
    }

    private void backup(StepContext ctx, FromBackend from) throws StepFailed {
        String backupFile = ctx.var(BACKUP_FILE);
        Path backup = ctx.ops().projectDir().resolve(backupFile);
        if (!ctx.dryRun()) {
            createOwnerOnly(backup);
        }
        ctx.run(pulumi(from.url(), "stack", "export", "--file", backupFile, "--stack", from.stack()).build());
        if (ctx.dryRun()) {
            return;
        }
        readExport(backup);
        if (stackFile.exists()) {
            Path copy = ctx.ops().projectDir().resolve(stackFileCopy(backupFile));
            if (Files.exists(copy) && stackFile.keyServiceSecretsProvider().isPresent()) {
                // A step redone after the move: the stack file has been rewritten since, and the copy is the one
                // that goes with the source's secrets. Before the move the copy follows the file, as the backup does.
                ctx.say("Kept " + ctx.ops().show(copy) + ", the stack file as it was before the move.");
                return;
            }
            try {
                Files.copy(stackFile.path(), copy, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new StepFailed("could not copy " + stackFile.path() + " next to the backup: " + e.getMessage());
            }
            ctx.say("Copied " + ctx.ops().show(stackFile.path()) + " to " + ctx.ops().show(copy)
                    + ": with the backup, it restores the stack as it was.");
        }
    }

    private void migrate(StepContext ctx, FromBackend from) throws StepFailed {
        Command migrate = onTarget(ctx, "stack", "migrate", from.url(), from.stack(), "--target", targetStack,
                "--secrets-provider", ctx.var(SECRETS_PROVIDER), "--yes").build();
        if (ctx.dryRun()) {
            ctx.probe(migrate);
            return;
        }
        if (targetExists(ctx)) {
            assertTargetHoldsTheBackup(ctx);
            return;
        }
        ctx.setVar(TARGET_STARTED, "true");
        ctx.run(migrate);
    }

    /**
     * {@code pulumi stack migrate} creates the target stack before it writes the state, and a run killed in between
     * (or whose rollback failed) leaves a stack that would pass for a finished copy. The one this move started must
     * hold every resource of the backup taken before it.
     */
    private void assertTargetHoldsTheBackup(StepContext ctx) throws StepFailed {
        Set<String> missing = urns(readExport(ctx.ops().projectDir().resolve(ctx.var(BACKUP_FILE))).path("deployment"));
        missing.removeAll(urns(parse(ctx.run(targetExport(ctx).build()).stdout(), "the target stack's export")
                .path("deployment")));
        if (!missing.isEmpty()) {
            throw new StepFailed("stack " + targetStack + " exists in the target but lacks " + missing.size()
                    + " of the source's resources: an earlier `pulumi stack migrate` stopped before it finished. The"
                    + " source is unchanged. Remove the incomplete copy this move made ("
                    + onTarget(ctx, "stack", "rm", targetStack, "--force").build().display() + ": the copy only, no"
                    + " resource), then run again.");
        }
    }

    private static Set<String> urns(JsonNode deployment) {
        Set<String> urns = new TreeSet<>();
        deployment.path("resources").forEach(resource -> urns.add(resource.path("urn").asText()));
        return urns;
    }

    /**
     * Why this move cannot start, before anything is asked or written: from an export, the stack file's
     * {@code secure:} values cannot follow (only their owner's provider reads them), unless an earlier run of this
     * move has already started the target.
     */
    public Optional<String> refusalBeforeStart(Journal journal, Ops ops) {
        List<String> secure = stackFile.secureConfigKeys();
        if (!(source instanceof FromExport) || secure.isEmpty() || "true".equals(journal.vars.get(TARGET_STARTED))) {
            return Optional.empty();
        }
        return Optional.of(ops.show(stackFile.path()) + " holds secure values (" + String.join(", ", secure)
                + ") that only the source's secrets provider can read: migrate from the backend itself (--from) so"
                + " Pulumi re-encrypts them, or remove them and set them again after the move.");
    }

    /** Creates the target stack. Every file the command reads or writes stays as it was. */
    private void initTarget(StepContext ctx) throws StepFailed {
        Command init = onTarget(ctx, "stack", "init", targetStack, "--secrets-provider", ctx.var(SECRETS_PROVIDER))
                .build();
        if (ctx.dryRun()) {
            ctx.probe(init);
            return;
        }
        if (targetExists(ctx)) {
            return;
        }
        ctx.setVar(TARGET_STARTED, "true");
        ctx.run(init);
    }

    /**
     * True when the target already holds the stack: then it must be the one this move started (a resumed run), as a
     * stack that someone else made is never written over.
     */
    private boolean targetExists(StepContext ctx) throws StepFailed {
        ProcessRunner.Result ls = ctx.run(onTarget(ctx, "stack", "ls", "--json").capture().build());
        if (!listsTargetStack(ls.stdout())) {
            return false;
        }
        if ("true".equals(ctx.optionalVar(TARGET_STARTED))) {
            ctx.say("Stack " + targetStack + " already exists in the target: an earlier run of this move made it.");
            return true;
        }
        throw new StepFailed("stack " + targetStack + " already exists in " + ctx.var(TARGET_BACKEND) + " and this"
                + " move did not create it. Refusing to write over it: check who uses it, then remove it yourself"
                + " (`pulumi stack rm`) or move this stack elsewhere.");
    }

    /**
     * Imports the export with its {@code secrets_providers} replaced by the target stack's (read back from the
     * export of the new, empty stack), through a copy that is readable by its owner only. A target that already
     * holds the export's resources (an import whose step was not recorded as done) is left as it is; one that holds
     * others is never written over, whatever the journal says of who created it.
     */
    private void importExport(StepContext ctx, FromExport from) throws StepFailed {
        Path original = ctx.ops().projectDir().resolve(from.file());
        Path pointed = ctx.ops().projectDir().resolve(pointedCopy(from));
        Command importCommand = onTarget(ctx, "stack", "import", "--file", ctx.ops().show(pointed), "--stack",
                targetStack).build();
        ProcessRunner.Result target = ctx.run(targetExport(ctx).build());
        if (ctx.dryRun()) {
            ctx.probe(importCommand);
            return;
        }
        JsonNode targetDeployment = parse(target.stdout(), "the target stack's export").path("deployment");
        JsonNode export = readExport(original);
        Set<String> held = urns(targetDeployment);
        if (!held.isEmpty() && held.equals(urns(export.path("deployment")))) {
            ctx.say("Stack " + targetStack + " already holds every resource of the export and nothing else: an earlier"
                    + " run of this move imported it.");
            return;
        }
        if (!held.isEmpty()) {
            throw new StepFailed("stack " + targetStack + " in the target already holds " + held.size() + " resource"
                    + (held.size() == 1 ? "" : "s") + " other than the export's, and the import writes only into the"
                    + " empty stack this move created: refusing to write over it. Check who uses it.");
        }
        JsonNode targetManager = targetDeployment.path("secrets_providers");
        if (targetManager.isMissingNode() || targetManager.isNull()) {
            throw new StepFailed("the new stack " + targetStack + " has no secrets provider in its state; was it"
                    + " created with --secrets-provider?");
        }
        ((ObjectNode) export.get("deployment"))
                .set("secrets_providers", targetManager);
        createOwnerOnly(pointed);
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(pointed.toFile(), export);
        } catch (IOException e) {
            throw new StepFailed("could not write " + pointed + ": " + e.getMessage());
        }
        ctx.say("Wrote " + ctx.ops().show(pointed) + " (plaintext secrets, mode 0600): the export under the target's"
                + " secrets provider.");
        ctx.run(importCommand);
    }

    /**
     * The preview runs without any passphrase in its environment, so a stack whose secrets still need one fails
     * here rather than in the next pipeline run; then the state must name the target provider.
     */
    private void verify(StepContext ctx) throws StepFailed {
        ctx.run(onTarget(ctx, "preview", "--expect-no-changes")
                .args(policyArgs.toArray(String[]::new))
                .args("--stack", targetStack)
                .unset(PASSPHRASE_VARIABLES)
                .build());
        ProcessRunner.Result export = ctx.run(targetExport(ctx).unset(PASSPHRASE_VARIABLES).build());
        if (ctx.dryRun()) {
            return;
        }
        JsonNode manager = parse(export.stdout(), "the moved stack's export").path("deployment")
                .path("secrets_providers");
        String url = manager.path("state").path("url").asText("");
        if (!url.equals(ctx.var(SECRETS_PROVIDER))) {
            throw new StepFailed("the moved stack's state is encrypted by " + manager.path("type").asText("nothing")
                    + (url.isEmpty() ? "" : " (" + url + ")") + ", not " + ctx.var(SECRETS_PROVIDER)
                    + ": run `pulumi stack change-secrets-provider " + Command.quote(ctx.var(SECRETS_PROVIDER))
                    + " --stack " + targetStack + "` against the target backend.");
        }
        ctx.say("The state in " + ctx.var(TARGET_BACKEND) + " is encrypted with " + url + "; no passphrase is needed.");
    }

    /** Creates the backups directory (0700) and an empty file (0600) before anything writes into it. */
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
            setPosix(file, "rw-------");
        } catch (IOException e) {
            throw new StepFailed("could not create " + file + " readable by its owner only: " + e.getMessage());
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

    /** The export in {@code file}, which must hold a {@code deployment}. */
    static JsonNode readExport(Path file) throws StepFailed {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !node.path("deployment").isObject()) {
                throw new StepFailed(file + " has no \"deployment\"; it is not a stack export");
            }
            return node;
        } catch (IOException e) {
            throw new StepFailed(file + " is not a readable stack export: " + oneLine(e));
        }
    }

    static JsonNode parse(String json, String what) throws StepFailed {
        try {
            return JSON.readTree(json.isBlank() ? "{}" : json);
        } catch (IOException e) {
            throw new StepFailed(what + " is not JSON: " + oneLine(e));
        }
    }

    /** Jackson's own message, without the source excerpt it appends on further lines. */
    private static String oneLine(IOException e) {
        return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
    }

    private boolean listsTargetStack(String lsJson) throws StepFailed {
        for (JsonNode s : parse(lsJson.isBlank() ? "[]" : lsJson, "the output of `pulumi stack ls --json`")) {
            String name = s.path("name").asText();
            if (name.equals(targetStack) || name.endsWith("/" + targetStack)) {
                return true;
            }
        }
        return false;
    }
}
