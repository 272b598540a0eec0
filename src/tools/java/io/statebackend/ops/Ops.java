package io.statebackend.ops;

import io.statebackend.process.ProcessRunner;

import java.io.Console;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What a command needs from the outside world, passed in rather than taken from globals so that tests can give a
 * fake {@code PATH}, a temporary project, captured output and a fixed clock.
 *
 * @param env        environment for child processes (includes {@code PATH}); never the JVM's own unless main() says so
 * @param projectDir the Pulumi project directory: child processes run there, and journal and backups live under it
 * @param out        progress and command lines
 * @param err        failures
 * @param confirm    asks a person a yes/no question; answers "no" when nobody can be asked
 * @param clock      names backup files
 * @param terminal   true: child processes share this process's terminal (pulumi can prompt); false: their stdin is
 *                   empty and their output is copied into {@code out} and {@code err} (tests, where the JVM's own
 *                   standard streams belong to the test runner)
 */
public record Ops(Map<String, String> env, Path projectDir, PrintStream out, PrintStream err, Confirm confirm,
                  Clock clock, boolean terminal) {

    /** Asks a yes/no question. */
    @FunctionalInterface
    public interface Confirm {
        boolean ask(String question);
    }

    public Ops {
        env = Map.copyOf(env);
        projectDir = projectDir.toAbsolutePath().normalize();
    }

    /** The real world: the JVM's environment, the given project directory, the terminal. */
    public static Ops fromSystem(Path projectDir) {
        return new Ops(System.getenv(), projectDir, System.out, System.err, Ops::askOnConsole, Clock.systemUTC(),
                true);
    }

    private static boolean askOnConsole(String question) {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        String answer = console.readLine("%s [y/N] ", question);
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }

    public Ops withProjectDir(Path dir) {
        return new Ops(env, projectDir.resolve(dir), out, err, confirm, clock, terminal);
    }

    public ProcessRunner runner() {
        return terminal ? new ProcessRunner(env, projectDir) : new ProcessRunner(env, projectDir, out, err);
    }

    /** A path relative to the project directory when it lies inside it, for messages. */
    public String show(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(projectDir) ? projectDir.relativize(abs).toString() : abs.toString();
    }
}
