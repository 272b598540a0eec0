package io.statebackend.e2e.programs;

import com.pulumi.Pulumi;
import com.pulumi.azurenative.resources.ResourceGroup;
import com.pulumi.azurenative.resources.ResourceGroupArgs;

/**
 * BENCHMARK BASELINE: the smallest Pulumi Java program that uses a provider, one resource group: what any Pulumi Java
 * program pays for the CLI, the language host, the JVM and one provider plugin.
 */
public final class OneResourceProgram {

    private OneResourceProgram() {
    }

    public static void main(String[] args) {
        Pulumi.run(ctx -> new ResourceGroup("baseline", ResourceGroupArgs.builder().location("westeurope").build()));
    }
}
