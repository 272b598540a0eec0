package io.statebackend.e2e.programs;

import com.pulumi.Pulumi;

/** BENCHMARK BASELINE: a Pulumi Java program that declares nothing: the CLI, the language host and the JVM alone. */
public final class EmptyProgram {

    private EmptyProgram() {
    }

    public static void main(String[] args) {
        Pulumi.run(ctx -> {
        });
    }
}
