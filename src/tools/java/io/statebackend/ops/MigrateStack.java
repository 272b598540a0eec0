package io.statebackend.ops;

import io.statebackend.common.BackendLayout;
import io.statebackend.process.Command;
import io.statebackend.settings.StackFile;
import io.statebackend.settings.StackFileException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves an existing stack from one backend to another (Pulumi Cloud or any self-managed backend to the azblob or
 * s3 backend this project creates), re-encrypting its secrets with the target's secrets provider.
 *
 * <pre>
 * mvn -q test-compile exec:java -Dexec.mainClass=io.statebackend.ops.MigrateStack -Dexec.args="\
 *     --stack acme/payments/prod --from cloud \
 *     --to 'azblob://state?storage_account=stprodstate' \
 *     --secrets-provider azurekeyvault://kv-prod-state.vault.azure.net/keys/pulumi-secrets \
 *     --project-dir ../payments [--policy-pack ../payments/policy] [--dry-run] [--yes]"
 * </pre>
 *
 * <p>From a backend ({@code --from}) the move is {@code pulumi stack migrate}; from an export file
 * ({@code --from-export}) it is {@code stack init} and {@code stack import}; see {@link StackMove}. The source is
 * only read.
 */
public final class MigrateStack {

    static final String USAGE = """
            Usage: MigrateStack --stack <name> (--from <url|cloud> | --from-export <file>) --to <url>
                                --secrets-provider <url> [options]
              --stack <name>             the stack as the source backend names it: org/project/stack or stack;
                                         the target stack gets its last segment as name
              --from <url|cloud>         source backend: cloud (Pulumi Cloud), https://..., file://..., azblob://, s3://
              --from-export <file>       or: a `pulumi stack export --show-secrets` file of the stack, e.g. taken
                                         from Pulumi Cloud by someone logged in there
              --to <url>                 target backend, e.g. azblob://<container>?storage_account=<account>
              --secrets-provider <url>   target secrets provider, e.g. azurekeyvault://<vault>.vault.azure.net/keys/<key>
              --project-dir <dir>        the stack's Pulumi project (default: current directory)
              --policy-pack <path>       also run this policy pack in the verifying preview
              --policy-pack-config <f>   with this policy config (JSON)
              --yes                      do not ask for confirmation
              --dry-run                  print every command, run none, write nothing
              --redo-from <step>         run this step and all later ones again""";

