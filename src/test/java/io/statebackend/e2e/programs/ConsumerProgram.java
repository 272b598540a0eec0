package io.statebackend.e2e.programs;

import com.pulumi.Pulumi;
import com.pulumi.core.Output;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * TEST PROGRAM: a stack that uses the state backend, as any other stack of the organisation would: a secret in its
 * config, the same secret in its state (a secret output), and a plain output. With {@code holdUntil} set to a path,
 * the update keeps running (and its lock held) until that file exists, for the locking tests.
 */
public final class ConsumerProgram {

    /**
     * Twice the minute LockingIT gives a released update to end: a hold nobody releases still ends, too late for that
     * test to pass, and a program left behind by a killed update does not run on for long.
     */
    private static final Duration LONGEST_HOLD = Duration.ofMinutes(2);

    private ConsumerProgram() {
    }

    public static void main(String[] args) throws InterruptedException {
        AtomicReference<Path> holdUntil = new AtomicReference<>();
        int exitCode = Pulumi.runAsync(ctx -> {
            ctx.export("token", ctx.config().requireSecret("apiToken"));
            ctx.export("greeting", Output.of(ctx.config().get("greeting").orElse("hello")));
            ctx.config().get("holdUntil").map(Path::of).ifPresent(holdUntil::set);
        }).join();
        // Held once the SDK is done: its runner spins on a core while any of its tasks, this callback too, is running.
        // A run the engine failed, as when its update was killed, holds nothing.
        if (exitCode == 0 && holdUntil.get() != null) {
            Instant deadline = Instant.now().plus(LONGEST_HOLD);
            while (!Files.exists(holdUntil.get()) && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
        }
        System.exit(exitCode);
    }
}
