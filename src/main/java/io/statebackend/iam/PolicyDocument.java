package io.statebackend.iam;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An IAM policy document (identity, bucket, key or trust policy), built from typed statements and serialised to the
 * JSON AWS takes, with {@code "Version": "2012-10-17"} first and a stable field order so the same inputs always give
 * byte-identical JSON (no spurious diffs on {@code pulumi up}).
 */
@JsonPropertyOrder({"Version", "Statement"})
public record PolicyDocument(
        @JsonProperty("Version") String version,
        @JsonProperty("Statement") List<Statement> statements) {

    /** The current policy language version; the older 2008-10-17 lacks policy variables. */
    public static final String VERSION = "2012-10-17";

    private static final ObjectMapper JSON = new ObjectMapper();

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
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a policy document always serialises", e);
        }
    }
}
