package io.statebackend.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Locking on the S3 backend, with the real CLI: while one update runs, a second one of the same stack fails on its
 * lock; a killed update leaves its lock behind, which blocks every later one until `pulumi cancel` (as the runbook
 * says) clears it.
 */
@ExtendWith(E2e.class)
class LockingIT {

    static final String LOCKED = "the stack is currently locked by 1 lock(s)";

    @TempDir
    Path tmp;

    private Moto moto;
    private String bucket;

    @Test
    void aSecondUpFailsOnTheLockAndCancelClearsOneAKilledUpLeftBehind() throws Exception {
        moto = E2e.moto();
        bucket = "locking-" + UUID.randomUUID().toString().substring(0, 8);
        Sandbox sandbox = new Sandbox(tmp).asConsumer().initConsumerOnS3(moto, bucket);
        Path release = tmp.resolve("release");
        sandbox.pulumiOk("config", "set", "holdUntil", release.toString(), "--stack", "prod");

        Process first = sandbox.start(tmp.resolve("first.log"), "up", "--yes", "--skip-preview", "--stack", "prod");
        awaitLock();
        Run second = sandbox.pulumi("up", "--yes", "--stack", "prod");
        assertFalse(second.ok(), second::describe);
        assertTrue(second.output().contains(LOCKED), second::describe);
        Files.createFile(release);
        assertTrue(first.waitFor(60, TimeUnit.SECONDS), "the first update ends once released");
        assertEquals(0, first.exitValue(), () -> read(tmp.resolve("first.log")));
        assertEquals(0, locks(), "a finished update removes its lock");

        Files.delete(release);
        Process killed = sandbox.start(tmp.resolve("killed.log"), "up", "--yes", "--skip-preview", "--stack",
                "prod");
        awaitLock();
        killCliBeforeItsChildren(killed);
        assertEquals(1, locks(), "a killed update leaves its lock");
        Run blocked = sandbox.pulumi("up", "--yes", "--stack", "prod");
        assertTrue(blocked.output().contains(LOCKED), blocked::describe);

        String runbook = Files.readString(E2e.PROJECT.resolve("docs/operations.md"));
        assertTrue(runbook.contains("pulumi cancel --stack <stack>"), "the runbook's way to clear a stale lock");
        sandbox.pulumiOk("cancel", "--stack", "prod", "--yes");
        assertEquals(0, locks(), "pulumi cancel deleted the lock");
        sandbox.pulumiOk("config", "rm", "holdUntil", "--stack", "prod");
        sandbox.pulumiOk("up", "--yes", "--stack", "prod");
    }

    /**
     * The CLI dies first, as under SIGKILL or a lost runner. Killed after its children, it can outlive them long
     * enough to fail the update itself and remove its own lock: a run once found no lock here, and the CLI is the only
     * process that deletes one.
     */
    private static void killCliBeforeItsChildren(Process cli) throws InterruptedException {
        List<ProcessHandle> children = cli.descendants().toList();
        cli.destroyForcibly().waitFor();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private int locks() {
        return moto.keys(bucket, ".pulumi/locks/").size();
    }

    private void awaitLock() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (locks() == 0) {
            assertTrue(Instant.now().isBefore(deadline), "no lock appeared within a minute");
            Emulator.sleep(200);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
