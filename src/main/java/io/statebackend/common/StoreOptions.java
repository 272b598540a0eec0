package io.statebackend.common;

import com.pulumi.resources.ComponentResourceOptions;

import javax.annotation.Nullable;

/**
 * How a state store reads its resource options. {@code protect} is meant for what holds state or the keys to it, so
 * the store applies it there and not to the component itself: the component holds nothing, and the protected set stays
 * exactly the state-holding resources that the tests and the policy pack check. Every other option goes to the
 * component.
 */
public final class StoreOptions {

    private StoreOptions() {
    }

    public static boolean protect(@Nullable ComponentResourceOptions options) {
        return options != null && options.isProtect();
    }

    public static ComponentResourceOptions forComponent(@Nullable ComponentResourceOptions options) {
        return ComponentResourceOptions.merge(options, ComponentResourceOptions.builder().protect(false).build());
    }
}
