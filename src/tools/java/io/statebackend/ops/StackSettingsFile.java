package io.statebackend.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.statebackend.settings.Setting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Read-only view of a stack's settings file, {@code Pulumi.<stack>.yaml}: which secrets provider it records and
 * which config values are encrypted with it. A missing file reads as empty.
 */
public final class StackSettingsFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path path;
    private final JsonNode root;

    private StackSettingsFile(Path path, JsonNode root) {
        this.path = path;
        this.root = root;
    }

    /** The settings file of {@code stack} (IllegalArgumentException if it is not YAML) ({@code org/project/name} or {@code name}) in {@code projectDir}. */
    public static StackSettingsFile of(Path projectDir, String stack) {
        Path path = projectDir.resolve("Pulumi." + shortName(stack) + ".yaml");
        if (!Files.isRegularFile(path)) {
            return new StackSettingsFile(path, YAML.createObjectNode());
        }
        try {
            JsonNode node = YAML.readTree(path.toFile());
            return new StackSettingsFile(path, node == null || node.isMissingNode() ? YAML.createObjectNode() : node);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + path.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** The last segment of a possibly fully-qualified stack name. */
    public static String shortName(String stack) {
        return stack.substring(stack.lastIndexOf('/') + 1);
    }

    public Path path() {
        return path;
    }

    public boolean exists() {
        return Files.isRegularFile(path);
    }

    /** True when the stack uses the passphrase provider (it then has an {@code encryptionsalt}). */
    public boolean usesPassphrase() {
        return root.hasNonNull("encryptionsalt") || "passphrase".equals(root.path("secretsprovider").asText());
    }

    /**
     * Config keys whose value is, or contains, a {@code secure:} value. These are encrypted with the stack's data
     * key and become unreadable if the stack is re-created with another key, so a move must re-encrypt them.
     */
    public List<String> secureConfigKeys() {
        List<String> keys = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.path("config").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (containsSecure(e.getValue())) {
                keys.add(e.getKey());
            }
        }
        return keys;
    }

    private static boolean containsSecure(JsonNode node) {
        if (node.isObject()) {
            if (node.size() == 1 && node.has("secure")) {
                return true;
            }
            for (JsonNode child : node) {
                if (containsSecure(child)) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                if (containsSecure(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the stack turns a cloud on with its switch ({@code state-backend:azureEnabled}, or the bare
     * {@code azureEnabled} that Pulumi reads in the project's namespace), else the default.
     */
    public boolean cloudEnabled(Setting<Boolean> enabledSwitch) {
        JsonNode config = root.path("config");
        JsonNode value = config.has(enabledSwitch.qualifiedKey()) ? config.get(enabledSwitch.qualifiedKey())
                : config.get(enabledSwitch.key());
        return value == null ? enabledSwitch.defaultValue().map(Boolean::parseBoolean).orElse(false) : value.asBoolean();
    }
}
