package io.statebackend.plan;

import java.util.Map;

/** What the AWS provider computes for the resource types this program declares. */
final class AwsShapes {

    private AwsShapes() {
    }

    static String complete(String type, String name, Map<String, Object> inputs, Map<String, Object> state) {
        return "mock-" + name;
    }
}
