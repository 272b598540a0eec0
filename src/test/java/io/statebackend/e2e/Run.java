package io.statebackend.e2e;

import io.statebackend.process.Command;
import io.statebackend.process.ProcessRunner;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** A finished command: its exit code and both of its output streams. */
public record Run(String display, int exitCode, String stdout, String stderr) {

    /** Runs {@code command} in {@code dir} with exactly {@code env}, its input empty and its output kept. */
    public static Run of(Map<String, String> env, Path dir, Command command) {
        var err = new ByteArrayOutputStream();
        var runner = new ProcessRunner(env, dir, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        ProcessRunner.Result result = runner.run(new Command(command.argv(), command.env(), command.unset(),
                Command.Output.CAPTURE));
        return new Run(command.display(), result.exitCode(), result.stdout(), err.toString(StandardCharsets.UTF_8));
    }

    public boolean ok() {
        return exitCode == 0;
    }

    /** Both streams, for assertions on what a person would see. */
    public String output() {
        return stdout + stderr;
    }

    /** The run as a failure message: the command, its exit code and its output. */
    public String describe() {
        return "$ " + display + "\nexit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
}
