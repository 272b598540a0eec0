package io.statebackend.ops;

import io.statebackend.testing.Executables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the migration command decides before Pulumi runs: its plan (as a dry run prints it), its questions and its
 * refusals. The moves themselves, with failures injected after each step, run with the real CLI in MigrateStackIT.
 */
class MigrateStackTest {

    static final String TO = "azblob://tfstate?storage_account=stprodstate";
    static final String SP = "azurekeyvault://kv-prod-state.vault.azure.net/keys/pulumi-secrets";
    static final String BACKUP = "backups/acme_payments_prod-20250102T030405Z.json";
    static final String TARGET = "PULUMI_BACKEND_URL='" + TO + "' ";
    static final String NO_PASSPHRASE = "env -u PULUMI_CONFIG_PASSPHRASE -u PULUMI_CONFIG_PASSPHRASE_FILE ";

    @TempDir
    Path tmp;
    FakeCli fake;

    @BeforeEach
    void setUp() throws IOException {
        fake = new FakeCli(tmp);
        Files.writeString(fake.project.resolve("Pulumi.yaml"), "name: payments\nruntime: java\n");
    }

    /** A move of payments' prod from Pulumi Cloud to {@link #TO}, with the options in {@code given} instead. */
    int migrate(String... given) {
        List<String> args = new ArrayList<>();
        List<String> defaults = List.of("--stack", "acme/payments/prod", "--from", "cloud", "--to", TO,
                "--secrets-provider", SP);
        for (int i = 0; i < defaults.size(); i += 2) {
            if (!List.of(given).contains(defaults.get(i))) {
                args.addAll(defaults.subList(i, i + 2));
            }
        }
        args.addAll(List.of(given));
        return fake.run(MigrateStack::run, args.toArray(String[]::new));
    }

    @Test
    void fromABackendTheMoveIsABackupThenStackMigrateThenAPreviewWithoutPassphrase() {
        assertEquals(0, migrate("--dry-run"), fake.err());

        assertEquals(List.of(
                "PULUMI_BACKEND_URL=https://api.pulumi.com pulumi stack export --file " + BACKUP
                        + " --stack acme/payments/prod",
                TARGET + "pulumi stack migrate https://api.pulumi.com acme/payments/prod --target prod"
                        + " --secrets-provider " + SP + " --yes",
                NO_PASSPHRASE + TARGET + "pulumi preview --expect-no-changes --stack prod",
                NO_PASSPHRASE + TARGET + "pulumi stack export --stack prod"), fake.printedCommands());
        assertEquals(List.of(), fake.calls(), "a dry run runs nothing");
        assertTrue(fake.questions.isEmpty(), "a dry run asks nothing");
        assertFalse(Files.exists(fake.project.resolve(".state-backend")));
        assertFalse(Files.exists(fake.project.resolve("backups")));
    }

    @Test
    void fromAnExportTheTargetIsCreatedWithItsProviderAndTheExportImported() throws IOException {
        Files.writeString(fake.project.resolve("cloud-export.json"), "{\"version\":3,\"deployment\":{}}");
        fake.env.remove("PULUMI_CONFIG_PASSPHRASE");
        List<String> args = List.of("--stack", "acme/payments/prod", "--from-export", "cloud-export.json", "--to", TO,
                "--secrets-provider", SP, "--dry-run");
        assertEquals(0, fake.run(MigrateStack::run, args.toArray(String[]::new)), fake.err());

        assertEquals(List.of(
                TARGET + "pulumi stack init prod --secrets-provider " + SP,
                TARGET + "pulumi stack export --stack prod",
                TARGET + "pulumi stack import --file cloud-export.for-prod.json --stack prod",
                NO_PASSPHRASE + TARGET + "pulumi preview --expect-no-changes --stack prod",
                NO_PASSPHRASE + TARGET + "pulumi stack export --stack prod"), fake.printedCommands());
        assertFalse(fake.out().contains("MISSING"), "an export needs no passphrase:\n" + fake.out());
    }

