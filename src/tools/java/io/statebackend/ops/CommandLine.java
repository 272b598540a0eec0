package io.statebackend.ops;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The start both commands share: the arguments parsed against the command's options, its usage printed for
 * {@code --help}, a bad argument reported with the usage before anything runs, {@code --project-dir} applied, and
 * the run's journal ({@code .state-backend/<name>.json}) locked against a second run of it ({@link RunLock}), unless
 * it is a dry run, which changes nothing.
 */
final class CommandLine {

    /** The part of a command that runs once its arguments are known to be good and its journal is locked. */
    interface Body<T> {
        int run(CliArgs args, T request, Ops ops, Path journalFile);
    }

    private CommandLine() {
    }

    /**
     * @param check       turns the parsed arguments into the command's request; throws IllegalArgumentException
     *                    naming the bad argument
     * @param journalName the request's journal file name, without {@code .json}
     */
    static <T> int run(String[] args, Ops ops, String usage, List<String> options, List<String> switches,
                       Function<CliArgs, T> check, Function<T, String> journalName, Body<T> body) {
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
        Path journalFile = inProject.projectDir().resolve(".state-backend").resolve(journalName.apply(request) + ".json");
        if (parsed.has("dry-run")) {
            return body.run(parsed, request, inProject, journalFile);  // runs nothing, writes no file, takes no lock
        }
        try (RunLock ignored = RunLock.acquire(journalFile, inProject.show(journalFile))) {
            return body.run(parsed, request, inProject, journalFile);
        } catch (RunLock.Held e) {
            ops.err().println("error: " + e.getMessage());
            return Procedure.ALREADY_RUNNING;
        }
    }
}
