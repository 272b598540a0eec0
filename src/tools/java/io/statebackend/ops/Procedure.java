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
 * @param keptOnFailure  printed after a failure of the step with the given id: what was left in place
 * @param whenDone       lines printed once every step has finished (may read journal values)
 */
public record Procedure(String title, List<Step> steps, Journal journal, Path journalFile,
                        Function<String, List<String>> keptOnFailure, Function<Journal, List<String>> whenDone) {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int MISSING_PREREQUISITES = 3;
    public static final int DECLINED = 4;
    public static final int ALREADY_RUNNING = 5;

    public List<String> stepIds() {
        return steps.stream().map(Step::id).toList();
    }

    /** The steps a run asked to redo from {@code redoFrom} (null: none) would run, in order. */
    public List<String> pending(String redoFrom) {
        List<String> ids = stepIds();
        return ids.stream().filter(id -> journal.wouldRun(id, ids, redoFrom)).toList();
    }

    /**
     * The common way into a plan for both commands: stop if prerequisites are missing (a dry run goes on and shows
     * the plan), apply {@code --redo-from}, ask for confirmation when a question is given and there is work left,
     * then run.
     *
     * @param confirmQuestion asked unless {@code yes} or a dry run; null to ask nothing
     */
    public int start(Ops ops, boolean dryRun, boolean prerequisitesOk, String redoFrom, String confirmQuestion,
                     boolean yes) {
        if (!prerequisitesOk && !dryRun) {
            ops.err().println("Nothing was run: provide what is MISSING above, then run the same command again.");
            return MISSING_PREREQUISITES;
        }
        if (redoFrom != null) {
            try {
                journal.redoFrom(redoFrom, stepIds());
            } catch (IllegalArgumentException e) {
                ops.err().println("error: --redo-from: " + e.getMessage());
                return USAGE;
            }
        }
        boolean workLeft = stepIds().stream().anyMatch(id -> !journal.isDone(id));
        if (confirmQuestion != null && workLeft && !dryRun && !yes && !ops.confirm().ask(confirmQuestion)) {
            ops.err().println("Not confirmed: nothing was run. Pass --yes to run without asking.");
            return DECLINED;
        }
        int code = run(ops, dryRun);
        return code == OK && !prerequisitesOk ? MISSING_PREREQUISITES : code;
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
            } catch (StepFailed e) {
                return fail(ops, dryRun, step, label, e.getMessage());
            } catch (RuntimeException e) {
                return fail(ops, dryRun, step, label, e.getMessage() != null ? e.getMessage() : e.toString());
            }
            journal.done.add(step.id());
            journal.failedStep = null;
            journal.failure = null;
            if (!dryRun) {
                journal.save(journalFile, ops.clock().instant());
            }
        }
        ops.out().println();
        if (dryRun) {
            ops.out().println("DRY RUN finished: nothing was run. Run the same command without --dry-run to do it.");
        } else {
            whenDone.apply(journal).forEach(ops.out()::println);
        }
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
        keptOnFailure.apply(step.id()).forEach(line -> ops.err().println(line));
        ops.err().println("Fix the cause and run the same command again: it resumes at step '" + step.id()
                + "' (progress is kept in " + ops.show(journalFile) + ").");
        return FAILED;
    }
}
