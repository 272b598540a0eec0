package io.statebackend.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statebackend.ops.MigrateStack;
import io.statebackend.ops.Procedure;
import io.statebackend.process.Command;
import io.statebackend.testing.Executables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Moving a stack that holds secrets (a secret config value and a secret output) into the S3 backend on moto, under
 * the KMS secrets provider, with the real CLI: from a passphrase-encrypted self-managed backend, and from an export
 * whose state names Pulumi Cloud's {@code service} secrets manager. Each with a failure injected after each step in
 * turn: the source stays unchanged and readable with its own secrets, and running the command again completes the
 * move, every step of it run for real in one of the two runs. A move that no failure interrupts is BootstrapIT's,
 * through the same steps ({@code StackMove}).
 */
@ExtendWith(E2e.class)
class MigrateStackIT {

    static final String SECRETS = BootstrapIT.SECRETS;
    static final String TOKEN = "t0k3n-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Moto moto;
    private Sandbox sandbox;
    private String target;

    private void setUp() {
        moto = E2e.moto();
        moto.createKeyAlias("alias/pulumi-secrets-dev");
        target = moto.newStateBackend("consumer-state");
        sandbox = new Sandbox(tmp).asConsumer().with(moto.env());
    }

    /**
     * {@code prod} of the consumer project in a passphrase-encrypted file backend: a copy of one deployed once per
     * test run for each kind of config, so each case starts from the same source without paying for its update.
     */
    private String passphraseSource(boolean secretConfig) throws IOException {
        Path template = TEMPLATES.computeIfAbsent(secretConfig, MigrateStackIT::deploySource);
        Path state = tmp.resolve("source-state");
        Sandbox.copyTree(template.resolve("source-state"), state);
        Files.copy(template.resolve("project/Pulumi.prod.yaml"), sandbox.project.resolve("Pulumi.prod.yaml"));
        return "file://" + state;
    }

    private static final Map<Boolean, Path> TEMPLATES = new ConcurrentHashMap<>();

