package io.statebackend.iam;

/**
 * The condition operators this project's policies use, spelled as IAM spells them.
 *
 * <p>How each treats a key that is absent from the request (IAM User Guide, "Condition operators"): a positive
 * operator is false; a negated one ({@code StringNotEquals}) is true; every {@code ...IfExists} operator is true; and
 * {@code Null} tests presence itself ({@code "false"}: the key is present). So a Deny that must apply only when a
 * header was sent needs a {@code Null: false} guard: {@code ...IfExists} alone denies requests without the header.
 */
public enum ConditionOperator {
    BOOL("Bool"),
    NULL("Null"),
    STRING_EQUALS("StringEquals"),
    STRING_NOT_EQUALS_IF_EXISTS("StringNotEqualsIfExists"),
    ARN_EQUALS("ArnEquals");

    private final String json;

    ConditionOperator(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }
}
