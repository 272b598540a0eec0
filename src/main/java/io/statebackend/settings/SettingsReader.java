package io.statebackend.settings;

import java.util.Locale;
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

    /**
     * Rejects keys in this project's namespace that no setting declares, and keys in a namespace a letter or two from
     * it: either typo would otherwise be ignored, and the setting meant would silently keep its default.
     */
    private void rejectUnknownKeys() {
        Set<String> keys = config.keys().orElse(Set.of());
        String prefix = Setting.NAMESPACE + ":";
        for (String key : new TreeSet<>(keys)) {
            if (key.startsWith(prefix) && Settings.byKey(key.substring(prefix.length())).isEmpty()) {
                throw new SettingsException(key, config.get(key).orElse(null),
                        "no such setting; known settings are listed in Pulumi.yaml and docs/settings.md");
            }
            String namespace = key.substring(0, Math.max(key.indexOf(':'), 0));
            if (!namespace.equals(Setting.NAMESPACE)
                    && editDistance(namespace.toLowerCase(Locale.ROOT), Setting.NAMESPACE) <= 2) {
                throw new SettingsException(key, config.get(key).orElse(null), "a key in the " + Setting.NAMESPACE
                        + " namespace: " + namespace + " is taken for a misspelling of it");
            }
        }
    }

    /** How many single-character insertions, deletions and substitutions turn {@code a} into {@code b}. */
    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            previous = current;
        }
        return previous[b.length()];
    }

    private Optional<String> raw(Setting<?> setting) {
        return raw(config, setting);
    }

    /**
     * The stack's value, else the default; a blank string counts as unset, a list is passed on as given. Tools that
     * read one setting ahead of the program (the bootstrap's cloud switches) read it this way too.
     */
    static Optional<String> raw(StackConfig config, Setting<?> setting) {
        Optional<String> given = config.get(setting.qualifiedKey());
        if (setting.type() != SettingType.STRING_ARRAY) {
            given = given.map(String::trim).filter(v -> !v.isEmpty());
        }
        return given.or(setting::defaultValue);
    }
}
