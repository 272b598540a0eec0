package io.statebackend.iam;

import java.util.List;
import java.util.Objects;

/**
 * One test in a statement's {@code Condition} block: {@code operator} applied to {@code key} against
 * {@code values} (any value may match). Every condition of a statement must hold for the statement to apply.
 */
public record Condition(ConditionOperator operator, String key, List<String> values) {

    public Condition {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(key, "key");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("condition on " + key + " needs at least one value");
        }
    }

    public static Condition of(ConditionOperator operator, String key, String... values) {
        return new Condition(operator, key, List.of(values));
    }

    /** The key is present in the request (it was sent), whatever its value. */
    public static Condition present(String key) {
        return of(ConditionOperator.NULL, key, "false");
    }
}
