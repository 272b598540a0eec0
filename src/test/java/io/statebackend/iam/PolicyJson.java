package io.statebackend.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statebackend.mockrun.ResourceRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Reads a policy document back from the JSON a resource was declared with, statement by statement, so tests check
 * what AWS receives rather than the model that produced it.
 */
public record PolicyJson(JsonNode document) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static PolicyJson parse(String json) {
        try {
            return new PolicyJson(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** The policy document in a resource's input, e.g. {@code policy} or {@code assumeRolePolicy}. */
    public static PolicyJson of(ResourceRecord record, String input) {
        Object value = record.input(input);
        if (!(value instanceof String json)) {
            throw new AssertionError(record.key() + " has no policy document in " + input + ": " + value);
        }
        return parse(json);
    }

    public String version() {
        return document.path("Version").asText();
    }

    public List<JsonNode> statements() {
        List<JsonNode> statements = new ArrayList<>();
        document.path("Statement").forEach(statements::add);
        return statements;
    }

    public List<String> sids() {
        return statements().stream().map(s -> s.path("Sid").asText()).toList();
    }

    public JsonNode statement(String sid) {
        return statements().stream().filter(s -> s.path("Sid").asText().equals(sid)).findFirst()
                .orElseThrow(() -> new AssertionError("no statement " + sid + " in " + document));
    }

    /** A string or array of strings, as a list. */
    public static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.asText());
        } else {
            node.forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    public static List<String> actions(JsonNode statement) {
        return strings(statement.path("Action"));
    }

    public static List<String> resources(JsonNode statement) {
        return strings(statement.path("Resource"));
    }

    /** operator → key → values, for exact comparison of a whole Condition block. */
    public static Map<String, Map<String, List<String>>> conditions(JsonNode statement) {
        Map<String, Map<String, List<String>>> block = new TreeMap<>();
        statement.path("Condition").fields().forEachRemaining(op -> {
            Map<String, List<String>> keys = new TreeMap<>();
            op.getValue().fields().forEachRemaining(k -> keys.put(k.getKey(), strings(k.getValue())));
            block.put(op.getKey(), keys);
        });
        return block;
    }

    /** The principals of one kind ("AWS", "Service"); "*" for a statement about everyone. */
    public static List<String> principals(JsonNode statement, String kind) {
        JsonNode principal = statement.path("Principal");
        if (principal.isTextual()) {
            return List.of(principal.asText());
        }
        return strings(principal.path(kind));
    }

    /** Checks the parts every statement has: effect, actions and resources, exactly and in order. */
    public static void assertStatement(JsonNode statement, String effect, List<String> actions, List<String> resources) {
        String sid = statement.path("Sid").asText();
        assertEquals(effect, statement.path("Effect").asText(), sid + " effect");
        assertEquals(actions, actions(statement), sid + " actions");
        assertEquals(resources, resources(statement), sid + " resources");
    }

    /** No statement allows anything to everyone: no {@code "*"} principal, and no {@code "*"} among AWS principals. */
    public void assertNoAllowToEveryone() {
        for (JsonNode statement : statements()) {
            if (!statement.path("Effect").asText().equals("Allow")) {
                continue;
            }
            JsonNode principal = statement.path("Principal");
            if (principal.isTextual() && principal.asText().equals("*")) {
                fail("statement " + statement.path("Sid").asText() + " allows everyone");
            }
            for (String kind : List.of("AWS", "Service", "Federated", "CanonicalUser")) {
                assertTrue(!strings(principal.path(kind)).contains("*"),
                        "statement " + statement.path("Sid").asText() + " allows " + kind + " *");
            }
        }
    }
}
