package io.statebackend.review;

import io.statebackend.mockrun.PlanResult;
import io.statebackend.mockrun.ProgramRun;
import io.statebackend.mockrun.RecordsWriter;
import io.statebackend.settings.StackFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code target/compliance-report.md}: for every stack, each control's id, requirement, resource and verdict
 * from the policy pack. A stack with an event log of a real run with the pack in {@link #ENGINE_LOGS_DIR}, written
 * after the stack's records (so by this build's end-to-end tests), gets the engine's own verdicts; any other stack
 * gets the pack's policies run offline on what the program declares under the mock engine, which needs no Pulumi
 * CLI. The end-to-end tests check that both give the same verdicts.
 */
public final class ComplianceReport {

    static final String INTRO = """
            # Compliance report: state-backend

            Evidence that the program meets its own policy pack, for each stack file. Each section says where its
            verdicts come from: the event log the Pulumi engine wrote while it ran the real program with the pack in
            `policy/` (`pulumi up --event-log`, stand-in providers instead of the clouds), or the pack's policies run
            offline on the resources the program declared under Pulumi's mock engine. Both use the stack's pack config
            (`policy/config/<stack>.json`): production with every policy mandatory, development with its relaxations
            advisory. This is the state `pulumi up` creates, not cloud state.
            """;

    /** Where the test suite records each stack's resources; the report reuses them rather than run the program again. */
    public static final String RECORDS_DIR = "target/resource-records";
    /** Where the end-to-end tests keep the engine's event log of each stack's run with the pack. */
    public static final String ENGINE_LOGS_DIR = RECORDS_DIR + "/engine-logs";

    private ComplianceReport() {
    }

    public static void main(String[] args) throws IOException {
        Path projectDir = Path.of("").toAbsolutePath();
        Path out = write(projectDir, projectDir.resolve(args.length > 0 ? args[0] : "target/compliance-report.md"));
        System.out.println("compliance report: " + projectDir.relativize(out));
    }

    /** The engine's event log of {@code stack}'s run with the pack. */
    public static Path engineLog(Path projectDir, String stack) {
        return projectDir.resolve(ENGINE_LOGS_DIR).resolve(stack + ".events.jsonl");
    }

    public static Path write(Path projectDir, Path out) throws IOException {
        List<String> sections = new ArrayList<>(List.of(INTRO));
        for (String stack : StackFile.stackNames(projectDir)) {
            Path records = records(projectDir, stack);
            Path log = engineLog(projectDir, stack);
            PolicyPackReport.Outcome report = Files.isRegularFile(log)
                    && !Files.getLastModifiedTime(log).toInstant().isBefore(Files.getLastModifiedTime(records).toInstant())
                    ? PolicyPackReport.fromEngineLog(projectDir, log, stack, false)
                    : PolicyPackReport.run(projectDir, records, stack, false);
            if (report.output() == null) {
                throw new IllegalStateException("no compliance report for " + stack + ": " + report.unavailableBecause());
            }
            sections.add(report.output().replaceFirst("^# ", "## "));
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out, String.join("\n", sections));
        return out;
    }

    private static Path records(Path projectDir, String stack) throws IOException {
        Path records = projectDir.resolve(RECORDS_DIR).resolve(stack + ".json");
        if (!Files.isRegularFile(records)) {
            PlanResult run = ProgramRun.run(StackFile.load(projectDir, stack));
            if (run.error().isPresent()) {
                throw new IllegalStateException("the " + stack + " stack failed: " + run.error().get().getMessage());
            }
            RecordsWriter.write(run, records);
        }
        return records;
    }
}
