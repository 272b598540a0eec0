package io.statebackend.common;

import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;

/** The type token a provider SDK class carries: what the engine, providers and policy packs call its resources. */
public final class ResourceTokens {

    private ResourceTokens() {
    }

    /** {@code <package>:<module>:<type>}, e.g. azure-native:storage:StorageAccount. */
    public static String of(Class<? extends CustomResource> sdkClass) {
        return sdkClass.getAnnotation(ResourceType.class).type();
    }
}
