package io.statebackend.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * The two texts generated from the settings' declarations ({@link Settings#declared()}): the {@code config:} block that ends Pulumi.yaml, and the settings table
 * of docs/settings.md with each stack file's value. {@link ProjectFileTest} fails while either file is stale; this
 * main rewrites both:
 * <pre>mvn -q test-compile exec:java -Dexec.mainClass=io.statebackend.settings.SettingsDocs</pre>
 */
public final class SettingsDocs {

    static final String CONFIG_HEADER = "# The config block is generated from the settings declared in "
            + "src/main/java/io/statebackend/settings/ by io.statebackend.settings.SettingsDocs: change those, not this.";
    static final String TABLE_START = "<!-- generated from the settings' declarations and the stack files by "
            + "io.statebackend.settings.SettingsDocs: change the declarations, not this table -->";
    static final String TABLE_END = "<!-- end of the generated table -->";
    static final String SETTINGS_DOC = "docs/settings.md";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNSET_IN_STACK = "·";

    private SettingsDocs() {
    }

    public static void main(String[] args) throws IOException {
        Path project = Path.of("").toAbsolutePath();
        Path pulumiYaml = project.resolve("Pulumi.yaml");
        Files.writeString(pulumiYaml, pulumiYaml(Files.readString(pulumiYaml)));
        Path doc = project.resolve(SETTINGS_DOC);
        Files.writeString(doc, settingsDoc(Files.readString(doc), project));
        System.out.println("regenerated Pulumi.yaml's config block and the table of " + SETTINGS_DOC);
    }

    /** Pulumi.yaml with everything from its {@code config:} block (and the comment above it) to the end generated. */
    static String pulumiYaml(String current) {
        int header = current.indexOf(CONFIG_HEADER);
        int start = header >= 0 ? header : current.indexOf("\nconfig:\n") + 1;
        if (start <= 0) {
            throw new IllegalStateException("Pulumi.yaml has no config: block to regenerate");
        }
        List<String> lines = new ArrayList<>(List.of(CONFIG_HEADER, "config:"));
        for (Setting<?> setting : Settings.declared()) {
            lines.add("  " + setting.key() + ":");
            lines.add("    type: " + setting.type().pulumiName());
            if (setting.type() == SettingType.STRING_ARRAY) {
                lines.add("    items:");
                lines.add("      type: string");
            }
            lines.add("    default: " + setting.defaultValue().map(SettingsDocs::yamlScalar).orElse("\"\""));
            lines.add("    description: " + quoted(setting.documentation()));
        }
        return current.substring(0, start) + String.join("\n", lines) + "\n";
    }

    /** docs/settings.md with the text between its two markers generated. */
    static String settingsDoc(String current, Path project) {
        int start = current.indexOf(TABLE_START);
        int end = current.indexOf(TABLE_END);
        if (start < 0 || end < start) {
            throw new IllegalStateException(SETTINGS_DOC + " lacks the generated table's markers");
        }
        StackFile dev = StackFile.load(project, "dev");
        StackFile prod = StackFile.load(project, "prod");
        List<String> rows = new ArrayList<>(List.of(TABLE_START,
                "| key | type | default | dev | prod | what and why |",
                "|---|---|---|---|---|---|"));
        for (Setting<?> setting : Settings.declared()) {
            rows.add("| `" + setting.key() + "` | " + typeName(setting.type()) + " | "
                    + setting.defaultValue().orElse("unset") + " | " + stackValue(dev, setting) + " | "
                    + stackValue(prod, setting) + " | " + setting.documentation() + " |");
        }
        return current.substring(0, start) + String.join("\n", rows) + "\n" + current.substring(end);
    }

    private static String typeName(SettingType type) {
        return type == SettingType.STRING_ARRAY ? "list of strings" : type.pulumiName();
    }

    /** What a stack file sets, shortened to fit a table cell; "·" when it leaves the key to its default. */
    private static String stackValue(StackFile stack, Setting<?> setting) {
        Optional<String> value = stack.get(setting.qualifiedKey());
        if (value.isEmpty()) {
            return UNSET_IN_STACK;
        }
        if (setting.type() != SettingType.STRING_ARRAY) {
            return shortened(value.get(), 28, 12, 14);
        }
        try {
            JsonNode items = JSON.readTree(value.get());
            return "[" + String.join(", ", StreamSupport.stream(items.spliterator(), false)
                    .map(item -> shortened(item.asText(), 16, 13, 0)).toList()) + "]";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(setting.qualifiedKey() + " in " + stack.stackName() + " is not a list", e);
        }
    }

    private static String shortened(String text, int longest, int head, int tail) {
        return text.length() <= longest ? text : text.substring(0, head) + "…" + text.substring(text.length() - tail);
    }

    private static String yamlScalar(String value) {
        return value.matches("[A-Za-z0-9_./-]+|\\[]") ? value : quoted(value);
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