    /**
     * A stack file's secure values cannot follow an export: the move is refused before it asks, runs or writes
     * anything, so the suggested --from run is not then refused for a journal of this one.
     */
    @Test
    void anExportWhoseStackFileHoldsSecureValuesIsRefusedBeforeAnythingIsAskedOrWritten() throws IOException {
        Files.writeString(fake.project.resolve("cloud-export.json"), "{\"version\":3,\"deployment\":{}}");
        Files.writeString(fake.project.resolve("Pulumi.prod.yaml"), "config:\n  payments:token:\n    secure: v1:abc\n");

        assertEquals(Procedure.USAGE, fake.run(MigrateStack::run, new String[]{"--stack", "prod", "--from-export",
                "cloud-export.json", "--to", TO, "--secrets-provider", SP}));
        assertTrue(fake.err().contains("error: Pulumi.prod.yaml holds secure values (payments:token) that only the"
                + " source's secrets provider can read: migrate from the backend itself (--from)"), fake.err());
        assertEquals(List.of(), fake.questions);
        assertEquals(List.of(), fake.calls());
        assertFalse(Files.exists(fake.project.resolve(".state-backend/migrate-prod.json")), "no journal");
    }

    /**
     * acme/payments/prod and prod name one target stack and share one journal: resuming with the other spelling is
     * told the arguments differ, rather than starting a move that would call the first one's target someone else's.
     */
    @Test
    void anotherSpellingOfTheSameStackFindsTheJournalOfTheFirst() {
        fake.fail("stack migrate");
        assertEquals(1, migrate("--yes"), fake.err());
        fake.clearCalls();

        assertEquals(Procedure.USAGE, migrate("--yes", "--stack", "prod"));
        assertTrue(fake.err().startsWith("error: .state-backend/migrate-prod.json belongs to an earlier migration with"
                + " other arguments ("), fake.err());
        assertTrue(fake.err().contains("--stack was 'acme/payments/prod', now 'prod'"), fake.err());
        assertEquals(List.of(), fake.calls());
    }

    /** A move begun when its journal was named after --stack as spelled resumes under the journal's new name. */
    @Test
    void aMoveBegunUnderTheJournalsOldNameResumesThere() throws IOException {
        resumeWithTheTargetHolding("[{\"urn\":\"urn:pulumi:prod::state-backend::pulumi:pulumi:Stack::state-backend-prod\"}]");
        Path journals = fake.project.resolve(".state-backend");
        Files.move(journals.resolve("migrate-prod.json"), journals.resolve("migrate-acme_payments_prod.json"));

        assertEquals(0, migrate("--yes", "--dry-run"), fake.err());
        assertTrue(Files.exists(journals.resolve("migrate-acme_payments_prod.json")), "a dry run moves nothing");
        assertEquals(0, migrate("--yes"), fake.err());
        assertTrue(fake.out().contains("Stack prod already exists in the target: an earlier run of this move made it."),
                fake.out());
        assertTrue(Files.exists(journals.resolve("migrate-prod.json")));
        assertFalse(Files.exists(journals.resolve("migrate-acme_payments_prod.json")));
    }

    /**
     * A backup step redone after the move keeps the copy of the stack file from before it, which the backup needs;
     * redone before the move, it copies the file again, as it exports the state again.
     */
    @Test
    void aRedoneBackupKeepsTheStackFileAsItWasBeforeTheMove() throws IOException {
        Path stackFile = fake.project.resolve("Pulumi.prod.yaml");
        Path copy = fake.project.resolve(BACKUP.replace(".json", ".Pulumi.prod.yaml"));
        Files.writeString(stackFile, "config: {}\n");
        fake.on(TARGET + "pulumi stack export --stack prod", 0, "{\"deployment\":{\"secrets_providers\":{\"type\":"
                + "\"cloud\",\"state\":{\"url\":\"" + SP + "\"}}}}");
        assertEquals(0, migrate("--yes"), fake.err());
        assertEquals("config: {}\n", Files.readString(copy));
        assertTrue(fake.out().contains("and delete the backup " + BACKUP + ", " + BACKUP.replace(".json",
                ".Pulumi.prod.yaml") + " and Pulumi.prod.yaml.bak.* once you no longer need them."), fake.out());

        Files.writeString(stackFile, "config:\n  payments:region: eu-west-1\n");
        assertEquals(0, migrate("--yes", "--redo-from", "backup"), fake.err());
        assertEquals("config:\n  payments:region: eu-west-1\n", Files.readString(copy),
                "before the move the copy follows the stack file, as the backup follows the state");

        Files.writeString(stackFile, "secretsprovider: " + SP + "\nconfig: {}\n");
        assertEquals(0, migrate("--yes", "--redo-from", "backup"), fake.err());
        assertEquals("config:\n  payments:region: eu-west-1\n", Files.readString(copy), "the copy from before the move");
        assertTrue(fake.out().contains("Kept " + BACKUP.replace(".json", ".Pulumi.prod.yaml") + ", the stack file as"
                + " it was before the move."), fake.out());
    }

