package io.statebackend.iam;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One statement of an IAM policy document. Resource policies (bucket and key policies, trust policies) name
 * principals; identity policies leave them empty. Serialised as {@code Sid, Effect, Principal, Action, Resource,
 * Condition}, always in that order; empty parts are left out.
 */
public record Statement(
        String sid,
        Effect effect,
        Principals principals,
        List<String> actions,
        List<String> resources,
        List<Condition> conditions) {

    public Statement {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(effect, "effect");
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        conditions = List.copyOf(conditions);
        if (!sid.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("a Sid is letters and digits only: " + sid);
        }
        if (actions.isEmpty()) {
            throw new IllegalArgumentException(sid + ": a statement needs at least one action");
        }
    }

    public static Builder allow(String sid) {
        return new Builder(sid, Effect.ALLOW);
    }

    public static Builder deny(String sid) {
        return new Builder(sid, Effect.DENY);
    }

    /** The condition block as IAM writes it: operator → key → values, in the order the conditions were given. */
    public Map<String, Map<String, List<String>>> conditionBlock() {
        Map<String, Map<String, List<String>>> block = new LinkedHashMap<>();
        for (Condition condition : conditions) {
            Map<String, List<String>> keys = block.computeIfAbsent(condition.operator().json(), k -> new LinkedHashMap<>());
            if (keys.putIfAbsent(condition.key(), condition.values()) != null) {
                throw new IllegalStateException(sid + ": " + condition.operator().json() + " on " + condition.key()
                        + " given twice");
            }
        }
        return block;
    }

    /** The statement as IAM's JSON: Sid, Effect, Principal, Action, Resource, Condition, leaving out empty parts. */
    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("Sid", sid);
        json.addProperty("Effect", effect.json());
        if (principals != null) {
            json.add("Principal", principals.toJson());
        }
        json.add("Action", strings(actions));
        if (!resources.isEmpty()) {
            json.add("Resource", strings(resources));
        }
        if (!conditions.isEmpty()) {
            JsonObject block = new JsonObject();
            conditionBlock().forEach((operator, keys) -> {
                JsonObject byKey = new JsonObject();
                keys.forEach((key, values) -> byKey.add(key, strings(values)));
                block.add(operator, byKey);
            });
            json.add("Condition", block);
        }
        return json;
    }

    static JsonArray strings(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    public static final class Builder {
        private final String sid;
        private final Effect effect;
        private Principals principals;
        private final List<String> actions = new ArrayList<>();
        private final List<String> resources = new ArrayList<>();
        private final List<Condition> conditions = new ArrayList<>();

        private Builder(String sid, Effect effect) {
            this.sid = sid;
            this.effect = effect;
        }

        public Builder principals(Principals principals) {
            this.principals = principals;
            return this;
        }

        public Builder actions(String... actions) {
            return actions(List.of(actions));
        }

        public Builder actions(List<String> actions) {
            this.actions.addAll(actions);
            return this;
        }

        public Builder resources(String... resources) {
            this.resources.addAll(List.of(resources));
            return this;
        }

        public Builder resources(List<String> resources) {
            this.resources.addAll(resources);
            return this;
        }

        public Builder when(Condition condition) {
            this.conditions.add(condition);
            return this;
        }

        public Builder when(ConditionOperator operator, String key, String... values) {
            return when(Condition.of(operator, key, values));
        }

        public Statement build() {
            return new Statement(sid, effect, principals, actions, resources, conditions);
        }
    }
}
