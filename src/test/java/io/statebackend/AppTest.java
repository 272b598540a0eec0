package io.statebackend;

import io.statebackend.mockrun.PlanResult;
import io.statebackend.testing.Runs;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The program is deterministic: the same stack config always declares the same resources with the same inputs, so
 * names derived from hashes never change between runs (a changed name would replace the state store), and the
 * tests may share one run per stack.
 */
class AppTest {

    @Test
    void aSecondRunOfAStackDeclaresTheSameResourcesWithTheSameInputsAndOutputs() {
        PlanResult again = Stacks.run("prod");
        assertTrue(again.error().isEmpty(), () -> again.error().get().toString());
        assertEquals(Runs.prod().resources(), again.resources());
        assertEquals(Runs.prod().outputs(), again.outputs());
    }
}
