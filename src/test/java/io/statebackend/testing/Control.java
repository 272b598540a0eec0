package io.statebackend.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statebackend.mockrun.PlanResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * One security or recovery control as a test states it: the benchmark id, what it requires, a check over everything
 * the program declared, and the policies of the pack that state it again, by the names the pack gives them
 * ({@code policy/catalogue.json}, generated from the pack). Tests assert it holds for the real stacks and fails when
 * the control is removed.
 */
public record Control(String id, String requirement, Predicate<PlanResult> check, List<String> packPolicies) {

    /** The names of the pack's policies, read once from the catalogue the pack generates. */
    private static final Set<String> PACK_POLICIES = catalogue();

    public static Control of(String id, String requirement, Predicate<PlanResult> check) {
        return new Control(id, requirement, check, List.of());
    }

    /** This control, stated again by the pack's {@code policies}; a name the pack does not have fails at once. */
    public Control inPack(String... policies) {
        for (String policy : policies) {
            if (!PACK_POLICIES.contains(policy)) {
                throw new IllegalArgumentException(id + ": the policy pack has no policy " + policy);
            }
        }
        return new Control(id, requirement, check, Stream.concat(packPolicies.stream(), Stream.of(policies)).toList());
    }

    public void assertHolds(PlanResult run) {
        if (!check.test(run)) {
            throw new AssertionError(this + " does not hold for the " + run.stack() + " stack");
        }
    }

    public void assertBroken(PlanResult runWithoutControl) {
        if (check.test(runWithoutControl)) {
            throw new AssertionError(this + " still holds after the control was removed: the check cannot fail");
        }
    }

    @Override
    public String toString() {
        return id + " (" + requirement + (packPolicies.isEmpty() ? "" : "; pack: " + String.join(", ", packPolicies)) + ")";
    }

    private static Set<String> catalogue() {
        try {
            Set<String> names = new LinkedHashSet<>();
            for (JsonNode entry : new ObjectMapper().readTree(Stacks.PROJECT_DIR.resolve("policy/catalogue.json").toFile())) {
                names.add(entry.path("policy").asText());
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy/catalogue.json", e);
        }
    }
}
