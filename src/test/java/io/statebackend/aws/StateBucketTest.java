package io.statebackend.aws;

import io.statebackend.mockrun.PlanResult;
import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.Test;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The state bucket: its name and protection, and the hardened bucket's controls ({@link HardenedBucketTest}) with
 * the state key: versioning (FSBP S3.14), SSE-KMS with a bucket key (S3.17), public-access block (S3.8) and ACLs
 * disabled (S3.12).
 */
class StateBucketTest {

    @Test
    void theBucketNameIsDerivedFromAccountProjectAndStack() {
        ResourceRecord bucket = prod().get(BUCKET, "state-bucket");
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
        ResourceRecord bucket = prod().get(BUCKET, "state-bucket");
        HardenedBucketTest.assertNeverForceDestroyed(bucket);
        assertProtected(bucket);
        assertProtected(prod().get(VERSIONING, "state-bucket-versioning"));
    }

    @Test
    void versioningIsEnabled() {
        ResourceRecord versioning = prod().get(VERSIONING, "state-bucket-versioning");
        HardenedBucketTest.assertVersioningEnabled(versioning);
        HardenedBucketTest.assertAppliesTo(versioning, AwsPlan.bucketName("prod"));
    }

    @Test
    void defaultEncryptionIsSseKmsWithTheStateKeyAndABucketKey() {
        ResourceRecord encryption = prod().get(ENCRYPTION, "state-bucket-encryption");
        HardenedBucketTest.assertKmsEncrypted(encryption, AwsPlan.keyArn(prod(), "state-key"));
        HardenedBucketTest.assertAppliesTo(encryption, AwsPlan.bucketName("prod"));
    }

    @Test
    void publicAccessIsBlockedAndAclsAreDisabled() {
        HardenedBucketTest.assertPublicAccessBlocked(prod().get(PUBLIC_ACCESS_BLOCK, "state-bucket-public-access-block"));
        HardenedBucketTest.assertAclsDisabled(prod().get(OWNERSHIP, "state-bucket-ownership"));
        HardenedBucketTest.assertAppliesTo(prod().get(PUBLIC_ACCESS_BLOCK, "state-bucket-public-access-block"), AwsPlan.bucketName("prod"));
        HardenedBucketTest.assertAppliesTo(prod().get(OWNERSHIP, "state-bucket-ownership"), AwsPlan.bucketName("prod"));
    }
}
