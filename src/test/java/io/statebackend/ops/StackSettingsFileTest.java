package io.statebackend.ops;

import io.statebackend.settings.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bootstrap reads which clouds a stack turns on as Pulumi does: namespaced or bare keys, else the default. */
class StackSettingsFileTest {

    @TempDir
    Path dir;

    private StackSettingsFile stack(String yaml) throws IOException {
        Files.writeString(dir.resolve("Pulumi.prod.yaml"), yaml);
        return StackSettingsFile.of(dir, "prod");
    }

    @Test
    void aCloudSwitchCountsWithOrWithoutTheProjectNamespace() throws IOException {
        assertFalse(stack("config:\n  state-backend:azureEnabled: false\n").cloudEnabled(Setting.AZURE_ENABLED));
        assertFalse(stack("config:\n  azureEnabled: false\n").cloudEnabled(Setting.AZURE_ENABLED));
        assertTrue(stack("config:\n  awsEnabled: true\n").cloudEnabled(Setting.AWS_ENABLED));
    }

    @Test
    void anUnsetSwitchTakesTheSettingsDefault() throws IOException {
        boolean azureDefault = Setting.AZURE_ENABLED.defaultValue().map(Boolean::parseBoolean).orElse(false);
        boolean awsDefault = Setting.AWS_ENABLED.defaultValue().map(Boolean::parseBoolean).orElse(false);
        assertTrue(stack("config: {}\n").cloudEnabled(Setting.AZURE_ENABLED) == azureDefault);
        assertTrue(stack("config: {}\n").cloudEnabled(Setting.AWS_ENABLED) == awsDefault);
    }
}
