package io.statebackend.ops;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * An ordered list of steps with a journal, run by {@link #run}. Shared by {@code Bootstrap} and
 * {@code MigrateStack}: both are "a few local steps, then {@link StackMove}".
 *
 * @param title          first line printed
 * @param steps          in order
 * @param journal        progress so far (possibly from an earlier run)
 * @param journalFile    where the journal is saved
 * @param keptOnFailure  printed after a failure: what was left in place
 * @param whenDone       lines printed once every step has finished (may read journal values)
 */
public record Plan(String title, List<Step> steps, Journal journal, Path journalFile, List<String> keptOnFailure,
                   Function<Journal, List<String>> whenDone) {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int MISSING_PREREQUISITES = 3;
    public static final int DECLINED = 4;

    public List<String> stepIds() {
        return steps.stream().map(Step::id).toList();
    }

    /** Runs every step not yet done. Returns {@link #OK} or {@link #FAILED}. */
    public int run(Ops ops, boolean dryRun) {
        StepContext ctx = new StepContext(ops, journal, journalFile, dryRun);
        int total = steps.size();
        long doneBefore = steps.stream().filter(s -> journal.isDone(s.id())).count();
        ops.out().println(title);
        ops.out().println("Progress journal: " + ops.show(journalFile)
                + (doneBefore > 0 ? " (" + doneBefore + " of " + total + " steps finished in an earlier run)" : ""));
        if (dryRun) {
            ops.out().println("DRY RUN: the commands below are printed, not run; no file is written.");
        }
        for (int i = 0; i < total; i++) {
            Step step = steps.get(i);
            String label = "[" + (i + 1) + "/" + total + "] " + step.id();
            if (journal.isDone(step.id())) {
                ops.out().println(label + ": done in an earlier run, skipped");
                continue;
            }
            ops.out().println(label + ": " + step.title());
            try {
                step.body().run(ctx);
            } catch (StepFailed | RuntimeException e) {
                return fail(ops, dryRun, step, label, e.getMessage());
            }
            journal.done.add(step.id());
            journal.failedStep = null;
            journal.failure = null;
            if (!dryRun) {
                journal.save(journalFile, ops.clock().instant());
            }
        }
        ops.out().println();
        whenDone.apply(journal).forEach(ops.out()::println);
        return OK;
    }

    private int fail(Ops ops, boolean dryRun, Step step, String label, String message) {
        if (!dryRun) {
            journal.failedStep = step.id();
            journal.failure = message;
            journal.save(journalFile, ops.clock().instant());
        }
        ops.err().println();
        ops.err().println("FAILED " + label + ": " + message);
        keptOnFailure.forEach(line -> ops.err().println(line));
        ops.err().println("Fix the cause and run the same command again: it resumes at step '" + step.id()
                + "' (progress is kept in " + ops.show(journalFile) + ").");
        return FAILED;
    }
}
