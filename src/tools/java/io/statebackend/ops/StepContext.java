package io.statebackend.ops;

import io.statebackend.process.Command;
import io.statebackend.process.ProcessRunner;

import java.nio.file.Path;

/**
 * What a running step may use: the command runner, the journal's values, and the output. In a dry run
 * {@link #run} prints the command and returns success without starting anything, and {@link #var} answers
 * placeholders for values that only a real run would learn.
 */
public final class StepContext {

    private final Ops ops;
    private final ProcessRunner runner;
    private final Journal journal;
    private final Path journalFile;
    private final boolean dryRun;

    StepContext(Ops ops, Journal journal, Path journalFile, boolean dryRun) {
        this.ops = ops;
        this.runner = ops.runner();
        this.journal = journal;
        this.journalFile = journalFile;
        this.dryRun = dryRun;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public Ops ops() {
        return ops;
    }

    public void say(String line) {
        ops.out().println("    " + line);
    }

    /** Runs a command that must succeed; a non-zero exit fails the step, naming the command and the code. */
    public ProcessRunner.Result run(Command command) throws StepFailed {
        ProcessRunner.Result result = probe(command);
        if (!result.ok()) {
            throw new StepFailed("`" + command.display() + "` " + describeExit(result.exitCode()));
        }
        return result;
    }

    /** Runs a command whose failure the step interprets itself. */
    public ProcessRunner.Result probe(Command command) {
        ops.out().println("  $ " + command.display());
        if (dryRun) {
            return new ProcessRunner.Result(0, "");
        }
        return runner.run(command);
    }

    static String describeExit(int code) {
        return code == 127 ? "could not run: the program is not on PATH" : "exited with code " + code;
    }

    /** A value recorded earlier in this run or a previous one; in a dry run, a readable placeholder if unknown. */
    public String var(String name) throws StepFailed {
        String value = journal.vars.get(name);
        if (value != null) {
            return value;
        }
        if (dryRun) {
            return "<" + name + ">";
        }
        throw new StepFailed("internal: value '" + name + "' was never recorded; run with --redo-from at an "
                + "earlier step");
    }

    /** A value recorded earlier, or null. */
    public String optionalVar(String name) {
        return journal.vars.get(name);
    }

    /** Records a value and, outside dry runs, saves the journal at once so that a crash cannot lose it. */
    public void setVar(String name, String value) {
        journal.vars.put(name, value);
        if (!dryRun) {
            journal.save(journalFile, ops.clock().instant());
        }
    }
}
