package io.statebackend.aws;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Account-scoped names built from the stack name stay valid KMS alias and IAM names whatever the stack is called. */
class NamingTest {

    @Test
    void aShortStackNameIsUsedAsItIs() {
        assertEquals("prod", Naming.label("prod"));
        assertEquals("team_a-dev", Naming.label("team_a-dev"));
    }

    @Test
    void charactersAliasesAndIamNamesRefuseBecomeHyphens() {
        assertEquals("eu-prod", Naming.label("eu.prod"));
    }

    @Test
    void aLongStackNameIsCutAndHashedSoNamesStayWithinIamLimitsAndDistinct() {
        String a = Naming.label("a-very-long-stack-name-for-the-european-production-environment");
        String b = Naming.label("a-very-long-stack-name-for-the-european-production-environment-2");
        assertEquals(Naming.MAX_LABEL_LENGTH, a.length());
        assertNotEquals(a, b);
        assertTrue(new Naming(null, a).replicationRole().length() <= 64, "IAM role names are at most 64 characters");
        assertTrue(a.matches("[A-Za-z0-9_-]+"), a);
    }
}
