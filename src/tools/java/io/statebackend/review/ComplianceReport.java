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
 * from the policy pack, evaluated on what the program declares for that stack. Run by {@code mvn -B verify}.
 */
public final class ComplianceReport {

    static final String INTRO = """
            # Compliance report: state-backend

            Evidence that the program meets its own policy pack. For each stack file, the real program ran under
            Pulumi's mock engine (no cloud, no credentials), every resource it declared was recorded, and every policy
            of the pack in `policy/` was evaluated on those records with the stack's pack config
            (`policy/config/<stack>.json`). Production is evaluated with every policy mandatory; development shows
            its relaxations as advisory results. This is the desired state `pulumi up` would create, not cloud state.
            """;

    /** Where the test suite records each stack's resources; the report reuses them rather than run the program again. */
    public static final String RECORDS_DIR = "target/resource-records";

    private ComplianceReport() {
    }

    public static void main(String[] args) throws IOException {
        Path projectDir = Path.of("").toAbsolutePath();
        Path out = projectDir.resolve(args.length > 0 ? args[0] : "target/compliance-report.md");
        List<String> sections = new ArrayList<>(List.of(INTRO));
        for (String stack : StackFile.stackNames(projectDir)) {
            Path records = projectDir.resolve(RECORDS_DIR).resolve(stack + ".json");
            if (!Files.isRegularFile(records)) {
                PlanResult run = ProgramRun.run(StackFile.load(projectDir, stack));
                if (run.error().isPresent()) {
                    throw new IllegalStateException("the " + stack + " stack failed: " + run.error().get().getMessage());
                }
                RecordsWriter.write(run, records);
            }
            PolicyPackReport.Outcome report = PolicyPackReport.run(projectDir, records, stack, false);
            if (report.output() == null) {
                throw new IllegalStateException("no compliance report for " + stack + ": " + report.unavailableBecause());
            }
            sections.add(report.output().replaceFirst("^# ", "## "));
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out, String.join("\n", sections));
        System.out.println("compliance report: " + projectDir.relativize(out));
    }
}
