package io.statebackend.mockrun;

import java.util.List;
import java.util.Map;

/**
 * One resource the program declares, as the engine (and a policy pack) would see it: type token, logical name,
 * inputs by schema property name, the outputs the mock provider returned in the provider's shape (what a stack policy
 * sees once the resource exists), its parent, whether it is protected, the resources it explicitly waits for, the
 * explicit provider it was declared with ({@code type::name}, null for the default provider), the input paths
 * whose later changes Pulumi ignores, whether it is a custom resource (a component is created at once), every
 * resource the engine makes it wait for (the explicit ones and those whose outputs its inputs use), and for each
 * input the resources whose outputs it uses.
 */
public record ResourceRecord(
        String type,
        String name,
        Map<String, Object> inputs,
        Map<String, Object> outputs,
        String parent,
        boolean protect,
        List<String> dependsOn,
        String provider,
        List<String> ignoreChanges,
        boolean custom,
        List<String> waitsFor,
        Map<String, List<String>> propertyDependencies) {

    /**
     * The input at a dotted path such as {@code encryption.keySource} (list elements by index, as in
     * {@code rules.0.status}), or null when absent.
     */
    public Object input(String path) {
        return at(inputs, path);
    }

    /** The value at a dotted path within {@code value}, as {@link #input} reads one, or null when absent. */
    public static Object at(Object value, String path) {
        Object current = value;
        for (String part : path.split("\\.")) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(part);
            } else if (current instanceof List<?> list && part.matches("\\d+") && Integer.parseInt(part) < list.size()) {
                current = list.get(Integer.parseInt(part));
            } else {
                return null;
            }
        }
        return current;
    }

    /** {@code type::name}: unique within one program run, used to refer to a resource from another. */
    public String key() {
        return type + "::" + name;
    }
}
