package io.statebackend.e2e;

import io.statebackend.process.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JVM the program starts for itself ({@code io.statebackend.ShortRunJvm}) when Pulumi runs the jar: a preview
 * through the real CLI leaves the class-data archive only that JVM writes beside the jar, and the JVM maps it for
 * the jar (under {@code -Xshare:on}, which refuses an archive that does not match instead of running without it).
 */
@ExtendWith(E2e.class)
class ShortRunJvmIT {

    @TempDir
    Path tmp;

    @Test
    void aPreviewRunsTheProgramInItsOwnJvmWhoseClassArchiveMatchesTheJar() throws IOException {
        Path jar = E2e.JAR.toRealPath();
        E2e.removeProgramArchives();
        Sandbox sandbox = new Sandbox(tmp).withOwnIds().initLocal("dev");
        sandbox.pulumiOk("preview", "--stack", "dev", "--non-interactive");

        List<Path> archives = E2e.programArchives();
        assertEquals(1, archives.size(), "one archive, for this JVM, beside " + jar + ": " + archives);

        // A user's JVM options keep the program in the JVM they start: here, one that must map the archive or stop.
        Map<String, String> env = new HashMap<>(sandbox.env);
        env.put(E2e.JVM_OPTIONS_ENV, "-Xshare:on -XX:SharedArchiveFile=" + archives.get(0));
        Run mapped = Run.of(env, tmp, Command.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).capture().build());
        assertFalse(mapped.ok(), "outside the engine the program stops: " + mapped.describe());
        assertTrue(mapped.stderr().contains("Program run without the Pulumi engine available"),
                "the JVM mapped the archive and ran the program to its first call to the engine:\n" + mapped.describe());
    }
}
