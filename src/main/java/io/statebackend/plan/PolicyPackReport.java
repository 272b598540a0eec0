package io.statebackend.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the policy pack's report command ({@code policy/dist/report.js}) on a stack's resource records, with the
 * stack's pack config.
 */
public final class PolicyPackReport {

    /** The report's text, or why there is none. */
    record Outcome(String output, String unavailableBecause) {
    }

    private PolicyPackReport() {
    }

    /**
     * The pack config a stack is judged by, relative to the project: {@code policy/config/<stack>.json}, or
     * production's for a stack without one (the pack's own defaults would be weaker than production's).
     */
    public static String configFor(Path projectDir, String stack) {
        String own = "policy/config/" + stack + ".json";
        return Files.isRegularFile(projectDir.resolve(own)) ? own : "policy/config/prod.json";
    }

    /** The report on a program run, through a temporary records file. */
    static Outcome run(Path projectDir, PlanResult result, boolean json) {
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

    /** The report on records already written for {@code stack}. */
    static Outcome run(Path projectDir, Path records, String stack, boolean json) {
        if (!Files.isRegularFile(projectDir.resolve("policy/dist/report.js"))) {
            return new Outcome(null, "the policy pack is not built: run `mvn -B verify` once");
        }
        List<String> command = new ArrayList<>(List.of("node", "policy/dist/report.js", records.toString(),
                configFor(projectDir, stack)));
        if (json) {
            command.add("--json");
        }
        try {
            Process process = new ProcessBuilder(command).directory(projectDir.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            return exit == 0 && !output.isBlank()
                    ? new Outcome(output, null)
                    : new Outcome(null, "the policy pack's report exited " + exit + " without a verdict");
        } catch (IOException e) {
            return new Outcome(null, "the policy pack could not be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted");
        }
    }
}
