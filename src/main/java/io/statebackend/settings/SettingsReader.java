package io.statebackend.settings;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads typed setting values from stack config, falling back to each setting's declared default. */
final class SettingsReader {

    private final StackConfig config;

    SettingsReader(StackConfig config) {
        this.config = config;
    }

    /** Rejects keys in this project's namespace that no setting declares: a typo would otherwise be ignored. */
    void rejectUnknownKeys() {
        Set<String> keys = config.keys().orElse(Set.of());
        String prefix = Setting.NAMESPACE + ":";
        for (String key : new TreeSet<>(keys)) {
            if (key.startsWith(prefix) && Setting.byKey(key.substring(prefix.length())).isEmpty()) {
                throw new SettingsException(key, config.get(key).orElse(null),
                        "no such setting; known settings are listed in Pulumi.yaml and docs/settings.md");
            }
        }
    }

    Optional<String> optionalString(Setting setting) {
        return raw(setting).map(String::trim).filter(v -> !v.isEmpty());
    }

    String string(Setting setting) {
        return optionalString(setting).orElseThrow(
                () -> new SettingsException(setting.qualifiedKey(), null, "a value (" + setting.description() + ")"));
    }

    int integer(Setting setting) {
        String value = string(setting);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new SettingsException(setting.qualifiedKey(), value, "a whole number");
        }
    }

    boolean bool(Setting setting) {
        String value = string(setting);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new SettingsException(setting.qualifiedKey(), value, "true or false");
        };
    }

    /** A list arrives as JSON text, as the engine passes structured config; read with the SDK's own Gson. */
    List<String> stringList(Setting setting) {
        String value = raw(setting).orElse("[]");
        try {
            JsonElement json = JsonParser.parseString(value);
            if (json.isJsonArray() && json.getAsJsonArray().asList().stream().allMatch(SettingsReader::isString)) {
                return json.getAsJsonArray().asList().stream().map(e -> e.getAsString().trim()).toList();
            }
        } catch (JsonParseException e) {
            // reported below with what was expected
        }
        throw new SettingsException(setting.qualifiedKey(), value, "a list of strings");
    }

    private static boolean isString(JsonElement element) {
        return element.isJsonPrimitive() && element.getAsJsonPrimitive().isString();
    }

    private Optional<String> raw(Setting setting) {
        return config.get(setting.qualifiedKey()).or(setting::defaultValue);
    }
}
