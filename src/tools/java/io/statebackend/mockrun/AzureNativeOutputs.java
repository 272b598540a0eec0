package io.statebackend.mockrun;

import com.pulumi.core.annotations.Export;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shape azure-native gives a resource's outputs, which is not its inputs' shape: the resource's own name comes
 * back as {@code name} (not {@code keyName}, {@code roleDefinitionId}...), the request's path parameters
 * ({@code resourceGroupName}, {@code vaultName}...) do not come back at all, and some types flatten their
 * {@code properties} bag into top-level outputs (a key's {@code rotationPolicy}, {@code keyOps}). This is what the
 * engine stores and what a stack policy sees. The output names are the SDK's own: the {@link Export} fields of the
 * resource's class in the azure-native Java SDK.
 */
final class AzureNativeOutputs {

    private static final String TOKEN_PREFIX = "azure-native:";
    private static final Map<String, List<String>> NAMES_BY_TYPE = new ConcurrentHashMap<>();

    private AzureNativeOutputs() {
    }

    static boolean isAzureNative(String type) {
        return type.startsWith(TOKEN_PREFIX);
    }

    /** {@code state} (inputs and computed values, by input name) as the provider returns it. */
    static Map<String, Object> shape(String type, Map<String, Object> state) {
        Map<String, Object> properties = ProviderShapes.map(state, "properties");
        Map<String, Object> outputs = new LinkedHashMap<>();
        for (String name : outputNames(type)) {
            if (state.containsKey(name)) {
                outputs.put(name, state.get(name));
            } else if (properties.containsKey(name)) {
                outputs.put(name, properties.get(name));
            }
        }
        return outputs;
    }

    private static List<String> outputNames(String type) {
        return NAMES_BY_TYPE.computeIfAbsent(type, AzureNativeOutputs::exportedNames);
    }

    /** {@code azure-native:keyvault:Key} is {@code com.pulumi.azurenative.keyvault.Key}. */
    private static List<String> exportedNames(String type) {
        String[] parts = type.split(":");
        String className = "com.pulumi.azurenative." + parts[1] + "." + parts[2];
        try {
            Class<?> resource = Class.forName(className);
            return Arrays.stream(resource.getDeclaredFields())
                    .map(field -> field.getAnnotation(Export.class))
                    .filter(Objects::nonNull)
                    .map(Export::name)
                    .toList();
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no azure-native SDK class " + className + " for " + type, e);
        }
    }
}
