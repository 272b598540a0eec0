package io.statebackend.testing;

import io.statebackend.mockrun.PlanResult;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The program's run on each real stack file, computed once per test JVM (the program is deterministic). */
public final class Runs {

    private static final Map<String, PlanResult> CACHE = new ConcurrentHashMap<>();

    private Runs() {
    }

    public static PlanResult prod() {
        return of("prod");
    }

    public static PlanResult dev() {
        return of("dev");
    }

    public static PlanResult of(String stack) {
        PlanResult result = CACHE.computeIfAbsent(stack, Stacks::run);
        if (result.error().isPresent()) {
            throw new AssertionError("the " + stack + " stack failed to run", result.error().get());
        }
        return result;
    }
}
