package io.statebackend.process;

import io.statebackend.testing.Executables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Children run on the PATH and environment handed in, never the JVM's own. */
class ProcessRunnerTest {

    @TempDir
    Path dir;

    /** An executable shell script {@code name} in {@code dir}/bin. */
    private Path script(String name, String body) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        return Executables.write(bin.resolve(name), "#!/bin/sh\n" + body + "\n");
    }

    @Test
    void findsProgramsOnTheGivenPathOnly() throws IOException {
        Path exe = script("state-backend-probe", "exit 0");
        assertEquals(exe, ProcessRunner.find("state-backend-probe", Map.of("PATH", exe.getParent().toString())).orElseThrow());
        assertTrue(ProcessRunner.find("state-backend-probe", Map.of("PATH", dir.toString())).isEmpty());
        assertTrue(ProcessRunner.find("state-backend-probe", Map.of()).isEmpty());
    }

    @Test
    void capturesStdoutAndSetsTheGivenAndTheCommandsEnvironment() throws IOException {
        Path exe = script("greet", "printf '%s %s' \"$GREETING\" \"$1\"; printf 'to stderr' >&2; exit 3");
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var runner = new ProcessRunner(Map.of("PATH", exe.getParent().toString(), "GREETING", "hello"), dir,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        ProcessRunner.Result captured = runner.run(Command.of("greet", "world").capture().build());
        assertEquals(new ProcessRunner.Result(3, "hello world"), captured);
        assertEquals("to stderr", err.toString(StandardCharsets.UTF_8));

        ProcessRunner.Result overridden = runner.run(Command.of("greet", "you").env("GREETING", "bye").build());
        assertEquals(new ProcessRunner.Result(3, ""), overridden, "stdout is returned only when captured");
        assertEquals("bye you", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aCommandRunsWithoutTheVariablesItUnsets() throws IOException {
        Path exe = script("show", "printf '[%s]' \"${PULUMI_CONFIG_PASSPHRASE-unset}\"");
        var runner = new ProcessRunner(Map.of("PATH", exe.getParent().toString(), "PULUMI_CONFIG_PASSPHRASE", "s3cret"),
                dir);
        assertEquals(new ProcessRunner.Result(0, "[s3cret]"), runner.run(Command.of("show").capture().build()));
        assertEquals(new ProcessRunner.Result(0, "[unset]"),
                runner.run(Command.of("show").unset("PULUMI_CONFIG_PASSPHRASE").capture().build()));
    }

    @Test
    void theJvmsOwnEnvironmentIsNotPassedOn() throws IOException {
        String inherited = System.getenv().keySet().stream().filter(k -> k.matches("[A-Z_]+") && !k.equals("PATH"))
                .findFirst().orElseThrow();
        Path exe = script("show", "printf '[%s]' \"$" + inherited + "\"");
        var runner = new ProcessRunner(Map.of("PATH", exe.getParent().toString()), dir);
        assertEquals(new ProcessRunner.Result(0, "[]"), runner.run(Command.of("show").capture().build()));
    }

    @Test
    void aProgramMissingFromPathExitsWith127AsInAShell() {
        var runner = new ProcessRunner(Map.of("PATH", dir.toString()), dir, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
        assertEquals(new ProcessRunner.Result(127, ""), runner.run(Command.of("no-such-program").build()));
    }
}
