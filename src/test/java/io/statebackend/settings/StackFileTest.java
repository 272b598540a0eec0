package io.statebackend.settings;

import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class StackFileTest {

    @TempDir
    Path dir;

    private void write(String file, String content) throws IOException {
        Files.writeString(dir.resolve(file), content);
    }

    @Test
    void mergesProjectDefaultsAndStackValuesInTheEnginesForm() throws IOException {
        write("Pulumi.yaml", """
                name: demo
                runtime: java
                config:
                  count:
                    type: integer
                    default: 3
                  names:
                    type: array
                    items:
                      type: string
                    default: []
                  short: plain
                  optional:
                    type: string
                """);
        write("Pulumi.test.yaml", """
                config:
                  demo:names:
                    - a
                    - b
                  demo:flag: true
                  aws:region: eu-west-1
                """);
        StackFile file = StackFile.load(dir, "test");
        assertEquals("demo", file.projectName());
        assertEquals("3", file.values().get("demo:count"));
        assertEquals("[\"a\",\"b\"]", file.values().get("demo:names"));
        assertEquals("true", file.values().get("demo:flag"));
        assertEquals("plain", file.values().get("demo:short"));
        assertEquals("eu-west-1", file.values().get("aws:region"));
        assertFalse(file.values().containsKey("demo:optional"), "a declaration without default sets nothing");
        assertEquals(java.util.Optional.of(file.values().keySet()), file.keys());
    }

    /**
     * Scalars as the pinned CLI hands them to a program ({@code pulumi config --json} on this very file): an empty
     * value or {@code ~} is "", {@code yes} and {@code no} stay words, a leading zero reads as octal, and a key given
     * twice is an error.
     */
    @Test
    void scalarsReadAsTheCliReadsThem() throws IOException {
        write("Pulumi.yaml", "name: demo\nruntime: java\n");
        write("Pulumi.test.yaml", """
                config:
                  demo:empty:
                  demo:tilde: ~
                  demo:no: no
                  demo:yes: yes
                  demo:octal: 01234
                  demo:float: 1.50
                """);
        assertEquals(Map.of("demo:empty", "", "demo:tilde", "", "demo:no", "no", "demo:yes", "yes", "demo:octal", "668",
                "demo:float", "1.5"), StackFile.load(dir, "test").values());

        write("Pulumi.twice.yaml", "config:\n  demo:key: first\n  demo:key: second\n");
        StackFileException twice = assertThrows(StackFileException.class, () -> StackFile.load(dir, "twice"));
        assertTrue(twice.getMessage().startsWith("Pulumi.twice.yaml: not valid YAML: "), twice.getMessage());
        assertTrue(twice.getMessage().contains("demo:key"), twice.getMessage());
    }

    @Test
    void unknownStackNamesTheStacksThatExist() throws IOException {
        write("Pulumi.yaml", "name: demo\nruntime: java\n");
        write("Pulumi.dev.yaml", "config: {}\n");
        StackFileException e = assertThrows(StackFileException.class, () -> StackFile.load(dir, "qa"));
        assertEquals("no stack \"qa\": Pulumi.qa.yaml does not exist; stacks here: dev", e.getMessage());
    }

    @Test
    void malformedStackFileGivesOneLine() throws IOException {
        write("Pulumi.yaml", "name: demo\nruntime: java\n");
        write("Pulumi.bad.yaml", "config:\n  demo:x: [unclosed\n");
        StackFileException e = assertThrows(StackFileException.class, () -> StackFile.load(dir, "bad"));
        assertTrue(e.getMessage().startsWith("Pulumi.bad.yaml: not valid YAML: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void configThatIsNotAMappingIsRejected() throws IOException {
        write("Pulumi.yaml", "name: demo\nruntime: java\n");
        write("Pulumi.list.yaml", "config:\n  - a\n");
        StackFileException e = assertThrows(StackFileException.class, () -> StackFile.load(dir, "list"));
        assertEquals("Pulumi.list.yaml: 'config' must be a mapping of keys to values", e.getMessage());
    }

    @Test
    void encryptedValuesAreRejectedBecauseNoSettingIsSecret() throws IOException {
        write("Pulumi.yaml", "name: demo\nruntime: java\n");
        write("Pulumi.s.yaml", "config:\n  demo:token:\n    secure: AAABAJ\n");
        StackFileException e = assertThrows(StackFileException.class, () -> StackFile.load(dir, "s"));
        assertTrue(e.getMessage().contains("demo:token is an encrypted secret"), e.getMessage());
    }

    @Test
    void invalidStackNameIsRejectedBeforeAnyFileIsRead() {
        assertThrows(StackFileException.class, () -> StackFile.load(dir, "../etc/passwd"));
    }

    @Test
    void missingProjectFileIsReported() {
        StackFileException e = assertThrows(StackFileException.class, () -> StackFile.load(dir, "dev"));
        assertTrue(e.getMessage().endsWith("Pulumi.yaml does not exist"), e.getMessage());
    }

    @Test
    void projectHasExactlyTheDevAndProdStacks() {
        assertEquals(List.of("dev", "prod"), StackFile.stackNames(Stacks.PROJECT_DIR));
    }

    private StackFile inspected(String stackYaml) throws IOException {
        write("Pulumi.yaml", "name: state-backend\nruntime: java\n");
        write("Pulumi.prod.yaml", stackYaml);
        return StackFile.inspect(dir, "acme/state-backend/prod");
    }

    @Test
    void aCloudSwitchCountsWithOrWithoutTheProjectNamespace() throws IOException {
        assertFalse(inspected("config:\n  state-backend:azureEnabled: false\n").cloudEnabled(Settings.azureEnabled()));
        assertFalse(inspected("config:\n  azureEnabled: false\n").cloudEnabled(Settings.azureEnabled()));
        assertTrue(inspected("config:\n  awsEnabled: true\n").cloudEnabled(Settings.awsEnabled()));
    }

    @Test
    void anUnsetOrBlankSwitchTakesTheSettingsDefault() throws IOException {
        boolean azureDefault = Settings.azureEnabled().defaultValue().map(Boolean::parseBoolean).orElse(false);
        boolean awsDefault = Settings.awsEnabled().defaultValue().map(Boolean::parseBoolean).orElse(false);
        assertEquals(azureDefault, inspected("config: {}\n").cloudEnabled(Settings.azureEnabled()));
        assertEquals(awsDefault, inspected("config: {}\n").cloudEnabled(Settings.awsEnabled()));
        assertTrue(azureDefault, "the blank switch below must differ from false to show anything");
        assertEquals(azureDefault, inspected("config:\n  state-backend:azureEnabled:\n").cloudEnabled(Settings.azureEnabled()),
                "a blank switch is unset, as the program reads it");
    }

    @Test
    void secureValuesAreFoundAtTheTopOrNestedInObjectsAndLists() throws IOException {
        StackFile file = inspected("""
                config:
                  consumer:token:
                    secure: v1:AAAA
                  consumer:plain: hello
                  consumer:db:
                    user: app
                    password:
                      secure: v1:BBBB
                  consumer:keys:
                    - plain
                    - secure: v1:CCCC
                """);
        assertEquals(List.of("consumer:token", "consumer:db", "consumer:keys"), file.secureConfigKeys());
    }

    @Test
    void plaintextConfigHasNoSecureValues() throws IOException {
        assertEquals(List.of(), inspected("""
                config:
                  consumer:plain: hello
                  consumer:nested:
                    secure: v1:AAAA
                    other: value
                """).secureConfigKeys(), "an object with more than a secure key is a plain value");
    }

    @Test
    void inspectingReadsAMissingOrEmptyStackFileAsEmptyAndKnowsThePassphraseProvider() throws IOException {
        write("Pulumi.yaml", "name: consumer\nruntime: go\n");
        StackFile missing = StackFile.inspect(dir, "acme/consumer/dev");
        assertFalse(missing.exists());
        assertEquals(dir.resolve("Pulumi.dev.yaml"), missing.path());
        assertEquals(List.of(), missing.secureConfigKeys());
        write("Pulumi.dev.yaml", "");
        assertTrue(StackFile.inspect(dir, "dev").exists());
        assertFalse(StackFile.inspect(dir, "dev").usesPassphrase());
        write("Pulumi.dev.yaml", "encryptionsalt: v1:abc\n");
        assertTrue(StackFile.inspect(dir, "dev").usesPassphrase());
    }

    @Test
    void onlyAKeyServiceIsReadAsTheProviderAMovedStackNames() throws IOException {
        write("Pulumi.yaml", "name: consumer\nruntime: go\n");
        write("Pulumi.dev.yaml", "");
        assertEquals(Optional.empty(), StackFile.inspect(dir, "dev").keyServiceSecretsProvider());
        write("Pulumi.dev.yaml", "secretsprovider: passphrase\n");
        assertEquals(Optional.empty(), StackFile.inspect(dir, "dev").keyServiceSecretsProvider());
        write("Pulumi.dev.yaml", "secretsprovider: awskms://alias/pulumi-secrets-dev?region=eu-west-1\n");
        assertEquals(Optional.of("awskms://alias/pulumi-secrets-dev?region=eu-west-1"),
                StackFile.inspect(dir, "dev").keyServiceSecretsProvider());
    }

    @Test
    void aProjectWithoutANameTakesAnyProjectsStack() throws IOException {
        write("Pulumi.yaml", "runtime: go\n");
        assertEquals("dev", StackFile.inspect(dir, "acme/payments/dev").stackName());
    }

    @Test
    void aStackReferenceTakesTheCliFormsAndNamesItsProjectOnlyWhenQualifiedInFull() {
        assertEquals(new StackFile.Reference("prod", Optional.empty(), "prod"), StackFile.Reference.parse("prod"));
        assertEquals(new StackFile.Reference("acme/prod", Optional.empty(), "prod"), StackFile.Reference.parse("acme/prod"));
        assertEquals(new StackFile.Reference("acme/payments/prod", Optional.of("payments"), "prod"),
                StackFile.Reference.parse("acme/payments/prod"));
        for (String bad : List.of("", "acme/payments/", "acme//prod", "/prod", "a/b/c/prod", "pro d", "x".repeat(101))) {
            var e = assertThrows(IllegalArgumentException.class, () -> StackFile.Reference.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("'" + bad + "' is not a stack name"), e.getMessage());
        }
    }

    @Test
    void inspectingRefusesAStackOfAnotherProjectAndTakesItsOwn() throws IOException {
        write("Pulumi.yaml", "name: consumer\nruntime: go\n");
        var e = assertThrows(StackFileException.class, () -> StackFile.inspect(dir, "acme/payments/dev"));
        assertEquals("acme/payments/dev is a stack of project 'payments', but Pulumi.yaml is project 'consumer':"
                + " pass that project's directory with --project-dir", e.getMessage());
        assertEquals("dev", StackFile.inspect(dir, "acme/consumer/dev").stackName());
        assertEquals("dev", StackFile.inspect(dir, "acme/dev").stackName());
    }
}