    /**
     * The import writes only into the empty stack the move created. After a failed {@code stack init}, the journal
     * says the move started the target; a stack someone made there since, holding other resources than the export's,
     * is not written over. (One that holds exactly the export's, an import not recorded as done, MigrateStackIT
     * resumes.)
     */
    @Test
    void theImportNeverWritesOverATargetThatHoldsResources() throws IOException {
        Files.writeString(fake.project.resolve("cloud-export.json"), "{\"version\":3,\"deployment\":{}}");
        String[] args = {"--stack", "prod", "--from-export", "cloud-export.json", "--to", TO, "--secrets-provider", SP,
                "--yes"};
        fake.fail("stack init");
        assertEquals(1, fake.run(MigrateStack::run, args), fake.err());
        fake.clearCalls();
        fake.on("stack ls --json", 0, "[{\"name\":\"prod\"}]");
        fake.on(TARGET + "pulumi stack export --stack prod", 0, "{\"deployment\":{\"secrets_providers\":{\"type\":"
                + "\"cloud\",\"state\":{\"url\":\"" + SP + "\"}},\"resources\":[{\"urn\":\"urn:pulumi:prod::payments::"
                + "pulumi:pulumi:Stack::payments-prod\"}]}}");

        assertEquals(1, fake.run(MigrateStack::run, args));
        assertTrue(fake.err().contains("FAILED [2/3] import: stack prod in the target already holds 1 resource other"
                + " than the export's, and the import writes only into the empty stack this move created"), fake.err());
        assertTrue(fake.calls().stream().noneMatch(call -> call.contains("stack import")), fake.calls().toString());
        assertTrue(fake.err().contains("The copy cloud-export.for-prod.json holds the stack's secrets in plaintext"),
                "a failed import names the plaintext copy it may leave: " + fake.err());
    }

    @Test
    void anExportThatIsNoStackExportIsRefusedInOneLineBeforeAnythingRuns() throws IOException {
        Files.writeString(fake.project.resolve("broken.json"), "{\"deployment\": [unclosed");
        List<String> args = List.of("--stack", "prod", "--from-export", "broken.json", "--to", TO,
                "--secrets-provider", SP, "--yes");
        assertEquals(Procedure.USAGE, fake.run(MigrateStack::run, args.toArray(String[]::new)));
        assertEquals(1, fake.err().strip().lines().count(), fake.err());
        assertTrue(fake.err().startsWith("error: --from-export: <P>/broken.json is not a readable stack export: "),
                fake.err());
        assertEquals(List.of(), fake.calls());
    }

    @Test
    void withoutYesItAsksFirst() {
        fake.confirmAnswer = false;

        assertEquals(Procedure.DECLINED, migrate());
        assertEquals(List.of("Move the stack acme/payments/prod in https://api.pulumi.com to " + TO
                + ", re-encrypting its secrets with " + SP + "?"), fake.questions);
        assertEquals(List.of(), fake.calls());
        assertTrue(fake.err().contains("Not confirmed: nothing was run"), fake.err());
    }

    @Test
    void aPassphraseSourceNeedsThePassphrase() throws IOException {
        Files.writeString(fake.project.resolve("Pulumi.prod.yaml"), "encryptionsalt: v1:abc\n");
        fake.env.remove("PULUMI_CONFIG_PASSPHRASE");

        assertEquals(3, migrate("--yes", "--from", "file:///srv/state"));
        assertTrue(fake.out().contains("MISSING  neither PULUMI_CONFIG_PASSPHRASE"), fake.out());
        assertTrue(fake.out().contains("Pulumi.prod.yaml uses the passphrase secrets provider"), fake.out());
        assertEquals(List.of(), fake.calls());
    }

