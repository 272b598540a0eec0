package io.statebackend.settings;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads setting values from stack config, falling back to each setting's default, and applies the setting's rules for
 * the stack's profile.
 */
final class SettingsReader {

    private final StackConfig config;
    private final Profile profile;

    SettingsReader(StackConfig config) {
        this.config = config;
        rejectUnknownKeys();
        this.profile = Profile.parse(Settings.PROFILE, raw(Settings.PROFILE).orElseThrow());
    }

    Profile profile() {
        return profile;
    }

    /** The value of a setting that has a default (or that the stack must set), checked against its rules. */
    <T> T value(Setting<T> setting) {
        String raw = raw(setting).orElseThrow(
                () -> new SettingsException(setting.qualifiedKey(), null, "a value (" + setting.description() + ")"));
        T value = setting.parse(raw);
        setting.check(value, profile);
        return value;
    }

    /** The value of a setting that is unset by default; absence is checked against the setting's profile requirement. */
    <T> Optional<T> optional(Setting<T> setting) {
        Optional<String> raw = raw(setting);
        if (raw.isEmpty()) {
            setting.checkAbsence(profile);
            return Optional.empty();
        }
        T value = setting.parse(raw.get());
        setting.check(value, profile);
        return Optional.of(value);
    }

    /** Rejects keys in this project's namespace that no setting declares: a typo would otherwise be ignored. */
    private void rejectUnknownKeys() {
        Set<String> keys = config.keys().orElse(Set.of());
        String prefix = Setting.NAMESPACE + ":";
        for (String key : new TreeSet<>(keys)) {
            if (key.startsWith(prefix) && Settings.byKey(key.substring(prefix.length())).isEmpty()) {
                throw new SettingsException(key, config.get(key).orElse(null),
                        "no such setting; known settings are listed in Pulumi.yaml and docs/settings.md");
            }
        }
    }

    /** The stack's value, else the default; a blank string counts as unset, a list is passed on as given. */
    private Optional<String> raw(Setting<?> setting) {
        Optional<String> given = config.get(setting.qualifiedKey());
        if (setting.type() != SettingType.STRING_ARRAY) {
            given = given.map(String::trim).filter(v -> !v.isEmpty());
        }
        return given.or(setting::defaultValue);
    }
}
