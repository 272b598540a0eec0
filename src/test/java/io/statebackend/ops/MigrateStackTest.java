package io.statebackend.ops;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrateStackTest {

    static final String TO = "azblob://tfstate?storage_account=stprodstate";
    static final String SP = "azurekeyvault://kv-prod-state.vault.azure.net/keys/pulumi-secrets";
    static final String BACKUP = "backups/acme_payments_prod-20250102T030405Z.json";
    static final String CLOUD = "PULUMI_BACKEND_URL=https://api.pulumi.com ";
    static final String TARGET = "PULUMI_BACKEND_URL='" + TO + "' ";

    static final List<String> HAPPY = List.of(
            "pulumi login https://api.pulumi.com",
            CLOUD + "pulumi stack export --show-secrets --file " + BACKUP + " --stack acme/payments/prod",
            "pulumi login '" + TO + "'",
            TARGET + "pulumi stack ls --json",
            TARGET + "pulumi stack init prod --secrets-provider " + SP,
            TARGET + "pulumi stack import --file " + BACKUP + " --stack prod",
            TARGET + "pulumi preview --expect-no-changes --stack prod");

    @TempDir
    Path tmp;
    FakeCli fake;

    @BeforeEach
    void setUp() {
        fake = new FakeCli(tmp);
    }

    int migrate(String... extra) {
        List<String> args = new ArrayList<>(List.of("--stack", "acme/payments/prod", "--from", "cloud",
                "--to", TO, "--secrets-provider", SP));
        args.addAll(List.of(extra));
        return fake.run(MigrateStack::run, args.toArray(String[]::new));
    }

    @Test
    void happyPathExportsMovesImportsAndVerifies() {
        assertEquals(0, migrate("--yes"), fake.err());

        assertEquals(HAPPY, fake.calls());
        assertTrue(Files.exists(fake.project.resolve(BACKUP)));
        assertTrue(fake.out().contains("pulumi stack rm acme/payments/prod --force --preserve-config"), fake.out());
        assertTrue(fake.questions.isEmpty(), "--yes asks nothing");
    }

    @Test
    void withoutYesItAsksFirstAndPassesYesToNoCommand() {
        assertEquals(0, migrate(), fake.err());

        assertEquals(1, fake.questions.size());
        assertTrue(fake.questions.get(0).contains("from https://api.pulumi.com to " + TO));
        assertEquals(HAPPY, fake.calls());
        assertTrue(fake.calls().stream().noneMatch(c -> c.contains("--yes")));
    }

    @Test
    void aDeclinedConfirmationRunsNothing() {
        fake.confirmAnswer = false;

        assertEquals(4, migrate());
        assertEquals(List.of(), fake.calls());
        assertTrue(fake.err().contains("nothing was run"), fake.err());
    }

    @ParameterizedTest(name = "failure in {0}")
    @CsvSource({
            "login-source, login https,         0, 0",
            "export,       stack export,        1, 1",
            "login-target, pulumi login 'azblob, 2, 2",
            "init-target,  stack ls,            3, 3",
            "init-target,  stack init,          4, 3",
            "import,       stack import,        5, 5",
            "verify,       preview,             6, 6"})
    void aFailedStepStopsKeepsTheSourceAndBackupAndResumesThere(String step, String match, int failingCall,
                                                                 int resumeCall) {
        fake.fail(match);

        assertEquals(1, migrate("--yes"));
        assertEquals(HAPPY.subList(0, failingCall + 1), fake.calls());
        assertTrue(fake.err().contains("] " + step + ": `"), fake.err());
        assertTrue(fake.err().contains("Nothing was deleted: the stack in https://api.pulumi.com is as it was"));
        assertEquals(failingCall >= 1, Files.exists(fake.project.resolve(BACKUP)));
        assertTrue(fake.calls().stream().noneMatch(c -> c.contains(" rm") || c.contains("logout")));

        fake.clearRules();
        fake.clearCalls();
        assertEquals(0, migrate("--yes"), fake.err());
        assertEquals(HAPPY.subList(resumeCall, HAPPY.size()), fake.calls());
    }

    @Test
    void dryRunPrintsTheCommandsAndRunsNone() {
        assertEquals(0, migrate("--dry-run"), fake.err());

        assertEquals(List.of(), fake.calls());
        assertEquals(HAPPY, fake.printedCommands());
        assertTrue(fake.questions.isEmpty(), "a dry run asks nothing");
        assertFalse(Files.exists(fake.project.resolve(".state-backend")));
        assertFalse(Files.exists(fake.project.resolve("backups")));
    }

    @Test
    void aPassphraseStackNeedsThePassphraseAndItsSecretConfigIsReencryptedFirst() throws IOException {
        Files.writeString(fake.project.resolve("Pulumi.prod.yaml"), """
                encryptionsalt: v1:abc
                config:
                  payments:dbPassword:
                    secure: v1:deadbeef
                """);
        fake.env.remove("PULUMI_CONFIG_PASSPHRASE");

        assertEquals(3, migrate("--yes", "--from", "file:///srv/state"));
        assertTrue(fake.out().contains("MISSING  neither PULUMI_CONFIG_PASSPHRASE"), fake.out());
        assertTrue(fake.out().contains("Pulumi.prod.yaml uses the passphrase secrets provider"), fake.out());
        assertEquals(List.of(), fake.calls());

        fake.env.put("PULUMI_CONFIG_PASSPHRASE_FILE", tmp.resolve("pass").toString());
        Files.writeString(tmp.resolve("pass"), "secret");
        assertEquals(0, migrate("--yes", "--from", "file:///srv/state"), fake.err());
        assertEquals(List.of(
                "pulumi login file:///srv/state",
                "PULUMI_BACKEND_URL=file:///srv/state pulumi stack change-secrets-provider " + SP
                        + " --stack acme/payments/prod",
                "PULUMI_BACKEND_URL=file:///srv/state pulumi stack export --show-secrets --file " + BACKUP
                        + " --stack acme/payments/prod"), fake.calls().subList(0, 3));
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
    void policyPackConfigGoesWithThePack() throws IOException {
        Files.createDirectories(fake.project.resolve("policy"));
        assertEquals(0, migrate("--yes", "--policy-pack", "policy", "--policy-pack-config", "policy/config/prod.json"),
                fake.err());
        assertEquals(TARGET + "pulumi preview --expect-no-changes --policy-pack policy --policy-pack-config "
                + "policy/config/prod.json --stack prod", fake.calls().get(6));
    }

    @Test
    void policyPackIsPassedToTheVerifyingPreview() throws IOException {
        Files.createDirectories(fake.project.resolve("policy"));
        assertEquals(0, migrate("--yes", "--policy-pack", "policy"), fake.err());
        assertEquals(TARGET + "pulumi preview --expect-no-changes --policy-pack policy --stack prod",
                fake.calls().get(6));
    }

    @Test
    void urlsAreCheckedBeforeAnythingRuns() {
        assertEquals(2, migrate("--to", "azure" + "rm://state"));
        assertTrue(fake.err().contains("the azurerm scheme is a Terraform convention"), fake.err());
        assertEquals(2, migrate("--secrets-provider", "passphrase"));
        assertEquals(2, migrate("--from", TO));
        assertTrue(fake.err().contains("same backend"), fake.err());
        assertEquals(List.of(), fake.calls());
    }
}
