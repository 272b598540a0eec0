package io.statebackend.ops;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BootstrapTest {

    static final String LOCAL = "PULUMI_BACKEND_URL=file://<P>/.pulumi-local ";
    static final String BACKUP = "backups/state-backend-prod-20250102T030405Z.json";
    static final String AZ_URL = "azblob://tfstate?storage_account=stprodstate";
    static final String AZ_KEY = "azurekeyvault://kv-prod-state.vault.azure.net/keys/pulumi-secrets";
    static final String AWS_URL = "s3://prod-pulumi-state?region=eu-west-1&awssdk=v2";
    static final String AWS_KEY = "awskms://alias/pulumi-state?region=eu-west-1";
    static final String OUTPUTS = """
            {"azureBackendUrl": "%s", "azureSecretsProvider": "%s",
             "azureLoginCommand": "pulumi login '%s'",
             "awsBackendUrl": "%s", "awsSecretsProvider": "%s",
             "awsLoginCommand": "pulumi login '%s'"}""".formatted(AZ_URL, AZ_KEY, AZ_URL, AWS_URL, AWS_KEY, AWS_URL);

    /** The whole happy path for --target azure, as the fake logs it and as --dry-run prints it. */
    static List<String> azureHappyPath(String upSuffix) {
        String target = "PULUMI_BACKEND_URL='" + AZ_URL + "' ";
        return List.of(
                "pulumi login file://<P>/.pulumi-local",
                LOCAL + "pulumi stack select prod --create --secrets-provider passphrase",
                "mvn -B -q package -DskipTests",
                LOCAL + "pulumi up --policy-pack policy --policy-pack-config policy/config/prod.json --stack prod" + upSuffix,
                LOCAL + "pulumi stack output --json --show-secrets --stack prod",
                LOCAL + "pulumi stack export --show-secrets --file " + BACKUP + " --stack prod",
                "pulumi login '" + AZ_URL + "'",
                target + "pulumi stack ls --json",
                target + "pulumi stack init prod --secrets-provider " + AZ_KEY,
                target + "pulumi stack import --file " + BACKUP + " --stack prod",
                target + "pulumi preview --expect-no-changes --policy-pack policy --policy-pack-config policy/config/prod.json --stack prod");
    }

    @TempDir
    Path tmp;
    FakeCli fake;
    Path localState;

    @BeforeEach
    void setUp() throws IOException {
        fake = new FakeCli(tmp);
        fake.on("stack output", 0, OUTPUTS);
        localState = fake.project.resolve(".pulumi-local/.pulumi/stacks/state-backend/prod.json");
        Files.createDirectories(localState.getParent());
        Files.writeString(localState, "{\"checkpoint\": {}}");
    }

    int bootstrap(String... args) {
        return fake.run(Bootstrap::run, args);
    }

    @Test
    void happyPathForAzureRunsTheDocumentedCommandsInOrder() throws IOException {
        int code = bootstrap("--target", "azure", "--stack", "prod", "--yes");

        assertEquals(0, code, fake.err());
        assertEquals(azureHappyPath(" --yes"), fake.calls());
        Path backup = fake.project.resolve(BACKUP);
        assertAll(
                () -> assertTrue(Files.exists(backup), "backup kept"),
                () -> assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))),
                () -> assertEquals("rwx------",
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(backup.getParent()))),
                () -> assertTrue(Files.exists(localState), "local state kept"),
                () -> assertTrue(fake.out().contains("rm -rf .pulumi-local"), "tells how to remove the local copy"),
                () -> assertTrue(fake.out().contains("plaintext"), "warns about the plaintext backup"),
                () -> assertTrue(fake.out().contains("pulumi login '" + AZ_URL + "'"), "prints the login command"));
        assertTrue(Files.readString(fake.project.resolve(".state-backend/bootstrap-prod.json")).contains(AZ_URL));
    }

    @Test
    void happyPathForAwsMovesIntoTheS3Backend() {
        int code = bootstrap("--target", "aws", "--stack", "prod", "--yes");

        assertEquals(0, code, fake.err());
        String target = "PULUMI_BACKEND_URL='" + AWS_URL + "' ";
        assertEquals(List.of(
                "pulumi login file://<P>/.pulumi-local",
                LOCAL + "pulumi stack select prod --create --secrets-provider passphrase",
                "mvn -B -q package -DskipTests",
                LOCAL + "pulumi up --policy-pack policy --policy-pack-config policy/config/prod.json --stack prod --yes",
                LOCAL + "pulumi stack output --json --show-secrets --stack prod",
                LOCAL + "pulumi stack export --show-secrets --file " + BACKUP + " --stack prod",
                "pulumi login '" + AWS_URL + "'",
                target + "pulumi stack ls --json",
                target + "pulumi stack init prod --secrets-provider '" + AWS_KEY + "'",
                target + "pulumi stack import --file " + BACKUP + " --stack prod",
                target + "pulumi preview --expect-no-changes --policy-pack policy --policy-pack-config policy/config/prod.json --stack prod"), fake.calls());
    }

    @Test
    void thePackRunsWithTheStacksOwnConfigOrProductions() throws IOException {
        Files.createDirectories(fake.project.resolve("policy/config"));
        Files.writeString(fake.project.resolve("policy/config/dev.json"), "{}");
        assertEquals(List.of("--policy-pack", "policy", "--policy-pack-config", "policy/config/dev.json"),
                Bootstrap.policyArgs(fake.project, "dev"));
        assertEquals(List.of("--policy-pack", "policy", "--policy-pack-config", "policy/config/prod.json"),
                Bootstrap.policyArgs(fake.project, "staging"));
    }

    @Test
    void yesReachesPulumiUpOnlyWhenGiven() {
        assertEquals(0, bootstrap("--target", "azure", "--stack", "prod"), fake.err());
        assertEquals(azureHappyPath(""), fake.calls());
        assertTrue(fake.calls().stream().noneMatch(c -> c.contains("--yes")));
    }

    /**
     * A failure at any step stops the run at that command, exits 1, names the step, deletes nothing; the next run
     * starts again at that step and does not repeat the ones before it.
     */
    @ParameterizedTest(name = "failure in {0}")
    @CsvSource({
            "login-local,  pulumi login file://, 0,  0",
            "select-stack, stack select,         1,  1",
            "build,        mvn -B,               2,  2",
            "up,           pulumi up,            3,  3",
            "read-outputs, stack output,         4,  4",
            "export,       stack export,         5,  5",
            "login-target, pulumi login 'azblob, 6,  6",
            "init-target,  stack ls,             7,  7",
            "init-target,  stack init,           8,  7",
            "import,       stack import,         9,  9",
            "verify,       preview,              10, 10"})
    void aFailedStepStopsTheRunKeepsEverythingAndResumesThere(String step, String match, int failingCall,
                                                              int resumeCall) {
        List<String> all = azureHappyPath(" --yes");
        fake.fail(match);

        int code = bootstrap("--target", "azure", "--stack", "prod", "--yes");

        assertEquals(1, code);
        assertEquals(all.subList(0, failingCall + 1), fake.calls(), "stops at the failing command");
        assertTrue(fake.err().contains("] " + step + ": `"), fake.err());
        assertTrue(fake.err().contains("fake failure for '" + match + "'"), "pulumi's own error is shown");
        assertTrue(fake.err().contains("Nothing was deleted"), fake.err());
        assertTrue(fake.err().contains("resumes at step '" + step + "'"), fake.err());
        assertTrue(Files.exists(localState), "local state kept");
        assertEquals(failingCall >= 5, Files.exists(fake.project.resolve(BACKUP)), "backup kept once created");
        assertTrue(fake.calls().stream().noneMatch(c -> c.contains(" rm") || c.contains("logout")));

        fake.clearRules();
        fake.on("stack output", 0, OUTPUTS);
        fake.clearCalls();
        assertEquals(0, bootstrap("--target", "azure", "--stack", "prod", "--yes"), fake.err());
        assertEquals(all.subList(resumeCall, all.size()), fake.calls(), "resumes at the failed step");
        assertTrue(fake.out().contains("done in an earlier run, skipped") || resumeCall == 0);
    }

    @Test
    void dryRunPrintsEveryCommandAndRunsNone() {
        int code = bootstrap("--target", "azure", "--stack", "prod", "--yes", "--dry-run");

        assertEquals(0, code, fake.err() + fake.out());
        assertEquals(List.of(), fake.calls(), "the fakes were never called");
        List<String> expected = azureHappyPath(" --yes").stream()
                .map(c -> c.replace(AZ_URL, "<azureBackendUrl output>").replace(AZ_KEY, "'<azureSecretsProvider output>'"))
                .toList();
        assertEquals(expected, fake.printedCommands());
        assertFalse(Files.exists(fake.project.resolve(".state-backend")), "no journal written");
        assertFalse(Files.exists(fake.project.resolve("backups")), "no backup written");
        assertTrue(fake.out().contains("DRY RUN finished: nothing was run"), fake.out());
        assertFalse(fake.out().contains("Bootstrap finished"), "a dry run does not claim to be done");
    }

    @Test
    void dryRunAfterAFailureShowsWhatTheResumeWouldRun() {
        fake.fail("stack import");
        bootstrap("--target", "azure", "--stack", "prod", "--yes");
        fake.clearCalls();

        assertEquals(0, bootstrap("--target", "azure", "--stack", "prod", "--yes", "--dry-run"));

        List<String> all = azureHappyPath(" --yes");
        assertEquals(all.subList(9, all.size()), fake.printedCommands());
        assertEquals(List.of(), fake.calls());
    }

    @Test
    void missingPrerequisitesAreNamedAndNothingRuns() {
        fake.removeFromPath("pulumi");
        fake.removeFromPath("az");
        fake.env.remove("PULUMI_CONFIG_PASSPHRASE");
        fake.env.remove("AZURE_CLIENT_ID");
        fake.env.remove("AZURE_FEDERATED_TOKEN_FILE");

        int code = bootstrap("--target", "azure", "--stack", "prod");

        assertEquals(3, code);
        String out = fake.out();
        assertAll(
                () -> assertTrue(out.contains("MISSING  `pulumi` is not on PATH"), out),
                () -> assertTrue(out.contains("PULUMI_CONFIG_PASSPHRASE nor PULUMI_CONFIG_PASSPHRASE_FILE"), out),
                () -> assertTrue(out.contains("Azure credentials"), out),
                () -> assertTrue(out.contains("`az` is not on PATH"), out),
                () -> assertTrue(out.contains("AZURE_CLIENT_ID"), out),
                () -> assertFalse(out.contains("AZURE_TENANT_ID,"), "tenant id is set, so it is not named"),
                () -> assertTrue(fake.err().contains("Nothing was run"), fake.err()));
        assertEquals(List.of(), fake.calls());
    }

    @Test
    void missingPolicyPackDependenciesAreNamed() throws IOException {
        Files.delete(fake.project.resolve("policy/node_modules"));

        assertEquals(3, bootstrap("--target", "azure", "--stack", "prod"));
        assertTrue(fake.out().contains("policy/node_modules does not exist: run `npm ci` in policy/"), fake.out());
    }

    @Test
    void credentialsAreProbedWithTheCloudClisWhenTheEnvironmentHasNone() {
        fake.env.remove("AZURE_CLIENT_ID");
        fake.env.remove("AWS_PROFILE");
        fake.fail("aws sts get-caller-identity");

        int code = bootstrap("--target", "azure", "--stack", "prod", "--clouds", "azure,aws");

        assertEquals(3, code);
        assertEquals(List.of("az account show", "aws sts get-caller-identity"), fake.calls());
        assertTrue(fake.out().contains("ok       Azure credentials from `az account show`"), fake.out());
        assertTrue(fake.out().contains("`aws sts get-caller-identity` exited with code 1"), fake.out());
    }

    @Test
    void cloudsTurnedOnInTheStackFileAreChecked() throws IOException {
        Files.writeString(fake.project.resolve("Pulumi.prod.yaml"),
                "config:\n  state-backend:azureEnabled: true\n  state-backend:awsEnabled: false\n");
        fake.env.remove("AWS_PROFILE");
        fake.removeFromPath("aws");
        assertEquals(0, bootstrap("--target", "azure", "--stack", "prod", "--yes"), fake.out());

        Files.writeString(fake.project.resolve("Pulumi.prod.yaml"), "config:\n  state-backend:azureEnabled: false\n");
        fake.clearCalls();
        Files.delete(fake.project.resolve(".state-backend/bootstrap-prod.json"));
        assertEquals(3, bootstrap("--target", "azure", "--stack", "prod", "--yes"));
        assertTrue(fake.out().contains("AWS credentials (needed to create the aws storage"), fake.out());
    }

    @Test
    void absentOutputsOfTheTargetStopTheRunWithAHint() {
        fake.clearRules();
        fake.on("stack output", 0, "{\"azureBackendUrl\": \"" + AZ_URL + "\"}");

        assertEquals(1, bootstrap("--target", "aws", "--stack", "prod", "--yes"));
        assertTrue(fake.err().contains("the stack has no awsBackendUrl output"), fake.err());
        assertTrue(fake.err().contains("--redo-from up"), fake.err());
    }

    @Test
    void redoFromRunsAFinishedStepAgain() {
        fake.clearRules();
        bootstrap("--target", "azure", "--stack", "prod", "--yes");
        fake.on("stack output", 0, OUTPUTS);
        fake.clearCalls();

        assertEquals(0, bootstrap("--target", "azure", "--stack", "prod", "--yes", "--redo-from", "up"), fake.err());
        assertEquals(azureHappyPath(" --yes").subList(3, 11), fake.calls());
    }

    @Test
    void anExistingTargetStackWithResourcesIsNeverImportedOver() {
        fake.on("stack ls", 0, "[{\"name\": \"prod\", \"resourceCount\": 12}]");

        assertEquals(1, bootstrap("--target", "azure", "--stack", "prod", "--yes"));
        assertTrue(fake.err().contains("already exists in " + AZ_URL + " with 12 resources"), fake.err());
        assertTrue(fake.calls().stream().noneMatch(c -> c.contains("stack init") || c.contains("stack import")));
    }

    @Test
    void anEmptyTargetStackIsReused() {
        fake.on("stack ls", 0, "[{\"name\": \"organization/state-backend/prod\", \"resourceCount\": 0}]");

        assertEquals(0, bootstrap("--target", "azure", "--stack", "prod", "--yes"), fake.err());
        assertTrue(fake.calls().stream().noneMatch(c -> c.contains("stack init")));
        assertTrue(fake.calls().stream().anyMatch(c -> c.contains("stack import")));
    }

    @Test
    void secureConfigIsReencryptedOnTheSourceBeforeTheExport() throws IOException {
        Files.writeString(fake.project.resolve("Pulumi.prod.yaml"), """
                encryptionsalt: v1:abc
                config:
                  state-backend:awsEnabled: false
                  state-backend:alertWebhook:
                    secure: v1:deadbeef
                """);

        assertEquals(0, bootstrap("--target", "azure", "--stack", "prod", "--yes"), fake.err());

        List<String> calls = fake.calls();
        assertEquals(LOCAL + "pulumi stack change-secrets-provider " + AZ_KEY + " --stack prod", calls.get(5));
        assertTrue(calls.get(6).contains("stack export"));
        assertTrue(Files.exists(fake.project.resolve("backups/state-backend-prod-20250102T030405Z.Pulumi.prod.yaml")),
                "stack file copied next to the backup");
    }

    @Test
    void aFinishedBootstrapRunsNothingAgain() {
        assertEquals(0, bootstrap("--target", "azure", "--stack", "prod", "--yes"));
        fake.clearCalls();

        assertEquals(0, bootstrap("--target", "azure", "--stack", "prod", "--yes"));
        assertEquals(List.of(), fake.calls());
        assertTrue(fake.out().contains("Bootstrap finished"));
    }

    @Test
    void aJournalFromOtherArgumentsIsNotResumedSilently() {
        fake.fail("stack import");
        bootstrap("--target", "azure", "--stack", "prod", "--yes");
        fake.clearCalls();

        assertEquals(2, bootstrap("--target", "aws", "--stack", "prod", "--yes"));
        assertTrue(fake.err().contains("--target was 'azure', now 'aws'"), fake.err());
        assertEquals(List.of(), fake.calls());
    }

    @Test
    void anUnreadableStackFileStopsBeforeAnythingRuns() throws IOException {
        Files.writeString(fake.project.resolve("Pulumi.prod.yaml"), "config: [unclosed\n");

        assertEquals(2, bootstrap("--target", "azure", "--stack", "prod"));
        assertTrue(fake.err().contains("cannot read Pulumi.prod.yaml"), fake.err());
        assertEquals(List.of(), fake.calls());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertEquals(2, bootstrap("--stack", "prod"));
        assertTrue(fake.err().contains("--target is required"));
        assertEquals(2, bootstrap("--target", "gcp", "--stack", "prod"));
        assertEquals(2, bootstrap("--target", "azure", "--stack", "prod", "--force"));
        assertTrue(fake.err().contains("unknown argument '--force'"));
        assertEquals(2, bootstrap("--target", "azure", "--stack", "../prod"));
        assertTrue(fake.err().contains("--stack '../prod' is not a stack of this project"), fake.err());
        assertEquals(List.of(), fake.calls());
    }
}
