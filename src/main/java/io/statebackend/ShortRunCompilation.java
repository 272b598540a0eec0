package io.statebackend;

import javax.management.JMException;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The program lives a few seconds per preview or update, too short for HotSpot's optimising compiler (C2) to pay
 * back: on two cores its background compiles compete with the program, the engine and the policy pack for the CPU.
 * C1 alone ({@code -XX:TieredStopAtLevel=1}) is faster, but Pulumi starts the jar with {@code java -jar} and no
 * options, and a manifest cannot carry any. So the program asks its own JVM, first thing, through the diagnostic
 * command {@code Compiler.directives_add} (what {@code jcmd} sends), to compile nothing with C2: methods that would
 * go to C2 are compiled by C1 without profiling instead, as under {@code TieredStopAtLevel=1}. It changes how fast
 * the program runs, never what it declares. docs/performance.md has the figures.
 */
final class ShortRunCompilation {

    private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";
    private static final String NO_C2 = "[{match: \"*.*\", c2: {Exclude: true}}]";

    private ShortRunCompilation() {
    }

    /**
     * Applies the directive on a daemon thread: the platform MBean server it goes through takes a tenth of a second
     * to start, which the program need not wait for, since C2 only starts once methods have run hot.
     */
    static Thread applyInBackground() {
        Thread thread = new Thread(ShortRunCompilation::apply, "short-run-compilation");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void apply() {
        try {
            Path directives = Files.createTempFile("state-backend-compiler-", ".json");
            try {
                Files.writeString(directives, NO_C2);
                diagnosticCommand("compilerDirectivesAdd", directives.toString());
            } finally {
                Files.delete(directives);
            }
        } catch (JMException | IOException e) {
            // Only an optimisation: a JVM without this diagnostic command runs the program as it is.
        }
    }

    static String diagnosticCommand(String operation, String... arguments) throws JMException {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(DIAGNOSTIC_COMMAND), operation,
                new Object[] {arguments}, new String[] {String[].class.getName()});
    }
}
