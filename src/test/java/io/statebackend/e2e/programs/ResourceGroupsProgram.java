package io.statebackend.e2e.programs;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.azurenative.resources.ResourceGroup;
import com.pulumi.azurenative.resources.ResourceGroupArgs;
import com.pulumi.resources.CustomResourceOptions;

/**
 * BENCHMARK BASELINE: the smallest Pulumi Java program that uses a provider, one resource group: what any Pulumi Java
 * program pays for the CLI, the language host, the JVM and one provider plugin. With {@code resourceGroups} in its
 * config it declares that many instead: what the SDK alone pays for as many resources as a stack declares, each of
 * the simplest kind. Protected, as the prod stack's resource group is, so the pack's production config passes it.
 */
public final class ResourceGroupsProgram {

    public static final String COUNT = "resourceGroups";

    private ResourceGroupsProgram() {
    }

    public static void main(String[] args) {
        Pulumi.run(ResourceGroupsProgram::declare);
    }

    public static void declare(Context ctx) {
        int count = ctx.config().getInteger(COUNT).orElse(1);
        for (int i = 0; i < count; i++) {
            new ResourceGroup("baseline-" + i, ResourceGroupArgs.builder().location("westeurope").build(),
                    CustomResourceOptions.builder().protect(true).build());
        }
    }
}
