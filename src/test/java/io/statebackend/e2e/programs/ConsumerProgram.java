package io.statebackend.e2e.programs;

import com.pulumi.Pulumi;
import com.pulumi.core.Output;

import java.time.Duration;

/**
 * TEST PROGRAM: a stack that uses the state backend, as any other stack of the organisation would: a secret in its
 * config, the same secret in its state (a secret output), and a plain output. {@code holdSeconds} keeps the update
 * running (and its lock held) that long, for the locking tests.
 */
public final class ConsumerProgram {

    private ConsumerProgram() {
    }

    public static void main(String[] args) {
        Pulumi.run(ctx -> {
            ctx.export("token", ctx.config().requireSecret("apiToken"));
            ctx.export("greeting", Output.of(ctx.config().get("greeting").orElse("hello")));
            ctx.config().getInteger("holdSeconds").ifPresent(seconds -> {
                try {
                    Thread.sleep(Duration.ofSeconds(seconds).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        });
    }
}
