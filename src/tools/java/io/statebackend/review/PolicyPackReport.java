package io.statebackend.review;

import io.statebackend.mockrun.PlanResult;
import io.statebackend.mockrun.RecordsWriter;
import io.statebackend.process.Command;
import io.statebackend.process.ProcessRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the policy pack's report command ({@code policy/dist/report.js}) on a stack's resource records, with the
 * stack's pack config.
 */
public final class PolicyPackReport {

    /** The report's text, or why there is none. */
    public record Outcome(String output, String unavailableBecause) {
    }

    private PolicyPackReport() {
    }

    /**
     * The pack config a stack is judged by, relative to the project: {@code policy/config/<stack>.json}, or
     * production's for a stack without one (the pack's own defaults would be weaker than production's).
     */
    public static String configFor(Path projectDir, String stack) {
        String own = packConfigPath(stack);
        return Files.isRegularFile(projectDir.resolve(own)) ? own : packConfigPath("prod");
    }

    /** The pack's config for a stack, relative to the project directory. */
    public static String packConfigPath(String stack) {
        return "policy/config/" + stack + ".json";
    }

    /** The report on a program run, through a temporary records file. */
    public static Outcome run(Path projectDir, PlanResult result, boolean json) {
        try {
            Path records = Files.createTempFile("state-backend-" + result.stack(), ".json");
            try {
                RecordsWriter.write(result, records);
                return run(projectDir, records, result.stack(), json);
            } finally {
                Files.deleteIfExists(records);
            }
        } catch (IOException e) {
            return new Outcome(null, "the policy pack could not be run: " + e.getMessage());
        }
    }

    /** The report on records already written for {@code stack}: the pack's policies run offline. */
    static Outcome run(Path projectDir, Path records, String stack, boolean json) {
        return report(projectDir, List.of(records.toString()), stack, json);
    }

    /** The report on the event log of a real run with the pack ({@code --event-log}): the engine's own verdicts. */
    public static Outcome fromEngineLog(Path projectDir, Path eventLog, String stack, boolean json) {
        return report(projectDir, List.of("--engine-log", eventLog.toString()), stack, json);
    }

    private static Outcome report(Path projectDir, List<String> input, String stack, boolean json) {
        if (!Files.isRegularFile(projectDir.resolve("policy/dist/report.js"))) {
            return new Outcome(null, "the policy pack is not built: run `mvn -B verify` once");
        }
        Command command = Command.of("node", "policy/dist/report.js").args(input.toArray(String[]::new))
                .args(configFor(projectDir, stack))
                .argIf(json, "--json")
                .capture()
                .build();
        ProcessRunner runner = new ProcessRunner(System.getenv(), projectDir);
        if (runner.find(command.program()).isEmpty()) {
            return new Outcome(null, "the policy pack could not be run: node is not on PATH");
        }
        try {
            ProcessRunner.Result report = runner.run(command);
            return report.ok() && !report.stdout().isBlank()
                    ? new Outcome(report.stdout(), null)
                    : new Outcome(null, "the policy pack's report exited " + report.exitCode() + " without a verdict");
        } catch (UncheckedIOException | IllegalStateException e) {
            return new Outcome(null, "the policy pack could not be run: " + e.getMessage());
        }
    }
}
