package io.statebackend.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the policy pack's report command ({@code policy/dist/report.js}) on a program run's records, with the stack's
 * pack config ({@code policy/config/<stack>.json}), or production's for a stack without one.
 */
final class PolicyPackReport {

    /** The report's text, or why there is none. */
    record Outcome(String output, String unavailableBecause) {
    }

    private PolicyPackReport() {
    }

    static Outcome run(Path projectDir, PlanResult result, boolean json) {
        Path report = projectDir.resolve("policy/dist/report.js");
        if (!Files.isRegularFile(report)) {
            return new Outcome(null, "the policy pack is not built: run `mvn -B verify` once");
        }
        String config = "policy/config/" + (Files.isRegularFile(projectDir.resolve("policy/config/" + result.stack() + ".json"))
                ? result.stack() : "prod") + ".json";
        try {
            Path records = Files.createTempFile("state-backend-" + result.stack(), ".json");
            try {
                RecordsWriter.write(result, records);
                List<String> command = new ArrayList<>(List.of("node", "policy/dist/report.js", records.toString(), config));
                if (json) {
                    command.add("--json");
                }
                Process process = new ProcessBuilder(command).directory(projectDir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int exit = process.waitFor();
                return exit == 0 && !output.isBlank()
                        ? new Outcome(output, null)
                        : new Outcome(null, "the policy pack's report exited " + exit + " without a verdict");
            } finally {
                Files.deleteIfExists(records);
            }
        } catch (IOException e) {
            return new Outcome(null, "the policy pack could not be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted");
        }
    }
}
