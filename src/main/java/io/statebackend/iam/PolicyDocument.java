package io.statebackend.iam;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An IAM policy document (identity, bucket, key or trust policy), built from typed statements and serialised to the
 * JSON AWS takes, with {@code "Version": "2012-10-17"} first and a stable field order so the same inputs always give
 * byte-identical JSON (no spurious diffs on {@code pulumi up}).
 */
public record PolicyDocument(String version, List<Statement> statements) {

    /** The current policy language version; the older 2008-10-17 lacks policy variables. */
    public static final String VERSION = "2012-10-17";

    /** Gson, which the Pulumi SDK already loads, so a program run pays for no second JSON library; no HTML escaping. */
    private static final Gson JSON = new GsonBuilder().disableHtmlEscaping().create();

    public PolicyDocument {
        statements = List.copyOf(statements);
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("a policy document needs at least one statement");
        }
        Set<String> sids = new HashSet<>();
        for (Statement statement : statements) {
            if (!sids.add(statement.sid())) {
                throw new IllegalArgumentException("Sid " + statement.sid() + " is used twice");
            }
        }
    }

    public static PolicyDocument of(List<Statement> statements) {
        return new PolicyDocument(VERSION, statements);
    }

    public static PolicyDocument of(Statement... statements) {
        return of(List.of(statements));
    }

    public String toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("Version", version);
        JsonArray statementsJson = new JsonArray();
        statements.forEach(statement -> statementsJson.add(statement.toJson()));
        json.add("Statement", statementsJson);
        return JSON.toJson(json);
    }
}
