package io.statebackend.iam;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator follows the documented treatment of absent keys, which the bucket-policy tests rely on. */
class PolicySimulatorTest {

    @Test
    void absentKeysFollowTheIamUserGuide() {
        assertFalse(PolicySimulator.holds("StringEquals", null, List.of("x")), "positive operator: false");
        assertTrue(PolicySimulator.holds("StringNotEquals", null, List.of("x")), "negated operator: true");
        assertTrue(PolicySimulator.holds("StringNotEqualsIfExists", null, List.of("x")), "...IfExists: true");
        assertTrue(PolicySimulator.holds("Null", null, List.of("true")), "Null true: key absent");
        assertFalse(PolicySimulator.holds("Null", null, List.of("false")), "Null false: key present");
        assertFalse(PolicySimulator.holds("Bool", null, List.of("false")), "Bool on an absent key: false");
    }

    @Test
    void presentKeysAreCompared() {
        assertTrue(PolicySimulator.holds("StringNotEqualsIfExists", "AES256", List.of("aws:kms")));
        assertFalse(PolicySimulator.holds("StringNotEqualsIfExists", "aws:kms", List.of("aws:kms")));
        assertTrue(PolicySimulator.holds("Null", "aws:kms", List.of("false")));
        assertTrue(PolicySimulator.holds("Bool", "false", List.of("false")));
        assertTrue(PolicySimulator.holds("ArnLike", "arn:aws:s3:::b", List.of("arn:aws:s3:::*")));
    }

    @Test
    void wildcardsMatchAsInIam() {
        assertTrue(PolicySimulator.glob("kms:GenerateDataKey*", "kms:GenerateDataKeyWithoutPlaintext"));
        assertTrue(PolicySimulator.glob("arn:aws:s3:::b/*", "arn:aws:s3:::b/.pulumi/meta.yaml"));
        assertFalse(PolicySimulator.glob("arn:aws:s3:::b/*", "arn:aws:s3:::b"));
        assertFalse(PolicySimulator.glob("s3:Get?bject", "s3:GetObjectAcl"));
    }
}
