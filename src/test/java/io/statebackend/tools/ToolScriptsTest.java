package io.statebackend.tools;

import io.statebackend.e2e.Run;
import io.statebackend.process.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The project's scripts stop on a mistaken argument, or an unbuilt pack, with one line that says what is wrong; the
 * installers' help is their header comment.
 */
class ToolScriptsTest {

    static final Path PROJECT = Path.of("").toAbsolutePath();

    @TempDir
    Path tmp;

    private Run run(String script, String... args) {
        return Run.of(Map.of("PATH", System.getenv("PATH"), "HOME", tmp.toString()), PROJECT,
                Command.of(PROJECT.resolve(script).toString(), args).build());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "tools/pulumi/install,    --bogus, tools/pulumi/install: unknown argument '--bogus' (see --help)",
            "tools/pulumi/install,    --link,  tools/pulumi/install: --link needs a directory",
            "tools/emulators/install, --bogus, tools/emulators/install: unknown argument '--bogus' (see --help)",
            "tools/emulators/install, --link,  tools/emulators/install: --link needs a directory"})
    void aMistakenArgumentStopsTheInstallerWithOneLine(String script, String argument, String line) {
        Run result = run(script, argument);
        assertEquals(1, result.exitCode(), result::describe);
        assertEquals(line, result.stderr().strip(), result::describe);
        assertEquals("", result.stdout(), "nothing was installed:\n" + result.describe());
    }

    @ParameterizedTest
    @CsvSource({"tools/pulumi/install", "tools/emulators/install"})
    void helpPrintsTheHeaderCommentAndNothingOfTheScript(String script) {
        Run result = run(script, "--help");
        assertEquals(0, result.exitCode(), result::describe);
        assertTrue(result.stdout().startsWith("Installs the "), result::describe);
        assertTrue(result.stdout().strip().endsWith("--link DIR   " + (script.contains("pulumi")
                ? "also link the pinned `pulumi` into DIR, to put first on PATH"
                : "link moto_server, aws and azurite-blob into DIR")), result::describe);
        assertFalse(result.stdout().contains("set -euo"), result::describe);
    }

    @Test
    void anUnbuiltPackStopsRunPackWithOneLine() throws IOException {
        Path copy = Files.copy(PROJECT.resolve("policy/run-pack"), tmp.resolve("run-pack"));
        Run result = Run.of(Map.of("PATH", System.getenv("PATH")), tmp, Command.of(copy.toString(), "127.0.0.1:1").build());
        assertEquals(1, result.exitCode(), result::describe);
        assertEquals("policy/run-pack: the pack is not built: run `npm ci` in policy/ (mvn -B verify does it)",
                result.stderr().strip());
    }
}
