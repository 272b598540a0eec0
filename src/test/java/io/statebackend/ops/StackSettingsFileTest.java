package io.statebackend.ops;

import io.statebackend.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bootstrap reads which clouds a stack turns on as Pulumi does: namespaced or bare keys, else the default; a
 * move finds the config values only the source's secrets provider can read.
 */
class StackSettingsFileTest {

    @TempDir
    Path dir;

    private StackSettingsFile stack(String yaml) throws IOException {
        Files.writeString(dir.resolve("Pulumi.prod.yaml"), yaml);
        return StackSettingsFile.of(dir, "prod");
    }

    @Test
    void aCloudSwitchCountsWithOrWithoutTheProjectNamespace() throws IOException {
        assertFalse(stack("config:\n  state-backend:azureEnabled: false\n").cloudEnabled(Settings.azureEnabled()));
        assertFalse(stack("config:\n  azureEnabled: false\n").cloudEnabled(Settings.azureEnabled()));
        assertTrue(stack("config:\n  awsEnabled: true\n").cloudEnabled(Settings.awsEnabled()));
    }

    @Test
    void anUnsetSwitchTakesTheSettingsDefault() throws IOException {
        boolean azureDefault = Settings.azureEnabled().defaultValue().map(Boolean::parseBoolean).orElse(false);
        boolean awsDefault = Settings.awsEnabled().defaultValue().map(Boolean::parseBoolean).orElse(false);
        assertTrue(stack("config: {}\n").cloudEnabled(Settings.azureEnabled()) == azureDefault);
        assertTrue(stack("config: {}\n").cloudEnabled(Settings.awsEnabled()) == awsDefault);
    }

    @Test
    void secureValuesAreFoundAtTheTopOrNestedInObjectsAndLists() throws IOException {
        StackSettingsFile file = stack("""
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
        assertEquals(List.of(), stack("""
                config:
                  consumer:plain: hello
                  consumer:nested:
                    secure: v1:AAAA
                    other: value
                """).secureConfigKeys(), "an object with more than a secure key is a plain value");
    }
}
