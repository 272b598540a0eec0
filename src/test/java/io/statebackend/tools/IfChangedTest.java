package io.statebackend.tools;

import io.statebackend.e2e.Run;
import io.statebackend.process.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@code tools/if-changed.mjs}, which lets a warm build skip a step: the command runs when an input, or a file it
 * creates, changed or went missing since its last success, and never counts a failure as a success.
 */
class IfChangedTest {

    static final Path SCRIPT = ToolScriptsTest.PROJECT.resolve("tools/if-changed.mjs");

    @TempDir
    Path tmp;

    /** Runs a shell command that appends a line to {@code runs.log}, then exits with {@code exitCode}. */
    private Run step(int exitCode, String... extra) {
        List<String> args = new ArrayList<>(List.of(SCRIPT.toString(), "stamp", "inputs"));
        args.addAll(List.of(extra));
        args.addAll(List.of("--", "sh", "-c", "echo ran >> runs.log; touch out; exit " + exitCode));
        return Run.of(Map.of("PATH", System.getenv("PATH")), tmp, Command.of("node", args.toArray(String[]::new)).build());
    }

    private long runs() throws IOException {
        return Files.isRegularFile(tmp.resolve("runs.log")) ? Files.readAllLines(tmp.resolve("runs.log")).size() : 0;
    }

    @Test
    void runsOnceThenSkipsUntilAnInputChanges() throws IOException {
        Files.createDirectories(tmp.resolve("inputs/nested"));
        Files.writeString(tmp.resolve("inputs/nested/a.txt"), "one");

        assertEquals(0, step(0).exitCode());
        assertEquals(0, step(0).exitCode());
        assertEquals(1, runs(), "the second run had the same inputs");

        Files.writeString(tmp.resolve("inputs/nested/a.txt"), "two");
        step(0);
        assertEquals(2, runs(), "an input changed");

        Files.writeString(tmp.resolve("inputs/b.txt"), "new");
        step(0);
        assertEquals(3, runs(), "an input was added");
    }

    @Test
    void aFailureIsPassedOnAndNeverRemembered() throws IOException {
        Files.createDirectories(tmp.resolve("inputs"));
        assertEquals(3, step(3).exitCode());
        assertFalse(Files.exists(tmp.resolve("stamp")));
        assertEquals(3, step(3).exitCode());
        assertEquals(2, runs(), "a failed step runs again");
    }

    @Test
    void aMissingInputOrCreatedFileMeansRunAgain() throws IOException {
        Files.createDirectories(tmp.resolve("inputs"));
        step(0, "--creates", "out");
        step(0, "--creates", "out");
        assertEquals(1, runs());
        Files.delete(tmp.resolve("out"));
        step(0, "--creates", "out");
        assertEquals(2, runs(), "what the step creates was gone");
        Files.delete(tmp.resolve("inputs"));
        step(0, "--creates", "out");
        step(0, "--creates", "out");
        assertEquals(4, runs(), "a missing input is never taken as unchanged");
    }
}