    @Test
    void targetCredentialsAreRequired() {
        fake.env.remove("AZURE_CLIENT_ID");
        fake.removeFromPath("az");

        assertEquals(3, migrate("--yes"));
        assertTrue(fake.out().contains("Azure credentials (needed to write the target backend)"), fake.out());
        assertFalse(fake.out().contains("needed to encrypt"), "one report per cloud");
    }

    @Test
    void thePolicyPackAndItsConfigGoToTheVerifyingPreview() throws IOException {
        Files.createDirectories(fake.project.resolve("policy"));
        assertEquals(0, migrate("--dry-run", "--policy-pack", "policy", "--policy-pack-config",
                "policy/config/prod.json"), fake.err());
        assertTrue(fake.printedCommands().contains(NO_PASSPHRASE + TARGET + "pulumi preview --expect-no-changes"
                + " --policy-pack policy --policy-pack-config policy/config/prod.json --stack prod"), fake.out());
    }

    /**
     * {@code pulumi stack migrate} creates the target before it writes the state: a run killed in between leaves a
     * stack this move started that holds nothing, which the next run must not take for a finished copy.
     */
    @Test
    void aTargetThatAnInterruptedMigrateLeftIncompleteIsNotTakenForAFinishedCopy() {
        resumeWithTheTargetHolding("[]");

        assertEquals(1, migrate("--yes"));
        assertTrue(fake.err().contains("stack prod exists in the target but lacks 1 of the source's resources"),
                fake.err());
        assertTrue(fake.err().contains("(" + TARGET + "pulumi stack rm prod --force: the copy only"), fake.err());
        assertTrue(fake.calls().stream().noneMatch(call -> call.contains("stack migrate") || call.contains("preview")),
                fake.calls().toString());
    }

    @Test
    void aTargetThatHoldsTheBackupIsCarriedOnWith() {
        resumeWithTheTargetHolding("[{\"urn\":\"urn:pulumi:prod::state-backend::pulumi:pulumi:Stack::state-backend-prod\"}]");

        assertEquals(0, migrate("--yes"), fake.err());
        assertTrue(fake.calls().stream().anyMatch(call -> call.contains("pulumi preview --expect-no-changes")),
                fake.calls().toString());
    }

    /**
     * A move whose {@code stack migrate} failed after the backup, resumed with the target now listing the stack and
     * holding {@code resources} (the fake's backup holds the one stack resource).
     */
    private void resumeWithTheTargetHolding(String resources) {
        fake.fail("stack migrate");
        assertEquals(1, migrate("--yes"), fake.err());
        fake.clearCalls();
        fake.on("stack ls --json", 0, "[{\"name\":\"prod\"}]");
        fake.on(TARGET + "pulumi stack export --stack prod", 0, "{\"deployment\":{\"secrets_providers\":{\"type\":"
                + "\"cloud\",\"state\":{\"url\":\"" + SP + "\"}},\"resources\":" + resources + "}}");
    }

    /** The default project directory is wherever the command runs, often this repository rather than the stack's. */
    @Test
    void aStackOfAnotherProjectThanTheDirectorysIsRefusedBeforeAnythingRuns() throws IOException {
        Files.writeString(fake.project.resolve("Pulumi.yaml"), "name: state-backend\nruntime: java\n");

        assertEquals(2, migrate("--yes"));
        assertEquals("error: acme/payments/prod is a stack of project 'payments', but Pulumi.yaml is project"
                + " 'state-backend': pass that project's directory with --project-dir",
                fake.err().lines().findFirst().orElseThrow());
        assertEquals(List.of(), fake.calls());
    }

    @Test
    void aStackNameWithAnEmptyPartIsAUsageError() {
        for (String stack : List.of("acme/payments/", "acme//prod", "/prod", "a/b/c/prod")) {
            assertEquals(2, migrate("--stack", stack, "--yes"), stack);
            assertTrue(fake.err().contains("--stack '" + stack + "' is not a stack name"), fake.err());
        }
        assertEquals(List.of(), fake.calls());
    }

