package io.statebackend.ops;

/**
 * One resumable unit of a plan. A step is recorded as done in the journal only after its body returned normally,
 * so a step that failed half-way runs again in full on the next run: every body must therefore be safe to repeat
 * (each one is either naturally idempotent or probes first, see the individual steps).
 *
 * @param id    stable name, stored in the journal and accepted by {@code --redo-from}
 * @param title one line for people
 * @param body  the work; it runs commands only through {@link StepContext#run}, which is what makes dry runs exact
 */
public record Step(String id, String title, Body body) {

    @FunctionalInterface
    public interface Body {
        void run(StepContext ctx) throws StepFailed;
    }
}
