package io.statebackend.ops;

import io.statebackend.settings.StackFile;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The start both commands share: the arguments parsed against the command's options, its usage printed for
 * {@code --help}, a bad argument reported with the usage before anything runs, {@code --project-dir} applied, and
 * the project directory locked against a second run beside this one ({@link RunLock}).
 */
final class CommandLine {

    /** The part of a command that runs once its arguments are known to be good and its project is locked. */
    interface Body<T> {
        int run(CliArgs args, T request, Ops ops);
    }

    private CommandLine() {
    }

    /**
     * @param check turns the parsed arguments into the command's request; throws IllegalArgumentException naming the
     *              bad argument
     */
    static <T> int run(String[] args, Ops ops, String usage, List<String> options, List<String> switches,
                       Function<CliArgs, T> check, Body<T> body) {
        CliArgs parsed;
        T request;
        try {
            parsed = CliArgs.parse(args, Stream.concat(options.stream(), Stream.of("project-dir")).toList(),
                    Stream.concat(switches.stream(), Stream.of("help")).toList());
            if (parsed.has("help")) {
                ops.out().println(usage);
                return Procedure.OK;
            }
            request = check.apply(parsed);
        } catch (IllegalArgumentException e) {
            ops.err().println("error: " + e.getMessage());
            ops.err().println(usage);
            return Procedure.USAGE;
        }
        Ops inProject = parsed.get("project-dir") == null ? ops : ops.withProjectDir(Path.of(parsed.get("project-dir")));
        if (parsed.has("dry-run") || !StackFile.isProject(inProject.projectDir())) {
            // A dry run changes nothing, and outside a project the command stops before its first step.
            return body.run(parsed, request, inProject);
        }
        try (RunLock ignored = RunLock.acquire(inProject)) {
            return body.run(parsed, request, inProject);
        } catch (RunLock.Refused e) {
            ops.err().println("error: " + e.getMessage());
            return e.exitCode;
        }
    }
}
