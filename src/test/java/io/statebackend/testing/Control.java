package io.statebackend.testing;

import io.statebackend.mockrun.PlanResult;

import java.util.function.Predicate;

/**
 * One security or recovery control as a test states it: the benchmark id, what it requires, and a check over
 * everything the program declared. Tests assert it holds for the real stacks and fails when the control is removed.
 */
public record Control(String id, String requirement, Predicate<PlanResult> check) {

    public static Control of(String id, String requirement, Predicate<PlanResult> check) {
        return new Control(id, requirement, check);
    }

    public void assertHolds(PlanResult run) {
        if (!check.test(run)) {
            throw new AssertionError(id + " (" + requirement + ") does not hold for the " + run.stack() + " stack");
        }
    }

    public void assertBroken(PlanResult runWithoutControl) {
        if (check.test(runWithoutControl)) {
            throw new AssertionError(id + " (" + requirement + ") still holds after the control was removed: the check cannot fail");
        }
    }

    @Override
    public String toString() {
        return id + ": " + requirement;
    }
}
