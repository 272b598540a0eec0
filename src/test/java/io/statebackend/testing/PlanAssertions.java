package io.statebackend.testing;

import io.statebackend.mockrun.PlanResult;
import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.settings.SettingsException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Assertions on what a program run declared, shared by the tests of both clouds. */
public final class PlanAssertions {

    /** The only resource a run may register before the settings are validated. */
    public static final String ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

    private PlanAssertions() {
    }

    /**
     * The run stopped on a bad setting before declaring anything: the error is a {@link SettingsException} for
     * {@code key}, its message is one line of the form {@code <key>: got "<value>"; expected <what>}, and no cloud
     * resource (nothing but the root stack) was registered.
     */
    public static SettingsException assertRejectedSetting(PlanResult result, String key, String value) {
        Throwable error = result.error().orElseThrow(() -> new AssertionError(
                "expected " + key + " = " + value + " to be rejected, but the program ran"));
        SettingsException settingsError = assertInstanceOf(SettingsException.class, error, error.toString());
        String message = settingsError.getMessage();
        assertEquals(key, settingsError.key(), message);
        assertFalse(message.contains("\n") || message.contains("\r"), "one line: " + message);
        String given = value == null ? "nothing" : "\"" + value + "\"";
        assertTrue(message.startsWith(key + ": got " + given + "; expected "), message);
        assertTrue(message.length() > (key + ": got " + given + "; expected ").length() + 5,
                "the message says what is expected: " + message);
        assertNoCloudResources(result);
        return settingsError;
    }

    public static void assertNoCloudResources(PlanResult result) {
        List<String> declared = result.resources().stream()
                .filter(r -> !r.type().equals(ROOT_STACK_TYPE)).map(ResourceRecord::key).toList();
        assertEquals(List.of(), declared, "no resource may be declared when settings are rejected");
    }

    public static void assertProtected(ResourceRecord record) {
        assertTrue(record.protect(), record.key() + " must be protected");
    }

    /** {@code record} explicitly waits for {@code other} (dependsOn), not merely through an input. */
    public static void assertDependsOn(ResourceRecord record, ResourceRecord other) {
        if (!record.dependsOn().contains(other.key())) {
            fail(record.key() + " must depend on " + other.key() + "; it depends on " + record.dependsOn());
        }
    }

    /** Engine inputs carry numbers as doubles; compare them as whole numbers. */
    public static void assertNumber(long expected, Object actual, String what) {
        if (!(actual instanceof Number number)) {
            fail(what + ": expected the number " + expected + ", got " + actual);
            return;
        }
        assertEquals(expected, number.longValue(), what);
        assertEquals(number.doubleValue(), Math.rint(number.doubleValue()), what + " is a whole number");
    }
}
