package io.statebackend.aws;

import io.statebackend.mockrun.PlanResult;
import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.testing.Records;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static io.statebackend.aws.AwsPlan.BUCKET;
import static io.statebackend.aws.AwsPlan.ENCRYPTION;
import static io.statebackend.aws.AwsPlan.OWNERSHIP;
import static io.statebackend.aws.AwsPlan.PUBLIC_ACCESS_BLOCK;
import static io.statebackend.aws.AwsPlan.VERSIONING;
import static io.statebackend.aws.AwsPlan.prod;
import static io.statebackend.aws.AwsPlan.succeeded;
import static io.statebackend.testing.PlanAssertions.assertProtected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The state bucket's controls: name and protection, versioning (FSBP S3.14), SSE-KMS with a bucket key (S3.17),
 * public-access block (S3.8) and ACLs disabled (S3.12). The assertions take the bucket's logical name so the
 * replica and log bucket tests reuse them.
 */
class StateBucketTest {

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

    private static ResourceRecord get(String type, String name) {
        return prod().get(type, name);
    }

    @Test
    void theBucketNameIsDerivedFromAccountProjectAndStack() {
        ResourceRecord bucket = get(BUCKET, "state-bucket");
        assertEquals(AwsPlan.bucketName("prod"), bucket.input("bucket"));
        assertTrue(((String) bucket.input("bucket")).matches("^pulumi-state-[a-z0-9]{12}$"));
        assertEquals(AwsPlan.bucketName("dev"), AwsPlan.dev().get(BUCKET, "state-bucket").input("bucket"));
    }

    @Test
    void theBucketNameCanBeSetThroughTheSuffixOrOutright() {
        PlanResult suffixed = succeeded(Stacks.runWith("prod", Map.of("awsNameSuffix", "acme01")));
        assertEquals("pulumi-state-acme01", suffixed.get(BUCKET, "state-bucket").input("bucket"));
        assertEquals("pulumi-state-acme01-logs", suffixed.get(BUCKET, "access-log-bucket").input("bucket"));

        PlanResult named = succeeded(Stacks.runWith("prod", Map.of("awsBucketName", "acme-pulumi-state")));
        assertEquals("acme-pulumi-state", named.get(BUCKET, "state-bucket").input("bucket"));
        assertEquals("acme-pulumi-state-replica", named.get(BUCKET, "replica-bucket").input("bucket"));
    }

    @Test
    void theBucketIsNeverForceDestroyedAndIsProtectedInProd() {
        ResourceRecord bucket = get(BUCKET, "state-bucket");
        assertNeverForceDestroyed(bucket);
        assertProtected(bucket);
        assertProtected(get(VERSIONING, "state-bucket-versioning"));
    }

    @Test
    void versioningIsEnabled() {
        ResourceRecord versioning = get(VERSIONING, "state-bucket-versioning");
        assertVersioningEnabled(versioning);
        assertAppliesTo(versioning, AwsPlan.bucketName("prod"));
    }

    @Test
    void defaultEncryptionIsSseKmsWithTheStateKeyAndABucketKey() {
        ResourceRecord encryption = get(ENCRYPTION, "state-bucket-encryption");
        assertKmsEncrypted(encryption, AwsPlan.keyArn(prod(), "state-key"));
        assertAppliesTo(encryption, AwsPlan.bucketName("prod"));
    }

    @Test
    void publicAccessIsBlockedAndAclsAreDisabled() {
        assertPublicAccessBlocked(get(PUBLIC_ACCESS_BLOCK, "state-bucket-public-access-block"));
        assertAclsDisabled(get(OWNERSHIP, "state-bucket-ownership"));
        assertAppliesTo(get(PUBLIC_ACCESS_BLOCK, "state-bucket-public-access-block"), AwsPlan.bucketName("prod"));
        assertAppliesTo(get(OWNERSHIP, "state-bucket-ownership"), AwsPlan.bucketName("prod"));
    }

    @Test
    void theBucketAssertionsBite() {
        ResourceRecord bucket = get(BUCKET, "state-bucket");
        assertThrows(AssertionError.class, () -> assertNeverForceDestroyed(Records.withInput(bucket, "forceDestroy", true)));
        assertThrows(AssertionError.class, () -> assertNeverForceDestroyed(Records.withInput(bucket, "acl", "private")));
        assertThrows(AssertionError.class, () -> assertProtected(Records.unprotected(bucket)));
        ResourceRecord versioning = get(VERSIONING, "state-bucket-versioning");
        assertThrows(AssertionError.class, () -> assertVersioningEnabled(
                Records.withInput(versioning, "versioningConfiguration.status", "Suspended")));
    }

    @Test
    void theEncryptionAssertionBites() {
        ResourceRecord encryption = get(ENCRYPTION, "state-bucket-encryption");
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
        ResourceRecord block = get(PUBLIC_ACCESS_BLOCK, "state-bucket-public-access-block");
        assertThrows(AssertionError.class, () -> assertPublicAccessBlocked(Records.withInput(block, setting, false)));
    }

    @Test
    void theOwnershipAssertionBites() {
        ResourceRecord ownership = get(OWNERSHIP, "state-bucket-ownership");
        assertThrows(AssertionError.class, () -> assertAclsDisabled(
                Records.withInput(ownership, "rule.objectOwnership", "ObjectWriter")));
    }
}
