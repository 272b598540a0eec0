package io.statebackend.iam;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides which statements of a resource policy apply to a request, following the IAM User Guide's rules for the
 * operators this project uses, including what each does with a key the request does not carry ("Condition operators":
 * a positive operator is false, a negated one true, every {@code ...IfExists} true, {@code Null} tests presence).
 * Enough to show that a guard denies what it should and nothing the Pulumi CLI does; not a full IAM evaluator.
 */
public final class PolicySimulator {

    /** One request: who makes it, what it does, on what, and the condition keys it carries. */
    public record Request(String principal, String action, String resource, Map<String, String> context) {
    }

    private PolicySimulator() {
    }

    /** True when an explicit Deny statement applies: the request is refused whatever any Allow says. */
    public static boolean denies(PolicyJson policy, Request request) {
        return policy.statements().stream()
                .anyMatch(s -> s.path("Effect").asText().equals("Deny") && applies(s, request));
    }

    /** True when an Allow statement applies and no Deny does. */
    public static boolean allows(PolicyJson policy, Request request) {
        return !denies(policy, request) && policy.statements().stream()
                .anyMatch(s -> s.path("Effect").asText().equals("Allow") && applies(s, request));
    }

    static boolean applies(JsonNode statement, Request request) {
        return principalMatches(statement.path("Principal"), request.principal())
                && PolicyJson.actions(statement).stream().anyMatch(a -> glob(a, request.action()))
                && PolicyJson.resources(statement).stream().anyMatch(r -> glob(r, request.resource()))
                && conditionsHold(statement.path("Condition"), request.context());
    }

    private static boolean principalMatches(JsonNode principal, String who) {
        if (principal.isMissingNode() || (principal.isTextual() && principal.asText().equals("*"))) {
            return true;
        }
        for (String kind : List.of("AWS", "Service")) {
            if (PolicyJson.strings(principal.path(kind)).stream().anyMatch(p -> p.equals("*") || p.equals(who))) {
                return true;
            }
        }
        return false;
    }

    private static boolean conditionsHold(JsonNode block, Map<String, String> context) {
        var operators = block.fields();
        while (operators.hasNext()) {
            var operator = operators.next();
            var keys = operator.getValue().fields();
            while (keys.hasNext()) {
                var key = keys.next();
                if (!holds(operator.getKey(), context.get(key.getKey()), PolicyJson.strings(key.getValue()))) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean holds(String operator, String actual, List<String> values) {
        boolean present = actual != null;
        return switch (operator) {
            case "Null" -> values.stream().anyMatch(v -> Boolean.parseBoolean(v) != present);
            case "Bool" -> present && values.stream().anyMatch(v -> v.equalsIgnoreCase(actual));
            case "StringEquals", "ArnEquals" -> present && values.contains(actual);
            case "StringLike", "ArnLike" -> present && values.stream().anyMatch(v -> glob(v, actual));
            case "StringNotEquals", "StringNotEqualsIfExists" -> !present || !values.contains(actual);
            default -> throw new IllegalArgumentException("the simulator does not know " + operator);
        };
    }

    /** IAM wildcards: {@code *} any run of characters, {@code ?} one character. */
    static boolean glob(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return value.matches(regex.toString());
    }
}
