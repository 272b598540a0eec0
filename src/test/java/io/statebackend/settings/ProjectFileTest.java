package io.statebackend.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Pulumi.yaml, docs/settings.md and the code describe the same settings, so none of them can drift: the first two are
 * generated from the settings' declarations ({@link SettingsDocs}) and checked here to be current.
 */
class ProjectFileTest {

    @Test
    void pulumiYamlDeclaresEverySettingWithItsTypeAndDefault() throws IOException {
        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(Stacks.PROJECT_DIR.resolve("Pulumi.yaml").toFile())
                .path("config");
        List<String> declared = new ArrayList<>();
        config.fieldNames().forEachRemaining(declared::add);
        assertEquals(Settings.declared().stream().map(Setting::key).toList(), declared);
        for (Setting<?> setting : Settings.declared()) {
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
                assertTrue(Settings.byKey(key.substring(Setting.NAMESPACE.length() + 1)).isPresent(), stack + ": " + key);
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
        for (Setting<?> setting : Settings.declared()) {
            String row = doc.lines().filter(l -> l.startsWith("| `" + setting.key() + "` |")).findFirst()
                    .orElseThrow(() -> new AssertionError("the settings table lacks " + setting.key()));
            assertTrue(row.contains("| " + setting.defaultValue().orElse("unset") + " |"), "default of " + setting.key());
            assertTrue(row.endsWith("| " + setting.documentation() + " |"), "description of " + setting.key());
        }
    }

    /** A setting declared but left out of its group's list would be neither documented nor accepted. */
    @Test
    void everyDeclaredSettingIsListed() throws IllegalAccessException {
        Set<Object> fields = new HashSet<>();
        for (Class<?> holder : List.of(Settings.class, AzureSettings.class, AwsSettings.class)) {
            List<Class<?>> classes = new ArrayList<>(List.of(holder));
            classes.addAll(List.of(holder.getDeclaredClasses()));
            for (Class<?> type : classes) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) && field.getType() == Setting.class) {
                        field.setAccessible(true);
                        fields.add(field.get(null));
                    }
                }
            }
        }
        assertEquals(fields, new HashSet<>(Settings.declared()));
        assertEquals(Settings.declared().size(), Set.copyOf(Settings.declared().stream().map(Setting::key).toList()).size(),
                "keys are unique");
    }
}
