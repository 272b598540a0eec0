package io.statebackend.mockrun;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/** What one run of the program under the mock engine declared and exported, or the error that stopped it. */
public record PlanResult(
        String project,
        String stack,
        List<ResourceRecord> resources,
        Map<String, Object> outputs,
        Optional<Throwable> error) {

    public List<ResourceRecord> ofType(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).toList();
    }

    /** The one resource of {@code type} named {@code name}; NoSuchElementException if the program did not declare it. */
    public ResourceRecord get(String type, String name) {
        return find(type, name).orElseThrow(() -> new NoSuchElementException("no " + type + " named " + name + " was declared"));
    }

    public Optional<ResourceRecord> find(String type, String name) {
        return resources.stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst();
    }
}
