package io.statebackend.settings;

/**
 * Which relaxations a stack may make. Production keeps every security and recovery control; development may relax
 * only cost and teardown knobs (redundancy, locks, protect, retention lengths, replica, created network).
 */
public enum Profile {
    PRODUCTION("production"),
    DEVELOPMENT("development");

    private final String value;

    Profile(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    static Profile parse(Setting<String> setting, String value) {
        for (Profile profile : values()) {
            if (profile.value.equals(value)) {
                return profile;
            }
        }
        throw new SettingsException(setting.qualifiedKey(), value, "production or development");
    }
}
