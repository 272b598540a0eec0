package io.statebackend.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Pulumi.yaml, docs/settings.md and the code describe the same settings, so none of them can drift: the first two are
 * generated from {@link Setting} ({@link SettingsDocs}) and checked here to be current.
 */
class ProjectFileTest {

    @Test
    void pulumiYamlDeclaresEverySettingWithItsTypeAndDefault() throws IOException {
        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(Stacks.PROJECT_DIR.resolve("Pulumi.yaml").toFile())
                .path("config");
        List<String> declared = new ArrayList<>();
        config.fieldNames().forEachRemaining(declared::add);
        assertEquals(Arrays.stream(Setting.values()).map(Setting::key).toList(), declared);
        for (Setting setting : Setting.values()) {
            JsonNode declaration = config.path(setting.key());
            assertEquals(setting.type().pulumiName(), declaration.path("type").asText(), setting.key());
            JsonNode defaultNode = declaration.path("default");
            String declaredDefault = defaultNode.isValueNode() ? defaultNode.asText() : defaultNode.toString();
            assertEquals(setting.defaultValue().orElse(""), declaredDefault, setting.key());
            assertFalse(declaration.path("description").asText().isBlank(), setting.key());
            if (setting.type() == SettingType.STRING_ARRAY) {
                assertEquals("string", declaration.path("items").path("type").asText(), setting.key());
            }
        }
    }

    @Test
    void stackFilesSetOnlyDeclaredSettingsOfTheProject() throws IOException {
        for (String stack : StackFile.stackNames(Stacks.PROJECT_DIR)) {
            JsonNode config = new ObjectMapper(new YAMLFactory())
                    .readTree(Stacks.PROJECT_DIR.resolve("Pulumi." + stack + ".yaml").toFile()).path("config");
            for (Iterator<String> keys = config.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                assertTrue(key.startsWith(Setting.NAMESPACE + ":"), stack + ": " + key);
                assertTrue(Setting.byKey(key.substring(Setting.NAMESPACE.length() + 1)).isPresent(), stack + ": " + key);
            }
        }
    }

    @Test
    void theGeneratedConfigBlockAndSettingsTableAreCurrent() throws IOException {
        String regenerate = ": run mvn -q test-compile exec:java -Dexec.mainClass=io.statebackend.settings.SettingsDocs";
        String pulumiYaml = Files.readString(Stacks.PROJECT_DIR.resolve("Pulumi.yaml"));
        assertEquals(SettingsDocs.pulumiYaml(pulumiYaml), pulumiYaml, "Pulumi.yaml's config block is stale" + regenerate);
        String doc = Files.readString(Stacks.PROJECT_DIR.resolve(SettingsDocs.SETTINGS_DOC));
        assertEquals(SettingsDocs.settingsDoc(doc, Stacks.PROJECT_DIR), doc, "the settings table is stale" + regenerate);
    }

    @Test
    void theSettingsTableDocumentsEverySetting() throws IOException {
        String doc = Files.readString(Stacks.PROJECT_DIR.resolve(SettingsDocs.SETTINGS_DOC));
        for (Setting setting : Setting.values()) {
            String row = doc.lines().filter(l -> l.startsWith("| `" + setting.key() + "` |")).findFirst()
                    .orElseThrow(() -> new AssertionError("the settings table lacks " + setting.key()));
            assertTrue(row.contains("| " + setting.defaultValue().orElse("unset") + " |"), "default of " + setting.key());
            assertTrue(row.endsWith("| " + setting.description() + " |"), "description of " + setting.key());
        }
    }
}
