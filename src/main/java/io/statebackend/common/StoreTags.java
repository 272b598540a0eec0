package io.statebackend.common;

import java.util.Map;

/** The tags every resource of a state store carries in either cloud: who manages it, what for, and which stack. */
public final class StoreTags {

    private StoreTags() {
    }

    public static Map<String, String> of(String project, String stack) {
        return Map.of(
                "managed-by", "pulumi",
                "purpose", "pulumi-state-backend",
                "pulumi-stack", project + "/" + stack);
    }
}