    private MigrateStack() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Ops.fromSystem(Path.of(""))));
    }

    /** Runs the migration and returns the process exit code (see {@link Procedure}). */
    public static int run(String[] args, Ops ops) {
        return CommandLine.run(args, ops, USAGE, List.of("stack", "from", "from-export", "to", "secrets-provider",
                "policy-pack", "policy-pack-config", "redo-from"), List.of("yes", "dry-run"), MigrateStack::request,
                MigrateStack::migrate);
    }

    /** What to move where, checked before anything runs. */
    private record Request(StackFile.Reference stack, StackMove.Source source, String to, String secretsProvider) {
    }

    private static Request request(CliArgs a) {
        StackFile.Reference stack;
        try {
            stack = StackFile.Reference.parse(a.require("stack", "org/project/stack or stack"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--stack " + e.getMessage());
        }
        String to = Urls.backend(a.require("to", "target backend URL"), "--to");
        if ((a.get("from") == null) == (a.get("from-export") == null)) {
            throw new IllegalArgumentException("give exactly one of --from <backend URL> and --from-export <file>");
        }
        StackMove.Source source;
        if (a.get("from") != null) {
            String from = Urls.backend(a.get("from"), "--from");
            if (from.equals(to)) {
                throw new IllegalArgumentException("--from and --to are the same backend; nothing to move");
            }
            source = new StackMove.FromBackend(from, stack.text());
        } else {
            source = new StackMove.FromExport(a.get("from-export"));
        }
        String secretsProvider = Urls.secretsProvider(a.require("secrets-provider", "target secrets provider URL"),
                "--secrets-provider");
        return new Request(stack, source, to, secretsProvider);
    }

    private static int migrate(CliArgs a, Request request, Ops ops) {
        StackFile.Reference reference = request.stack();
        String stack = reference.text();
        StackMove.Source source = request.source();
        String to = request.to();
        String secretsProvider = request.secretsProvider();
        if (source instanceof StackMove.FromExport export && Files.isRegularFile(ops.projectDir().resolve(export.file()))) {
            try {
                StackMove.readExport(ops.projectDir().resolve(export.file()));
            } catch (StepFailed e) {
                ops.err().println("error: --from-export: " + e.getMessage());
                return Procedure.USAGE;
            }
        }
        boolean dryRun = a.has("dry-run");
        String policyPack = a.get("policy-pack");

        Path journalFile;
        try {
            journalFile = journalOf(ops, reference, dryRun);
        } catch (IOException e) {
            ops.err().println("error: could not rename the move's journal in " + ops.show(Journal.directory(
                    ops.projectDir())) + ": " + e.getMessage());
            return Procedure.MISSING_PREREQUISITES;
        }
        Journal journal;
        StackFile stackFile;
        try {
            stackFile = StackFile.inspect(ops.projectDir(), reference);
            journal = Journal.open(journalFile, "migration", Map.of("stack", stack, "from", source.describe(),
                    "to", to, "secrets-provider", secretsProvider), ops.show(journalFile));
        } catch (IllegalArgumentException | StackFileException e) {
            ops.err().println("error: " + e.getMessage());
            return Procedure.USAGE;
        }
        journal.vars.put(StackMove.TARGET_BACKEND, to);
        journal.vars.put(StackMove.SECRETS_PROVIDER, secretsProvider);
        journal.vars.putIfAbsent(StackMove.BACKUP_FILE, StackMove.newBackupPath(ops, stack));
        String backupFile = journal.vars.get(StackMove.BACKUP_FILE);

        Prerequisites p = new Prerequisites(ops, dryRun)
                .tool("pulumi", "for every step");
        if (policyPack != null) {
            p.path(ops.projectDir().resolve(policyPack), "--policy-pack names nothing");
        }
        if (source instanceof StackMove.FromBackend from) {
            if (stackFile.usesPassphrase()) {
                p.passphrase(ops.show(stackFile.path()) + " uses the passphrase secrets provider");
            }
            p.credentialsFor(from.url(), "to read the source backend");
        } else if (source instanceof StackMove.FromExport export) {
            p.path(ops.projectDir().resolve(export.file()), "--from-export names no file");
        }
        p.credentialsFor(to, "to write the target backend")
                .credentialsFor(secretsProvider, "to encrypt with the target secrets provider");
        boolean prerequisitesOk = p.report();

        List<String> policyArgs = new ArrayList<>();
        if (policyPack != null) {
            policyArgs.addAll(List.of("--policy-pack", policyPack));
            if (a.get("policy-pack-config") != null) {
                policyArgs.addAll(List.of("--policy-pack-config", a.get("policy-pack-config")));
            }
        }
        StackMove move = new StackMove(source, reference.name(), policyArgs, stackFile);
        Optional<String> refusal = move.refusalBeforeStart(journal, ops);
        if (refusal.isPresent()) {
            ops.err().println("error: " + refusal.get());
            return Procedure.USAGE;
        }
        Procedure plan = new Procedure("Migration of " + source.describe() + " to " + to, move.steps(), journal,
                journalFile, failed -> move.keptOnFailure(failed, backupFile),
                j -> finished(j, reference, source, to, stackFile, move));
        String question = "Move " + source.describe() + " to " + to + ", re-encrypting its secrets with "
                + secretsProvider + "?";
        return plan.start(ops, dryRun, prerequisitesOk, a.get("redo-from"), question, a.has("yes"));
    }

    /**
     * The move's journal, named after the target stack, so another spelling of --stack for the same stack finds it
     * and is told the arguments differ instead of starting a move of its own. A move begun when journals were named
     * after --stack as spelled resumes under the new name (a dry run reads it where it is).
     */
    private static Path journalOf(Ops ops, StackFile.Reference reference, boolean dryRun) throws IOException {
        Path journals = Journal.directory(ops.projectDir());
        Path journal = journals.resolve("migrate-" + reference.name() + ".json");
        Path spelled = journals.resolve("migrate-" + StackMove.fileSafe(reference.text()) + ".json");
        if (Files.exists(journal) || !Files.exists(spelled) || spelled.equals(journal)) {
            return journal;
        }
        return dryRun ? spelled : Files.move(spelled, journal);
    }

    private static List<String> finished(Journal j, StackFile.Reference stack, StackMove.Source source, String to,
                                         StackFile stackFile, StackMove move) {
        String name = stack.name();
        List<String> lines = new ArrayList<>(List.of(
                "Migration finished: stack " + name + " now lives in " + to + ".",
                "Next:",
                "  1. Commit " + stackFile.path().getFileName() + ": it now names the new secrets provider and data key.",
                "  2. Point users and pipelines at the new backend: " + BackendLayout.loginCommand(to)));
        if (source instanceof StackMove.FromBackend from) {
            lines.addAll(List.of(
                    "  3. The source stack in " + from.url() + " was left in place. Once satisfied, remove its state"
                            + " yourself",
                    "     (--force leaves the cloud resources alone; --preserve-config keeps the stack file):",
                    "       PULUMI_BACKEND_URL=" + Command.quote(from.url()) + " pulumi stack rm " + stack
                            + " --force --preserve-config",
                    "     and delete the backup " + j.vars.get(StackMove.BACKUP_FILE) + ", "
                            + move.stackFileCopy(j.vars.get(StackMove.BACKUP_FILE)) + " and "
                            + stackFile.path().getFileName() + ".bak.* once you no longer need them."));
        } else if (source instanceof StackMove.FromExport export) {
            lines.add("  3. Delete " + export.file() + " and its copy "
                    + move.pointedCopy(export)
                    + ": both hold the stack's secrets in plaintext.");
        }
        return lines;
    }
}
