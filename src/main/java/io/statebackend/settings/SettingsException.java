package io.statebackend.settings;

import com.pulumi.exceptions.RunException;

/**
 * A stack setting that cannot be used. The message is one line naming the key, the value given and what is
 * expected, so the person running {@code pulumi up} can fix it without reading code. It is a {@link RunException}
 * because that is the one failure the Pulumi Java runner reports as its message alone, without a stack trace.
 */
public final class SettingsException extends RunException {

    private final String key;

    public SettingsException(String key, String givenValue, String expectation) {
        super(key + ": got " + describe(givenValue) + "; expected " + expectation);
        this.key = key;
    }

    public String key() {
        return key;
    }

    private static String describe(String value) {
        // Escaped so that the message stays one line whatever the value holds.
        return value == null ? "nothing"
                : "\"" + value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }
}
