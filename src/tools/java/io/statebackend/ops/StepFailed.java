package io.statebackend.ops;

/** A step could not finish. The message says what happened and, where known, what to do about it. */
public final class StepFailed extends Exception {
    public StepFailed(String message) {
        super(message);
    }
}