    @Test
    void urlsAndSourcesAreCheckedBeforeAnythingRuns() {
        assertEquals(2, migrate("--to", "azure" + "rm://state"));
        assertTrue(fake.err().contains("the azurerm scheme is a Terraform convention"), fake.err());
        assertEquals(2, migrate("--secrets-provider", "passphrase"));
        assertEquals(2, migrate("--from", TO));
        assertTrue(fake.err().contains("same backend"), fake.err());
        assertEquals(2, migrate("--from-export", "export.json"));
        assertTrue(fake.err().contains("give exactly one of --from <backend URL> and --from-export <file>"),
                fake.err());
        assertEquals(List.of(), fake.calls());
    }

    @Test
    void aSecondRunBesideARunningOneIsRefusedBeforeAnythingRunsAndAKilledRunLeavesNothingToClear() throws Exception {
        String refusal = "error: another bootstrap or migration is running in this project directory"
                + " (it holds .state-backend/run.lock); wait for it to finish, then run the same command again";
        Process running = lockHolder();
        try {
            assertEquals("locked", outcome(running));
            for (String stack : List.of("acme/payments/prod", "acme/prod", "dev")) {
                assertEquals(Procedure.ALREADY_RUNNING, migrate("--stack", stack, "--yes"), stack);
                assertEquals(refusal, fake.err().lines().findFirst().orElseThrow());
            }
            assertEquals(List.of(), fake.calls());
            try (var files = Files.list(fake.project.resolve(".state-backend"))) {
                assertEquals(List.of("run.lock"), files.map(f -> f.getFileName().toString()).toList(),
                        "the refused runs wrote no journal");
            }
        } finally {
            running.destroyForcibly().waitFor();
        }

        try (RunLock inThisProcess = RunLock.acquire(Ops.fromSystem(fake.project))) {
            assertEquals(0, migrate("--dry-run"), "a dry run changes nothing, so it runs beside another: " + fake.err());
            assertEquals(Procedure.ALREADY_RUNNING, migrate("--yes"));
            assertEquals(refusal, fake.err().lines().findFirst().orElseThrow());
            Process other = lockHolder();
            try {
                assertEquals("refused", outcome(other), "the refusal in this process kept the lock it refused");
            } finally {
                other.destroyForcibly().waitFor();
            }
        }

        migrate("--yes");
        assertFalse(fake.calls().isEmpty(), "once the other run is gone, the lock it held is too: " + fake.err());
    }

    @Test
    void aDirectoryThatIsNoProjectIsNotLockedAndOneThatCannotBeLockedStopsTheRun() throws IOException {
        Path notAProject = Files.createDirectories(tmp.resolve("not-a-project"));
        assertEquals(Procedure.USAGE, migrate("--project-dir", notAProject.toString(), "--yes"));
        assertTrue(fake.err().startsWith("error: " + notAProject.resolve("Pulumi.yaml") + " does not exist: run from the"
                + " stack's project directory or pass it with --project-dir"), fake.err());
        assertFalse(Files.exists(notAProject.resolve(".state-backend")), fake.err());
        assertFalse(Files.exists(tmp.resolve("no-such-project")));

        Files.writeString(fake.project.resolve(".state-backend"), "a file where the journals' directory goes");
        assertEquals(Procedure.MISSING_PREREQUISITES, migrate("--yes"));
        assertTrue(fake.err().startsWith("error: cannot lock .state-backend/run.lock ("), fake.err());
        assertEquals(List.of(), fake.calls());
    }

    /** Another process that locks the project, as a run beside the test's would. */
    private Process lockHolder() throws IOException {
        return new ProcessBuilder(Executables.JAVA,
                "-cp", System.getProperty("java.class.path"), HoldRunLock.class.getName(), fake.project.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String outcome(Process holder) throws IOException {
        try (var lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8)).lines()) {
            return lines.filter(line -> line.equals("locked") || line.equals("refused")).findFirst().orElse("no answer");
        }
    }

    /** Locks the project in {@code args[0]} and holds it until killed or its input ends (the test is gone). */
    static final class HoldRunLock {
        public static void main(String[] args) throws Exception {
            try {
                RunLock.acquire(Ops.fromSystem(Path.of(args[0])));
            } catch (RunLock.Refused e) {
                System.out.println("refused");
                return;
            }
            System.out.println("locked");
            System.in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
