package io.statebackend.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads typed setting values from stack config, falling back to each setting's declared default. */
final class SettingsReader {

    private static final ObjectMapper JSON = new ObjectMapper();

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
                        "no such setting; known settings are listed in Pulumi.yaml and the README");
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

    List<String> stringList(Setting setting) {
        String value = raw(setting).orElse("[]");
        try {
            List<String> items = JSON.readValue(value, new TypeReference<List<String>>() { });
            return items == null ? List.of() : items.stream().map(String::trim).toList();
        } catch (JsonProcessingException e) {
            throw new SettingsException(setting.qualifiedKey(), value, "a list of strings");
        }
    }

    private Optional<String> raw(Setting setting) {
        return config.get(setting.qualifiedKey()).or(setting::defaultValue);
    }
}
