package io.statebackend;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.management.JMException;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShortRunCompilationTest {

    /** A directive for every method, before the JVM's default one, that turns C2 on for it only to exclude it. */
    private static final Pattern C2_EXCLUDED = Pattern.compile(
            "matching: \\*\\.\\*\\s+c1 directives:.*?c2 directives:\\s+inline: -\\s+Enable:true Exclude:true",
            Pattern.DOTALL);

    /** The JVM's directives stack, top first, up to its default directive. */
    private static String addedDirectives() throws JMException {
        String all = ShortRunCompilation.diagnosticCommand("compilerDirectivesPrint");
        return all.substring(0, all.indexOf("Directive: (default)"));
    }

    @AfterEach
    void removeWhatTheTestAdded() throws JMException {
        while (!addedDirectives().isBlank()) {
            ShortRunCompilation.diagnosticCommand("compilerDirectivesRemove");
        }
    }

    @Test
    void theJvmCompilesNothingWithC2OnceApplied() throws JMException, InterruptedException {
        assertFalse(C2_EXCLUDED.matcher(addedDirectives()).find(), addedDirectives());
        ShortRunCompilation.applyInBackground(Map.of("JDK_JAVA_OPTIONS", "-Xmx1g"), new Properties()).orElseThrow().join();
        assertTrue(C2_EXCLUDED.matcher(addedDirectives()).find(), addedDirectives());
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS"})
    void tiersTheUserChoseAreLeftAlone(String variable) throws JMException {
        assertTrue(ShortRunCompilation.applyInBackground(Map.of(variable, "-Xmx1g -XX:TieredStopAtLevel=4"),
                new Properties()).isEmpty());
        assertEquals("", addedDirectives().strip());
    }

    @Test
    void theShortRunJvmIsLeftAlone() throws JMException {
        Properties secondJvm = new Properties();
        secondJvm.setProperty(ShortRunJvm.SECOND_JVM, "true");
        assertTrue(ShortRunCompilation.applyInBackground(Map.of(), secondJvm).isEmpty());
        assertEquals("", addedDirectives().strip());
    }
}
