package io.statebackend.settings;

/** The value types a Pulumi project may declare for a config key (Pulumi.yaml {@code config:} block). */
public enum SettingType {
    STRING("string"),
    INTEGER("integer"),
    BOOLEAN("boolean"),
    STRING_ARRAY("array");

    private final String pulumiName;

    SettingType(String pulumiName) {
        this.pulumiName = pulumiName;
    }

    /** The name Pulumi.yaml uses for this type. */
    public String pulumiName() {
        return pulumiName;
    }
}