    private static Path deploySource(boolean secretConfig) {
        try {
            Path root = E2e.DIR.resolve("consumer-source-" + (secretConfig ? "secret" : "plain"));
            if (Files.exists(root)) {
                MoreFiles.deleteRecursively(root, RecursiveDeleteOption.ALLOW_INSECURE);
            }
            Sandbox template = new Sandbox(Files.createDirectories(root)).asConsumer();
            template.env.put("PULUMI_BACKEND_URL", "file://" + Files.createDirectories(root.resolve("source-state")));
            template.pulumiOk("stack", "init", "prod", "--secrets-provider", "passphrase");
            template.pulumiOk("config", "set", secretConfig ? "--secret" : "--plaintext", "apiToken", TOKEN,
                    "--stack", "prod");
            template.pulumiOk("up", "--yes", "--skip-preview", "--stack", "prod");
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "failure injected after: {0}")
    @ValueSource(strings = {"stack export --file", "stack migrate", "preview"})
    void fromAPassphraseBackend(String failAfter) throws IOException {
        setUp();
        String source = passphraseSource(true);
        JsonNode sourceBefore = sandbox.export(source, "prod");

        List<String> args = List.of("--stack", "prod", "--from", source, "--to", target, "--secrets-provider", SECRETS,
                "--yes");
        failOnceAfter(failAfter);
        assertEquals(1, migrate(args).exitCode(), "the injected failure stops the move");
        assertEquals(sourceBefore, sandbox.export(source, "prod"), "the source is unchanged");
        assertEquals(TOKEN, output(source, "token"), "the source is readable with its own secrets");
        assertEquals(0, migrate(args).exitCode());
        assertEquals(sourceBefore, sandbox.export(source, "prod"), "the source is unchanged");
        assertMovedUnderKms();
        assertEquals(TOKEN, sandbox.pulumiOk("config", "get", "apiToken", "--stack", "prod").stdout().strip(),
                "the config secret moved, readable with the new provider alone");
        assertStackFileRewrittenWithBackup();
    }

    /**
     * What the README says {@code pulumi stack migrate} does to the stack file: it now names the KMS provider and no
     * passphrase salt, and the old content, salt included, is kept beside it as {@code Pulumi.prod.yaml.bak.*}.
     */
    private void assertStackFileRewrittenWithBackup() throws IOException {
        String stackFile = sandbox.read("Pulumi.prod.yaml");
        assertTrue(stackFile.contains("secretsprovider: " + SECRETS), stackFile);
        assertFalse(stackFile.contains("encryptionsalt"), "no passphrase salt in the stack file:\n" + stackFile);
        try (var files = Files.list(sandbox.project)) {
            List<Path> backups = files.filter(f -> f.getFileName().toString().startsWith("Pulumi.prod.yaml.bak.")).toList();
            assertEquals(1, backups.size(), "one backup of the stack file: " + backups);
            assertTrue(Files.readString(backups.get(0)).contains("encryptionsalt"), "the backup is the old content");
        }
    }

    /**
     * The verify step's two checks, each shown to catch what it is there for: a moved stack that still needs a
     * passphrase fails the passphrase-free preview; one encrypted by another key than the one asked for fails the
     * provider check. Both by re-running only that step against a target changed after a complete move.
     */
    @Test
    void verifyRefusesAMovedStackThatNeedsAPassphraseOrAnotherKey() throws IOException {
        setUp();
        List<String> args = List.of("--stack", "prod", "--from", passphraseSource(true), "--to", target,
                "--secrets-provider", SECRETS, "--yes");
        assertEquals(0, migrate(args).exitCode());
        List<String> verifyAgain = new ArrayList<>(args);
        verifyAgain.addAll(List.of("--redo-from", "verify"));
        sandbox.env.put("PULUMI_BACKEND_URL", target);

        sandbox.pulumiOk("stack", "change-secrets-provider", "passphrase", "--stack", "prod");
        Run underPassphrase = migrate(verifyAgain);
        assertEquals(1, underPassphrase.exitCode(), underPassphrase::describe);
        assertTrue(underPassphrase.output().contains("FAILED [3/3] verify: `env -u PULUMI_CONFIG_PASSPHRASE"),
                "the passphrase-free preview is what failed:\n" + underPassphrase.describe());

        String otherKey = "awskms://alias/pulumi-secrets-other?region=" + Moto.REGION;
        moto.createKeyAlias("alias/pulumi-secrets-other");
        sandbox.pulumiOk("stack", "change-secrets-provider", otherKey, "--stack", "prod");
        Run underOtherKey = migrate(verifyAgain);
        assertEquals(1, underOtherKey.exitCode(), underOtherKey::describe);
        assertTrue(underOtherKey.output().contains("the moved stack's state is encrypted by cloud (" + otherKey
                + "), not " + SECRETS), underOtherKey::describe);

        sandbox.pulumiOk("stack", "change-secrets-provider", SECRETS, "--stack", "prod");
        assertEquals(0, migrate(verifyAgain).exitCode(), "under the key asked for, verify passes again");
    }

    @ParameterizedTest(name = "failure injected after: {0}")
    @ValueSource(strings = {"stack init", "stack import", "preview"})
    void fromAnExportOfPulumiCloud(String failAfter) throws IOException {
        setUp();
        String source = passphraseSource(false);
        Path export = cloudExport(source);
        String exportBefore = Files.readString(export);

        List<String> args = List.of("--stack", "acme/consumer/prod", "--from-export", export.toString(), "--to",
                target, "--secrets-provider", SECRETS, "--yes");
        failOnceAfter(failAfter);
        assertEquals(1, migrate(args).exitCode(), "the injected failure stops the move");
        assertEquals(exportBefore, Files.readString(export), "the export is unchanged");
        assertEquals(0, migrate(args).exitCode());
        assertEquals(exportBefore, Files.readString(export), "the export is unchanged");
        assertMovedUnderKms();
        String stackFile = sandbox.read("Pulumi.prod.yaml");
        assertTrue(stackFile.contains("secretsprovider: " + SECRETS), stackFile);
        assertTrue(!stackFile.contains("encryptionsalt"), "no passphrase provider in the stack file:\n" + stackFile);
    }

    /**
     * An export carries the state, not the stack file: a {@code secure:} value in it was encrypted by the source's
     * provider and would be unreadable under the target's, so the move stops before it asks or writes anything.
     */
    @Test
    void anExportWhoseStackFileHoldsSecureValuesIsRefusedBeforeTheTargetIsTouched() throws IOException {
        setUp();
        Path export = cloudExport(passphraseSource(false));
        sandbox.write("Pulumi.prod.yaml", "config:\n  consumer:apiToken:\n    secure: v1:c291cmNlLWVuY3J5cHRlZA==\n");

        Run refused = migrate(List.of("--stack", "acme/consumer/prod", "--from-export", export.toString(), "--to",
                target, "--secrets-provider", SECRETS, "--yes"));
        assertEquals(Procedure.USAGE, refused.exitCode(), refused::describe);
        assertTrue(refused.output().contains("holds secure values (consumer:apiToken) that only the source's secrets"
                + " provider can read"), refused::describe);
        assertFalse(Files.exists(sandbox.project.resolve(".state-backend/migrate-prod.json")),
                "no journal stands in the way of the --from run the message suggests");
        sandbox.env.put("PULUMI_BACKEND_URL", target);
        assertEquals("[]", sandbox.pulumiOk("stack", "ls", "--json").stdout().strip(), "no stack in the target");
    }

    @Test
    void aStackSomeoneElseMadeInTheTargetIsNeverWrittenOver() throws IOException {
        setUp();
        String source = passphraseSource(true);
        sandbox.env.put("PULUMI_BACKEND_URL", target);
        sandbox.pulumiOk("stack", "init", "prod", "--secrets-provider", SECRETS);
        sandbox.env.remove("PULUMI_BACKEND_URL");
        JsonNode theirs = sandbox.export(target, "prod");

        assertEquals(1, migrate(List.of("--stack", "prod", "--from", source, "--to", target, "--secrets-provider",
                SECRETS, "--yes")).exitCode());
        assertEquals(theirs, sandbox.export(target, "prod"), "the target's stack is as its owner left it");
    }

    /**
     * Why the move no longer imports: the real CLI's {@code stack import} keeps the secrets manager its file names,
     * so a passphrase stack imported into a stack created with a KMS key is still a passphrase stack.
     */
    @Test
    void theCliKeepsAnImportsPassphraseManagerWhateverTheStackWasCreatedWith() throws IOException {
        setUp();
        String source = passphraseSource(false);
        sandbox.env.put("PULUMI_BACKEND_URL", source);
        Path export = tmp.resolve("plain-export.json");
        sandbox.pulumiOk("stack", "export", "--show-secrets", "--file", export.toString(), "--stack", "prod");
        sandbox.env.put("PULUMI_BACKEND_URL", target);
        sandbox.pulumiOk("stack", "init", "prod", "--secrets-provider", SECRETS);
        sandbox.pulumiOk("stack", "import", "--file", export.toString(), "--stack", "prod");
        assertEquals("passphrase", sandbox.export(target, "prod").path("deployment").path("secrets_providers")
                .path("type").asText());
    }

    /**
     * Why an export from Pulumi Cloud is pointed at the target's manager first: the real CLI's {@code stack import}
     * of a {@code service} export into a self-managed backend swaps in the passphrase manager (silently using the
     * passphrase in the environment) and drops the KMS provider that {@code stack init} wrote to the stack file.
     */
    @Test
    void theCliTurnsAnImportFromPulumiCloudIntoAPassphraseStack() throws IOException {
        setUp();
        Path export = cloudExport(passphraseSource(false));
        sandbox.env.put("PULUMI_BACKEND_URL", target);
        // As on the machine of whoever took the export: logged in to Pulumi Cloud (no request reaches it).
        Files.writeString(Path.of(sandbox.env.get("PULUMI_HOME")).resolve("credentials.json"), """
                {"accessTokens": {"https://api.pulumi.com": "pul-e2e-not-a-real-token"},
                 "accounts": {"https://api.pulumi.com": {"accessToken": "pul-e2e-not-a-real-token",
                  "username": "e2e", "lastValidatedAt": "2026-12-01T00:00:00Z"}}}""");
        sandbox.pulumiOk("stack", "init", "prod", "--secrets-provider", SECRETS);
        assertTrue(sandbox.read("Pulumi.prod.yaml").contains("secretsprovider: " + SECRETS));
        sandbox.pulumiOk("stack", "import", "--file", export.toString(), "--stack", "prod");
        assertEquals("passphrase", sandbox.export(target, "prod").path("deployment").path("secrets_providers")
                .path("type").asText());
        assertTrue(!sandbox.read("Pulumi.prod.yaml").contains("secretsprovider"), sandbox.read("Pulumi.prod.yaml"));
    }

    /** Pulumi Cloud's export of the stack: secrets in plaintext, its state naming the {@code service} manager. */
    private Path cloudExport(String source) throws IOException {
        sandbox.env.put("PULUMI_BACKEND_URL", source);
        Path export = tmp.resolve("cloud-export.json");
        sandbox.pulumiOk("stack", "export", "--show-secrets", "--file", export.toString(), "--stack", "prod");
        sandbox.env.remove("PULUMI_BACKEND_URL");
        ObjectNode node = (ObjectNode) JSON.readTree(export.toFile());
        ((ObjectNode) node.get("deployment")).set("secrets_providers", JSON.readTree("""
                {"type": "service", "state": {"url": "https://api.pulumi.com", "owner": "acme",
                 "project": "consumer", "stack": "prod"}}"""));
        JSON.writeValue(export.toFile(), node);
        // A Pulumi Cloud stack's file names no secrets provider of its own.
        sandbox.write("Pulumi.prod.yaml", "config:\n  consumer:apiToken: " + TOKEN + "\n");
        return export;
    }

    /**
     * The moved stack's state names the KMS provider and its secrets decrypt with the key alone. That the program
     * previews against it with no changes and no passphrase is the move's own last step, which a move that exits 0
     * has passed and {@link #verifyRefusesAMovedStackThatNeedsAPassphraseOrAnotherKey} shows to bite.
     */
    private void assertMovedUnderKms() {
        sandbox.env.remove("PULUMI_CONFIG_PASSPHRASE");
        sandbox.env.put("PULUMI_BACKEND_URL", target);
        JsonNode state = sandbox.export(target, "prod");
        JsonNode manager = state.path("deployment").path("secrets_providers");
        assertEquals("cloud", manager.path("type").asText(), manager::toString);
        assertEquals(SECRETS, manager.path("state").path("url").asText());
        assertNotEquals(-1, state.toString().indexOf("ciphertext"), "the secret output is encrypted in the state");
        assertEquals(TOKEN, output(target, "token"), "the secret output decrypts with the KMS key alone");
    }

    private String output(String backend, String name) {
        return Run.of(sandbox.env, sandbox.project, Command.of("pulumi", "stack", "output", name, "--show-secrets",
                "--stack", "prod").env("PULUMI_BACKEND_URL", backend).build()).stdout().strip();
    }

    /** Runs the migration in-process; its exit code and what it printed (both streams). */
    private Run migrate(List<String> args) {
        var out = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--project-dir", sandbox.project.toString()));
        int code = MigrateStack.run(all.toArray(String[]::new), sandbox.ops(out));
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        return new Run("MigrateStack " + String.join(" ", all), code, printed, "");
    }

    /**
     * TEST DOUBLE around the real CLI, first on PATH: runs every command for real, then reports a failure once,
     * after the first command whose arguments contain {@code words}, as a dropped connection would.
     */
    private void failOnceAfter(String words) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("faulty-bin"));
        Path marker = tmp.resolve("failed-once");
        Executables.write(bin.resolve("pulumi"), String.join("\n",
                "#!/bin/sh",
                Command.quote(E2e.BIN.resolve("pulumi").toString()) + " \"$@\"",
                "code=$?",
                "case \" $* \" in",
                "  *" + Command.quote(" " + words + " ") + "*)",
                "    if [ ! -e " + Command.quote(marker.toString()) + " ]; then",
                "      : > " + Command.quote(marker.toString()),
                "      echo 'injected failure after: pulumi '\"$*\" >&2",
                "      exit 1",
                "    fi ;;",
                "esac",
                "exit $code", ""));
        sandbox.putFirstOnPath(bin);
    }
}
