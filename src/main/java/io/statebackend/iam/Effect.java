package io.statebackend.iam;

/** Whether a statement grants or refuses what it matches. An explicit Deny always wins over any Allow. */
public enum Effect {
    ALLOW("Allow"),
    DENY("Deny");

    private final String json;

    Effect(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }
}
