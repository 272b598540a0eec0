package io.statebackend;

import javax.management.JMException;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * When the program runs in the JVM Pulumi started rather than in {@link ShortRunJvm}'s (the user set JVM options of
 * their own, or the second JVM could not be started), that JVM compiles with HotSpot's optimising compiler (C2),
 * which a run of a few seconds does not pay back: on two cores its background compiles compete with the program, the
 * engine and the policy pack for the CPU. No flag that leaves C2 out can be set at run time, so the program asks its
 * own JVM, first thing, through the diagnostic command {@code Compiler.directives_add} (what {@code jcmd} sends), to
 * compile nothing with C2. Methods still get C1's profiled compile first; those that would then go to C2 are compiled
 * again by C1 without profiling. That is less than {@code -XX:TieredStopAtLevel=1}, which leaves the profiled compiles
 * out too. It changes how fast the program runs, never what it declares. docs/performance.md has the figures.
 */
final class ShortRunCompilation {

    private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";
    private static final String NO_C2 = "[{match: \"*.*\", c2: {Exclude: true}}]";

    private ShortRunCompilation() {
    }

    /**
     * Applies the directive on a daemon thread, unless the tiers are chosen already: by the user
     * ({@code -XX:TieredStopAtLevel} in one of {@link ShortRunJvm#OPTIONS_VARIABLES}), whose choice stands, or in
     * {@link ShortRunJvm}'s second JVM; the directive's start would then be spent for nothing. The platform MBean
     * server the directive goes through takes a tenth of a second to start, which the program need not wait for,
     * since C2 only starts once methods have run hot.
     */
    static Optional<Thread> applyInBackground(Map<String, String> env, Properties system) {
        boolean tiersChosen = ShortRunJvm.OPTIONS_VARIABLES.stream().map(env::get).filter(Objects::nonNull)
                .anyMatch(options -> options.contains("-XX:TieredStopAtLevel="));
        if (tiersChosen || system.getProperty(ShortRunJvm.SECOND_JVM) != null) {
            return Optional.empty();
        }
        Thread thread = new Thread(ShortRunCompilation::apply, "short-run-compilation");
        thread.setDaemon(true);
        thread.start();
        return Optional.of(thread);
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
