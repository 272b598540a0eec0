package io.statebackend.settings;

import com.pulumi.exceptions.RunException;

/**
 * A stack setting that cannot be used. The message is one line naming the key, the value given and what is
 * expected, so the person running {@code pulumi up} can fix it without reading code. It is a {@link RunException}
 * because that is the one failure the Pulumi Java runner reports as its message alone, without a stack trace.
 */
public final class SettingsException extends RunException {

    private final Refusal refusal;

    /** The key, what was given as the message shows it, and what is expected. */
    private record Refusal(String key, String given, String expectation) {
    }

    public SettingsException(String key, String givenValue, String expectation) {
        this(new Refusal(key, describe(givenValue), expectation));
    }

    private SettingsException(Refusal refusal) {
        super(refusal.key() + ": got " + refusal.given() + "; expected " + refusal.expectation());
        this.refusal = refusal;
    }

    public String key() {
        return refusal.key();
    }

    /** The same refusal without the value, for a key the stack keeps secret: the line ends up in CI logs. */
    SettingsException withValueHidden() {
        return new SettingsException(new Refusal(refusal.key(), "a secret value (not shown)", refusal.expectation()));
    }

    private static String describe(String value) {
        // Escaped so that the message stays one line whatever the value holds.
        return value == null ? "nothing"
                : "\"" + value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }
}
