package io.statebackend.testing;

import io.statebackend.plan.PlanResult;
import io.statebackend.plan.ResourceRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies of a program run with one control taken away, to prove that the check for that control would notice.
 */
public final class Records {

    private Records() {
    }

    /** The run with one input of one resource set to {@code value} (null removes it); the original is untouched. */
    public static PlanResult withInput(PlanResult run, String type, String name, String path, Object value) {
        run.get(type, name);
        return replace(run, type, name, r -> new ResourceRecord(r.type(), r.name(), withPath(r.inputs(), path, value),
                r.parent(), r.protect(), r.dependsOn()));
    }

    /** The run without the named resource, as if the program had not declared it. */
    public static PlanResult without(PlanResult run, String type, String name) {
        run.get(type, name);
        List<ResourceRecord> kept = run.resources().stream()
                .filter(r -> !(r.type().equals(type) && r.name().equals(name))).toList();
        return new PlanResult(run.project(), run.stack(), kept, run.outputs(), run.error());
    }

    /** The run with a resource's protect flag or explicit dependencies changed. */
    public static PlanResult withOptions(PlanResult run, String type, String name, boolean protect, List<String> dependsOn) {
        run.get(type, name);
        return replace(run, type, name, r -> new ResourceRecord(r.type(), r.name(), r.inputs(), r.parent(), protect, dependsOn));
    }

    private static PlanResult replace(PlanResult run, String type, String name,
                                      java.util.function.UnaryOperator<ResourceRecord> change) {
        List<ResourceRecord> changed = new ArrayList<>();
        for (ResourceRecord r : run.resources()) {
            changed.add(r.type().equals(type) && r.name().equals(name) ? change.apply(r) : r);
        }
        return new PlanResult(run.project(), run.stack(), changed, run.outputs(), run.error());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withPath(Map<String, Object> inputs, String path, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(inputs);
        int dot = path.indexOf('.');
        if (dot < 0) {
            if (value == null) {
                copy.remove(path);
            } else {
                copy.put(path, value);
            }
            return copy;
        }
        String head = path.substring(0, dot);
        Map<String, Object> child = copy.get(head) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        copy.put(head, withPath(child, path.substring(dot + 1), value));
        return copy;
    }
}
