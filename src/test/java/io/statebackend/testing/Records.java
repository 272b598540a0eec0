package io.statebackend.testing;

import io.statebackend.mockrun.PlanResult;
import io.statebackend.mockrun.ResourceRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Copies of declared resources, or of a whole program run, with one thing changed, to prove an assertion bites: the
 * check that passes on the real record must fail on the copy with the control removed.
 */
public final class Records {

    private Records() {
    }

    /** The run with one resource changed by {@code change}; the original run is untouched. */
    public static PlanResult with(PlanResult run, String type, String name, UnaryOperator<ResourceRecord> change) {
        run.get(type, name);
        List<ResourceRecord> changed = new ArrayList<>();
        for (ResourceRecord r : run.resources()) {
            changed.add(r.type().equals(type) && r.name().equals(name) ? change.apply(r) : r);
        }
        return new PlanResult(run.project(), run.stack(), changed, run.outputs(), run.error());
    }

    /** The run with one input of one resource set to {@code value} (null removes it). */
    public static PlanResult withInput(PlanResult run, String type, String name, String path, Object value) {
        return with(run, type, name, r -> withInput(r, path, value));
    }

    /** The run without the named resource, as if the program had not declared it. */
    public static PlanResult without(PlanResult run, String type, String name) {
        run.get(type, name);
        List<ResourceRecord> kept = run.resources().stream()
                .filter(r -> !(r.type().equals(type) && r.name().equals(name))).toList();
        return new PlanResult(run.project(), run.stack(), kept, run.outputs(), run.error());
    }

    /** The record with the input at a dotted path (list elements by index) set to {@code value}; null removes it. */
    public static ResourceRecord withInput(ResourceRecord record, String path, Object value) {
        return new ResourceRecord(record.type(), record.name(), replaced(record.inputs(), path.split("\\."), 0, value),
                record.outputs(), record.parent(), record.protect(), record.dependsOn(), record.provider(), record.ignoreChanges(),
                record.custom(), record.waitsFor(), record.propertyDependencies());
    }

    public static ResourceRecord unprotected(ResourceRecord record) {
        return new ResourceRecord(record.type(), record.name(), record.inputs(), record.outputs(), record.parent(), false,
                record.dependsOn(), record.provider(), record.ignoreChanges(), record.custom(), record.waitsFor(), record.propertyDependencies());
    }

    public static ResourceRecord withoutDependencies(ResourceRecord record) {
        return new ResourceRecord(record.type(), record.name(), record.inputs(), record.outputs(), record.parent(), record.protect(),
                List.of(), record.provider(), record.ignoreChanges(), record.custom(), record.waitsFor(), record.propertyDependencies());
    }

    /** The record waiting for everything it waited for but {@code key}: one ordering dropped, the others kept. */
    public static ResourceRecord withoutDependency(ResourceRecord record, String key) {
        return new ResourceRecord(record.type(), record.name(), record.inputs(), record.outputs(), record.parent(), record.protect(),
                record.dependsOn().stream().filter(d -> !d.equals(key)).toList(), record.provider(), record.ignoreChanges(),
                record.custom(), record.waitsFor(), record.propertyDependencies());
    }

    public static ResourceRecord withoutIgnoredChanges(ResourceRecord record) {
        return new ResourceRecord(record.type(), record.name(), record.inputs(), record.outputs(), record.parent(), record.protect(),
                record.dependsOn(), record.provider(), List.of(), record.custom(), record.waitsFor(), record.propertyDependencies());
    }

    public static ResourceRecord withProvider(ResourceRecord record, String provider) {
        return new ResourceRecord(record.type(), record.name(), record.inputs(), record.outputs(), record.parent(), record.protect(),
                record.dependsOn(), provider, record.ignoreChanges(), record.custom(), record.waitsFor(), record.propertyDependencies());
    }

    @SuppressWarnings("unchecked")
    private static Object replacedAt(Object current, String[] path, int at, Object value) {
        if (current instanceof Map<?, ?> map) {
            return replaced((Map<String, Object>) map, path, at, value);
        }
        if (current instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list);
            int index = Integer.parseInt(path[at]);
            if (at == path.length - 1) {
                copy.set(index, value);
            } else {
                copy.set(index, replacedAt(copy.get(index), path, at + 1, value));
            }
            return copy;
        }
        throw new IllegalArgumentException("no input at " + String.join(".", path));
    }

    private static Map<String, Object> replaced(Map<String, Object> inputs, String[] path, int at, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(inputs);
        if (at == path.length - 1) {
            if (value == null) {
                copy.remove(path[at]);
            } else {
                copy.put(path[at], value);
            }
        } else {
            copy.put(path[at], replacedAt(copy.get(path[at]), path, at + 1, value));
        }
        return copy;
    }
}
