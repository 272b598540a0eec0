package io.statebackend.aws;

import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.testing.Records;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.statebackend.aws.AwsPlan.BUCKET;
import static io.statebackend.aws.AwsPlan.ENCRYPTION;
import static io.statebackend.aws.AwsPlan.OWNERSHIP;
import static io.statebackend.aws.AwsPlan.PUBLIC_ACCESS_BLOCK;
import static io.statebackend.aws.AwsPlan.VERSIONING;
import static io.statebackend.aws.AwsPlan.prod;
import static io.statebackend.testing.PlanAssertions.assertProtected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The controls every bucket of this store has ({@code HardenedBucket}): never force-destroyed, versioned (FSBP S3.14),
 * encrypted by default (S3.17), all public-access blocks on (S3.8), ACLs disabled (S3.12). The assertions take a
 * bucket's records, so the state, replica and log bucket tests apply them; each is shown here to fail on a broken
 * copy of the state bucket's.
 */
class HardenedBucketTest {

    static void assertNeverForceDestroyed(ResourceRecord bucket) {
        assertEquals(false, bucket.input("forceDestroy"), bucket.name() + " forceDestroy");
        assertNull(bucket.input("acl"), bucket.name() + " sets no ACL");
    }

    static void assertVersioningEnabled(ResourceRecord versioning) {
        assertEquals("Enabled", versioning.input("versioningConfiguration.status"), versioning.name());
        assertNull(versioning.input("versioningConfiguration.mfaDelete"), "MFA delete is not set through the API");
    }

    static void assertKmsEncrypted(ResourceRecord encryption, String keyArn) {
        List<?> rules = (List<?>) encryption.input("rules");
        assertEquals(1, rules.size(), encryption.name() + " has one rule");
        assertEquals("aws:kms", encryption.input("rules.0.applyServerSideEncryptionByDefault.sseAlgorithm"));
        assertEquals(keyArn, encryption.input("rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId"));
        assertEquals(true, encryption.input("rules.0.bucketKeyEnabled"), encryption.name() + " bucket key");
    }

    static void assertPublicAccessBlocked(ResourceRecord block) {
        for (String setting : List.of("blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets")) {
            assertEquals(true, block.input(setting), block.name() + " " + setting);
        }
    }

    static void assertAclsDisabled(ResourceRecord ownership) {
        assertEquals("BucketOwnerEnforced", ownership.input("rule.objectOwnership"), ownership.name());
    }

    /** Every sub-resource configures the bucket it belongs to. */
    static void assertAppliesTo(ResourceRecord record, String bucketName) {
        assertEquals(bucketName, record.input("bucket"), record.key());
    }

    @Test
    void theBucketAssertionsBite() {
        ResourceRecord bucket = prod().get(BUCKET, "state-bucket");
        assertThrows(AssertionError.class, () -> assertNeverForceDestroyed(Records.withInput(bucket, "forceDestroy", true)));
        assertThrows(AssertionError.class, () -> assertNeverForceDestroyed(Records.withInput(bucket, "acl", "private")));
        assertThrows(AssertionError.class, () -> assertProtected(Records.unprotected(bucket)));
        ResourceRecord versioning = prod().get(VERSIONING, "state-bucket-versioning");
        assertThrows(AssertionError.class, () -> assertVersioningEnabled(
                Records.withInput(versioning, "versioningConfiguration.status", "Suspended")));
    }

    @Test
    void theEncryptionAssertionBites() {
        ResourceRecord encryption = prod().get(ENCRYPTION, "state-bucket-encryption");
        String key = AwsPlan.keyArn(prod(), "state-key");
        assertThrows(AssertionError.class, () -> assertKmsEncrypted(Records.withInput(encryption,
                "rules.0.applyServerSideEncryptionByDefault.sseAlgorithm", "AES256"), key));
        assertThrows(AssertionError.class, () -> assertKmsEncrypted(Records.withInput(encryption,
                "rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId", "alias/aws/s3"), key));
        assertThrows(AssertionError.class, () -> assertKmsEncrypted(Records.withInput(encryption,
                "rules.0.bucketKeyEnabled", false), key));
    }

    @ParameterizedTest
    @ValueSource(strings = {"blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets"})
    void thePublicAccessAssertionBitesOnEachSetting(String setting) {
        ResourceRecord block = prod().get(PUBLIC_ACCESS_BLOCK, "state-bucket-public-access-block");
        assertThrows(AssertionError.class, () -> assertPublicAccessBlocked(Records.withInput(block, setting, false)));
    }

    @Test
    void theOwnershipAssertionBites() {
        ResourceRecord ownership = prod().get(OWNERSHIP, "state-bucket-ownership");
        assertThrows(AssertionError.class, () -> assertAclsDisabled(
                Records.withInput(ownership, "rule.objectOwnership", "ObjectWriter")));
    }
}
