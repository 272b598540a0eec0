package io.statebackend.e2e;

import io.statebackend.e2e.programs.KeysOnALaterDay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With the real CLI: a key's expiry is set when it is created and a later run, which computes another date, leaves it
 * alone (ignoreChanges); without ignoreChanges the same later run would try to change it on every key.
 */
@ExtendWith(E2e.class)
class KeyExpiryIT {

    @TempDir
    Path tmp;

    @Test
    void aLaterRunLeavesTheKeysExpiryAloneAndWithoutIgnoreChangesWouldNot() {
        Sandbox sandbox = new Sandbox(tmp).withOwnIds().initLocal("prod");
        sandbox.pulumiOk("up", "--yes", "--stack", "prod");

        sandbox.useProgram(KeysOnALaterDay.class);
        sandbox.pulumiOk("preview", "--stack", "prod", "--expect-no-changes");

        sandbox.env.put(KeysOnALaterDay.WITHOUT_IGNORE_CHANGES, "1");
        Run changed = sandbox.pulumi("preview", "--stack", "prod", "--expect-no-changes", "--diff");
        assertFalse(changed.ok(), changed::describe);
        assertTrue(changed.stdout().contains("expires"), changed::describe);
    }
}
