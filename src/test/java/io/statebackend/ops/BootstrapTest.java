package io.statebackend.ops;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the bootstrap decides before and around Pulumi: its plan (as a dry run prints it), its prerequisites, its
 * refusals, and its journal when a tool other than Pulumi (the build) fails. The bootstrap itself runs with the real
 * CLI in BootstrapIT.
 */
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
    static final String PACK = "--policy-pack policy/run-pack --policy-pack-config policy/config/prod.json";
    static final String NO_PASSPHRASE = "env -u PULUMI_CONFIG_PASSPHRASE -u PULUMI_CONFIG_PASSPHRASE_FILE ";

    /** Every command of a bootstrap into the Azure backend, as --dry-run prints it. */
    static List<String> azurePlan(String upSuffix) {
        String target = "PULUMI_BACKEND_URL='<azureBackendUrl output>' ";
        return List.of(
                "pulumi login file://<P>/.pulumi-local",
                LOCAL + "pulumi stack select prod --create --secrets-provider passphrase",
                "mvn -B -q package -DskipTests",
                LOCAL + "pulumi up " + PACK + " --stack prod" + upSuffix,
                LOCAL + "pulumi stack output --json --show-secrets --stack prod",
                LOCAL + "pulumi stack export --file " + BACKUP + " --stack prod",
                target + "pulumi stack migrate file://<P>/.pulumi-local prod --target prod --secrets-provider"
                        + " '<azureSecretsProvider output>' --yes",
                NO_PASSPHRASE + target + "pulumi preview --expect-no-changes " + PACK + " --stack prod",
                NO_PASSPHRASE + target + "pulumi stack export --stack prod",
                "pulumi login '<azureBackendUrl output>'");
    }

    @TempDir
    Path tmp;
    FakeCli fake;

    @BeforeEach
    void setUp() throws IOException {
        fake = new FakeCli(tmp);
        fake.on("stack output", 0, OUTPUTS);
        Files.createDirectories(fake.project.resolve("target"));
        Files.writeString(fake.project.resolve("target/state-backend.jar"), "");
        Files.writeString(fake.project.resolve("policy/run-pack"), "");
    }

    int bootstrap(String... args) {
        return fake.run(Bootstrap::run, args);
    }

    @Test
    void thePackRunsWithTheStacksOwnConfigOrProductions() throws IOException {
        Files.createDirectories(fake.project.resolve("policy/config"));
        Files.writeString(fake.project.resolve("policy/config/dev.json"), "{}");
        assertEquals(List.of("--policy-pack", "policy/run-pack", "--policy-pack-config", "policy/config/dev.json"),
                Bootstrap.policyArgs(fake.project, "dev"));
        assertEquals(List.of("--policy-pack", "policy/run-pack", "--policy-pack-config", "policy/config/prod.json"),
                Bootstrap.policyArgs(fake.project, "staging"));
    }

    /** What the move leaves in the committed stack file: the key service's URL and the stack's wrapped data key. */
    private void stackFileAfterTheMove() throws IOException {
        Files.writeString(fake.project.resolve("Pulumi.prod.yaml"),
                "secretsprovider: " + AZ_KEY + "\nencryptedkey: d3JhcHBlZA==\nconfig: {}\n");
    }

    /**
     * On a fresh clone of a project whose stack has moved, the local backend is empty: a bootstrap's {@code up} would
     * create the storage again from no state, and selecting the stack would put the passphrase back in the file.
     */
    @Test
    void aStackThatHasMovedIsNotBootstrappedAgainFromTheLocalBackend() throws IOException {
        stackFileAfterTheMove();

        assertEquals(2, bootstrap("--target", "azure", "--stack", "prod", "--yes"));
        assertEquals(List.of(), fake.calls());
        assertTrue(fake.err().contains("names the secrets provider " + AZ_KEY + ", so the stack has already moved to"
                + " its backend, and step 'login-local' would work on the local copy"), fake.err());
        assertEquals(1, fake.err().strip().lines().count(), "one line:\n" + fake.err());
        assertEquals("", fake.out(), "refused before the prerequisites are checked, which could not change the answer");
    }

    @Test
    void aBootstrapWithARunRunningBesideItRunsNothing() throws Exception {
        try (RunLock running = RunLock.acquire(Ops.fromSystem(fake.project))) {
            assertEquals(Procedure.ALREADY_RUNNING, bootstrap("--target", "azure", "--stack", "prod", "--yes"));
        }
        assertEquals(List.of(), fake.calls());
        assertTrue(fake.err().startsWith("error: another bootstrap or migration is running in this project directory (it"
                + " holds .state-backend/run.lock)"), fake.err());
    }

    /** After a finished bootstrap only the steps on the new backend may run again. */
    @Test
    void aFinishedBootstrapRedoesNoLocalStepOnceTheStackHasMoved() throws IOException {
        List<String> ids = List.of("login-local", "select-stack", "build", "up", "read-outputs", "backup", "migrate",
                "verify", "login-target");
        Journal finished = new Journal();
        finished.command = "bootstrap";
        finished.done.addAll(ids);
        finished.params.putAll(Map.of("stack", "prod", "target", "azure", "backend-query", "(none)",
                "secrets-provider", "(none)"));
        finished.save(fake.project.resolve(".state-backend/bootstrap-prod.json"), Instant.EPOCH);
        stackFileAfterTheMove();

        assertEquals(2, bootstrap("--target", "azure", "--stack", "prod", "--yes", "--redo-from", "up"));
        assertTrue(fake.err().contains("step 'up' would work on the local copy"), fake.err());
        assertEquals(0, bootstrap("--target", "azure", "--stack", "prod", "--yes", "--dry-run", "--redo-from",
                "verify"), fake.err());
        assertEquals(List.of(), fake.calls());

        fake.env.remove("PULUMI_CONFIG_PASSPHRASE");
        assertEquals(0, bootstrap("--target", "azure", "--stack", "prod", "--yes", "--dry-run", "--redo-from",
                "verify"), "the steps on the new backend need no passphrase: " + fake.out());
        assertFalse(fake.out().contains("MISSING"), fake.out());
    }

    @Test
    void dryRunPrintsEveryCommandAndRunsNone() {
        int code = bootstrap("--target", "azure", "--stack", "prod", "--yes", "--dry-run");

        assertEquals(0, code, fake.err() + fake.out());
        assertEquals(List.of(), fake.calls(), "the fakes were never called");
        assertEquals(azurePlan(" --yes"), fake.printedCommands());
        assertFalse(Files.exists(fake.project.resolve(".state-backend")), "no journal written");
        assertFalse(Files.exists(fake.project.resolve("backups")), "no backup written");
        assertTrue(fake.out().contains("DRY RUN finished: nothing was run"), fake.out());
        assertFalse(fake.out().contains("Bootstrap finished"), "a dry run does not claim to be done");
    }

    @Test
    void yesReachesPulumiUpOnlyWhenGiven() {
        assertEquals(0, bootstrap("--target", "azure", "--stack", "prod", "--dry-run"), fake.err());
        assertEquals(azurePlan(""), fake.printedCommands());
    }

    @Test
    void theOptionsForAPipelineAndForEmulatedOrPrivateEndpointsShapeThePlan() {
        assertEquals(0, bootstrap("--target", "aws", "--stack", "prod", "--dry-run", "--skip-build",
                "--backend-query", "endpoint=https://vpce.example&use_path_style=true",
                "--secrets-provider", AWS_KEY), fake.err());

        List<String> printed = fake.printedCommands();
        assertTrue(printed.stream().noneMatch(c -> c.startsWith("mvn")), "--skip-build builds nothing");
        String migrate = printed.stream().filter(c -> c.contains("stack migrate")).findFirst().orElseThrow();
        assertTrue(migrate.contains("--secrets-provider '" + AWS_KEY + "'"), migrate);
        assertTrue(migrate.contains("<awsBackendUrl output>?endpoint=https://vpce.example&use_path_style=true"),
                "the plan shows the login URL a real run uses: " + migrate);
        assertTrue(fake.out().contains("ok       target/state-backend.jar exists"), fake.out());
    }

    /**
     * A failing build (a tool other than Pulumi, which no real-CLI test can make fail) stops the run before
     * {@code up}, keeps everything, and the next run resumes at the build.
     */
    @Test
    void aFailedBuildStopsBeforeUpAndTheNextRunResumesThere() {
        fake.fail("mvn -B");

        assertEquals(1, bootstrap("--target", "azure", "--stack", "prod", "--yes"));
        List<String> plan = azurePlan(" --yes");
        assertEquals(plan.subList(0, 3), fake.calls(), "stops at the build");
        assertTrue(fake.err().contains("] build: `mvn -B -q package -DskipTests` exited with code 1"), fake.err());
        assertTrue(fake.err().contains("resumes at step 'build'"), fake.err());
        assertTrue(fake.err().contains("The local backend .pulumi-local keeps the stack's state"), fake.err());

        fake.clearCalls();
        assertEquals(0, bootstrap("--target", "azure", "--stack", "prod", "--yes", "--dry-run"));
        assertEquals(plan.subList(2, plan.size()), fake.printedCommands(), "a dry run shows what a resume would run");
        assertEquals(0, bootstrap("--target", "azure", "--stack", "prod", "--yes", "--dry-run", "--redo-from",
                "login-local"));
        assertTrue(fake.printedCommands().containsAll(plan), "--redo-from runs finished steps again");
        assertEquals(List.of(), fake.calls());
    }

    @Test
    void withoutYesUpStopsWhereNobodyCanAnswerItsQuestion() {
        assertEquals(1, bootstrap("--target", "azure", "--stack", "prod"));
        assertTrue(fake.err().contains("] up: `"), fake.err());
        assertTrue(fake.err().contains("--preview-only must be passed in to proceed when running in non-interactive"),
                fake.err());
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
    void aDirectoryWithoutPulumiYamlIsRefusedNamingWhatToPass() throws IOException {
        Files.delete(fake.project.resolve("Pulumi.yaml"));

        assertEquals(Procedure.USAGE, bootstrap("--target", "azure", "--stack", "prod"));
        assertEquals("error: <P>/Pulumi.yaml does not exist: run from the stack's project directory or pass it with"
                + " --project-dir", fake.err().strip());
        assertEquals(List.of(), fake.calls());
    }

    @Test
    void missingPolicyPackDependenciesAreNamed() throws IOException {
        Files.delete(fake.project.resolve("policy/node_modules"));

        assertEquals(3, bootstrap("--target", "azure", "--stack", "prod"));
        assertTrue(fake.out().contains("policy/node_modules does not exist: run `npm ci` in policy/"), fake.out());
    }

    @Test
    void anUnbuiltPolicyPackIsNamed() throws IOException {
        Files.delete(fake.project.resolve("policy/dist/index.js"));

        assertEquals(3, bootstrap("--target", "azure", "--stack", "prod"));
        assertTrue(fake.out().contains("policy/dist/index.js does not exist: the pack is not built: run `npm ci` in"
                + " policy/"), fake.out());
        assertEquals(List.of(), fake.calls());
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
        assertEquals(0, bootstrap("--target", "azure", "--stack", "prod", "--yes", "--dry-run"), fake.out());
        assertFalse(fake.out().contains("AWS credentials"), fake.out());

        Files.writeString(fake.project.resolve("Pulumi.prod.yaml"), "config:\n  state-backend:azureEnabled: false\n");
        assertEquals(3, bootstrap("--target", "azure", "--stack", "prod", "--yes"));
        assertTrue(fake.out().contains("AWS credentials (needed to create the aws storage"), fake.out());
    }

    @Test
    void aJournalFromOtherArgumentsIsNotResumedSilently() {
        fake.fail("mvn -B");
        bootstrap("--target", "azure", "--stack", "prod", "--yes");
        fake.clearCalls();

        assertEquals(2, bootstrap("--target", "aws", "--stack", "prod", "--yes"));
        assertTrue(fake.err().contains("--target was 'azure', now 'aws'"), fake.err());
        assertEquals(List.of(), fake.calls());
    }

    @Test
    void aJournalIsNotResumedWithAnotherSecretsProviderOrBackendQuery() {
        fake.fail("mvn -B");
        bootstrap("--target", "aws", "--stack", "prod", "--yes", "--backend-query", "endpoint=https://vpce.example");
        fake.clearCalls();

        assertEquals(2, bootstrap("--target", "aws", "--stack", "prod", "--yes", "--secrets-provider", AWS_KEY));
        assertTrue(fake.err().contains("--backend-query was 'endpoint=https://vpce.example', now '(none)'"), fake.err());
        assertTrue(fake.err().contains("--secrets-provider was '(none)', now '" + AWS_KEY + "'"), fake.err());
        assertEquals(List.of(), fake.calls());
    }

    @Test
    void anUnreadableStackFileStopsBeforeAnythingRuns() throws IOException {
        Files.writeString(fake.project.resolve("Pulumi.prod.yaml"), "config: [unclosed\n");

        assertEquals(2, bootstrap("--target", "azure", "--stack", "prod"));
        assertTrue(fake.err().contains("error: Pulumi.prod.yaml: not valid YAML"), fake.err());
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
        assertEquals(2, bootstrap("--target", "aws", "--stack", "prod", "--backend-query", "?endpoint=x"));
        assertTrue(fake.err().lines().findFirst().orElseThrow().equals("error: --backend-query '?endpoint=x' is not"
                + " name=value pairs: it takes name=value pairs joined by '&', without '?'"), fake.err());
        assertEquals(2, bootstrap("--target", "aws", "--stack", "prod", "--backend-query", "endpoint"));
        assertTrue(fake.err().startsWith("error: --backend-query 'endpoint' is not name=value pairs"), fake.err());
        assertEquals(2, bootstrap("--target", "aws", "--stack", "prod", "--secrets-provider", "passphrase"));
        assertTrue(fake.err().lines().findFirst().orElseThrow().startsWith(
                "error: --secrets-provider passphrase: expected a key-service URL"), fake.err());
        assertEquals(List.of(), fake.calls());
    }

    /** Mistakes a shell makes easy: a repeated option, and an empty variable that leaves an option without value. */
    @Test
    void aRepeatedOptionOrAnOptionTakenAsAValueIsAUsageError() {
        assertEquals(2, bootstrap("--target", "azure", "--stack", "dev", "--stack", "prod", "--yes"));
        assertEquals("error: --stack is given twice ('dev' and 'prod'): give it once",
                fake.err().lines().findFirst().orElseThrow());
        assertEquals(2, bootstrap("--target", "aws", "--stack", "prod", "--backend-query", "--dry-run", "--yes"));
        assertTrue(fake.err().lines().findFirst().orElseThrow().startsWith(
                "error: --backend-query needs a value, not the option '--dry-run'"), fake.err());
        assertEquals(List.of(), fake.calls());
        assertEquals(0, bootstrap("--target=aws", "--stack=prod", "--dry-run"), fake.err());
        assertEquals(2, bootstrap("--target", "aws", "--stack", "prod", "--backend-query=--dry-run", "--dry-run"));
        assertTrue(fake.err().startsWith("error: --backend-query '--dry-run' is not name=value pairs"), "the inline form"
                + " is taken as the value, which the option's own check then reads: " + fake.err());
    }
}
