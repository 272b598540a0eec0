package io.statebackend.iam;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who a resource-policy statement is about: everyone ({@code "*"}, used here only in Deny statements), or lists of
 * identifiers by kind ({@code AWS} account/role/user ARNs, {@code Service} principals).
 */
public record Principals(boolean everyone, Map<String, List<String>> byKind) {

    public static final String AWS = "AWS";
    public static final String SERVICE = "Service";

    public Principals {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        byKind.forEach((kind, ids) -> copy.put(kind, List.copyOf(ids)));
        byKind = java.util.Collections.unmodifiableMap(copy);
        if (everyone == !byKind.isEmpty()) {
            throw new IllegalArgumentException("principals are either anyone or named identifiers");
        }
    }

    public static Principals anyone() {
        return new Principals(true, Map.of());
    }

    public static Principals aws(List<String> arns) {
        if (arns.isEmpty()) {
            throw new IllegalArgumentException("an AWS principal list needs at least one ARN");
        }
        return new Principals(false, Map.of(AWS, arns));
    }

    public static Principals aws(String... arns) {
        return aws(List.of(arns));
    }

    public static Principals service(String... services) {
        return new Principals(false, Map.of(SERVICE, List.of(services)));
    }

    /** The JSON form: {@code "*"} or {@code {"AWS": [...], "Service": [...]}}. */
    JsonElement toJson() {
        if (everyone) {
            return new JsonPrimitive("*");
        }
        JsonObject json = new JsonObject();
        byKind.forEach((kind, ids) -> json.add(kind, Statement.strings(ids)));
        return json;
    }
}
