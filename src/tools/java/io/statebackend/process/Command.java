package io.statebackend.process;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One external command: the program name as a person would type it, its arguments, the environment variables this
 * command sets on top of the inherited environment and those it removes from it, and whether its standard output is
 * read by the caller.
 *
 * <p>{@link #display()} is the exact line printed before the command runs and by {@code --dry-run}; it is valid shell,
 * so a person can copy it and run the same thing by hand.
 */
public record Command(List<String> argv, Map<String, String> env, Set<String> unset, Output output) {

    /** How the child's standard streams are connected. */
    public enum Output {
        /** stdin, stdout and stderr are the terminal's: pulumi can prompt (for example {@code up} without --yes). */
        TERMINAL,
        /** stdout is read by the caller (JSON output); stderr still goes to the terminal. */
        CAPTURE
    }

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_\\-.,:/=@%+]+");

    public Command {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        unset = Collections.unmodifiableSortedSet(new TreeSet<>(unset));
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs a program name");
        }
    }

    public static Builder of(String program, String... args) {
        return new Builder(program).args(args);
    }

    public String program() {
        return argv.get(0);
    }

    /** The command as one line of shell: removed variables, then assignments (each sorted by name), then argv. */
    public String display() {
        List<String> parts = new ArrayList<>();
        if (!unset.isEmpty()) {
            parts.add("env");
            unset.forEach(name -> parts.add("-u " + name));
        }
        env.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> parts.add(e.getKey() + "=" + quote(e.getValue())));
        argv.forEach(a -> parts.add(quote(a)));
        return String.join(" ", parts);
    }

    /** POSIX-shell quoting: words made only of safe characters stay bare, others are single-quoted. */
    public static String quote(String word) {
        if (!word.isEmpty() && SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    public static final class Builder {
        private final List<String> argv = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Set<String> unset = new TreeSet<>();
        private Output output = Output.TERMINAL;

        private Builder(String program) {
            argv.add(program);
        }

        public Builder args(String... more) {
            argv.addAll(List.of(more));
            return this;
        }

        public Builder argIf(boolean condition, String... more) {
            return condition ? args(more) : this;
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** Runs the command without these inherited variables. */
        public Builder unset(String... names) {
            unset.addAll(List.of(names));
            return this;
        }

        public Builder capture() {
            output = Output.CAPTURE;
            return this;
        }

        public Command build() {
            return new Command(argv, env, unset, output);
        }
    }
}
