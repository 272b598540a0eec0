package io.statebackend.e2e.programs;

import com.pulumi.Pulumi;
import com.pulumi.core.Output;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TEST PROGRAM: a stack that uses the state backend, as any other stack of the organisation would: a secret in its
 * config, the same secret in its state (a secret output), and a plain output. {@code holdSeconds} keeps the update
 * running (and its lock held) that long, for the locking tests.
 */
public final class ConsumerProgram {

    private ConsumerProgram() {
    }

    public static void main(String[] args) {
        AtomicInteger holdSeconds = new AtomicInteger();
        int exitCode = Pulumi.runAsync(ctx -> {
            ctx.export("token", ctx.config().requireSecret("apiToken"));
            ctx.export("greeting", Output.of(ctx.config().get("greeting").orElse("hello")));
            ctx.config().getInteger("holdSeconds").ifPresent(holdSeconds::set);
        }).join();
        // Held once the SDK is done: its runner spins on a core while any of its tasks, this callback too, is running.
        try {
            Thread.sleep(Duration.ofSeconds(holdSeconds.get()).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(exitCode);
    }
}
