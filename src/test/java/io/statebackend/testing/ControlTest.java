package io.statebackend.testing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A test's control names the pack's policies by the pack's own names, from the catalogue the pack generates. */
class ControlTest {

    @Test
    void aControlNamesThePacksPoliciesThatStateItAgain() {
        Control tls = Control.of("CIS Azure 9.3.6", "minimum TLS version 1.2", r -> false)
                .inPack("azure-storage-minimum-tls-1-2");
        assertEquals(java.util.List.of("azure-storage-minimum-tls-1-2"), tls.packPolicies());
        AssertionError error = assertThrows(AssertionError.class, () -> tls.assertHolds(Runs.prod()));
        assertTrue(error.getMessage().contains("pack: azure-storage-minimum-tls-1-2"), error.getMessage());
    }

    @Test
    void aCheckThatStillHoldsWithoutItsControlFailsTheTestThatRemovedIt() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> Control.of("CIS Azure 9.3.6", "minimum TLS version 1.2", r -> true).assertBroken(Runs.prod()));
        assertTrue(error.getMessage().contains("still holds after the control was removed"), error.getMessage());
        Control.of("CIS Azure 9.3.6", "minimum TLS version 1.2", r -> false).assertBroken(Runs.prod());
    }

    @Test
    void aNameThePackDoesNotHaveIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Control.of("CIS Azure 9.3.6", "minimum TLS version 1.2", r -> true).inPack("azure-storage-tls"));
        assertTrue(e.getMessage().contains("the policy pack has no policy azure-storage-tls"), e.getMessage());
    }
}
