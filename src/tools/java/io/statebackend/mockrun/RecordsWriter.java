package io.statebackend.mockrun;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes what a program run declared in the form a policy pack evaluates: per resource its type, name, URN, inputs,
 * the mock provider's outputs, parent, explicit dependencies, each input's dependencies, protect flag and ignored
 * changes, plus the outputs the stack would export.
 */
public final class RecordsWriter {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private RecordsWriter() {
    }

    public static Map<String, Object> document(PlanResult run) {
        Map<String, String> urns = new LinkedHashMap<>();
        for (ResourceRecord r : run.resources()) {
            urns.put(r.key(), urn(run, r, urns));
        }
        List<Map<String, Object>> resources = new ArrayList<>();
        for (ResourceRecord r : run.resources()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", r.type());
            entry.put("name", r.name());
            entry.put("urn", urns.get(r.key()));
            entry.put("inputs", r.inputs());
            entry.put("outputs", r.outputs());
            entry.put("parent", r.parent() == null ? null : urns.get(r.parent()));
            entry.put("dependsOn", r.dependsOn().stream().map(urns::get).toList());
            Map<String, List<String>> propertyDependencies = new LinkedHashMap<>();
            r.propertyDependencies().forEach((property, keys) ->
                    propertyDependencies.put(property, keys.stream().map(urns::get).toList()));
            entry.put("propertyDependencies", propertyDependencies);
            entry.put("protect", r.protect());
            entry.put("ignoreChanges", r.ignoreChanges());
            resources.add(entry);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("project", run.project());
        document.put("stack", run.stack());
        document.put("resources", resources);
        document.put("outputs", run.outputs());
        return document;
    }

    public static String json(PlanResult run) {
        try {
            return JSON.writeValueAsString(document(run));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(PlanResult run, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, json(run));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code urn:pulumi:<stack>::<project>::<parent types joined by $><type>::<name>}, as the engine forms it. */
    private static String urn(PlanResult run, ResourceRecord r, Map<String, String> known) {
        String qualifiedType = r.type();
        if (r.parent() != null && known.containsKey(r.parent()) && !r.parent().startsWith("pulumi:pulumi:Stack::")) {
            String parentUrn = known.get(r.parent());
            String parentType = parentUrn.split("::")[2];
            qualifiedType = parentType + "$" + r.type();
        }
        return "urn:pulumi:" + run.stack() + "::" + run.project() + "::" + qualifiedType + "::" + r.name();
    }
}
