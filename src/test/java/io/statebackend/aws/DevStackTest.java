package io.statebackend.aws;

import io.statebackend.iam.PolicyJson;
import io.statebackend.mockrun.PlanResult;
import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.statebackend.aws.AwsPlan.BUCKET;
import static io.statebackend.aws.AwsPlan.BUCKET_POLICY;
import static io.statebackend.aws.AwsPlan.ENCRYPTION;
import static io.statebackend.aws.AwsPlan.LOGGING;
import static io.statebackend.aws.AwsPlan.OWNERSHIP;
import static io.statebackend.aws.AwsPlan.PUBLIC_ACCESS_BLOCK;
import static io.statebackend.aws.AwsPlan.VERSIONING;
import static io.statebackend.aws.AwsPlan.dev;
import static io.statebackend.aws.AwsPlan.prod;
import static io.statebackend.aws.AwsPlan.succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dev stack relaxes only cost and teardown knobs (no protect, no replica, shorter retention); every security
 * control is the same as in prod.
 */
class DevStackTest {

    private static List<ResourceRecord> awsResources(PlanResult result) {
        return result.resources().stream().filter(r -> r.type().startsWith("aws:")).toList();
    }

    @Test
    void nothingIsProtectedInDev() {
        assertTrue(awsResources(dev()).stream().noneMatch(ResourceRecord::protect));
        assertTrue(awsResources(prod()).stream().anyMatch(ResourceRecord::protect), "the relaxation is dev's alone");
    }

    @Test
    void devHasNoReplicaButMayAskForOne() {
        assertFalse(dev().outputs().containsKey("awsReplicaBucketName"));
        PlanResult withReplica = succeeded(Stacks.runWith("dev", Map.of("awsReplicaRegion", "eu-central-1")));
        assertEquals(AwsPlan.bucketName("dev") + "-replica", withReplica.outputs().get("awsReplicaBucketName"));
    }

    @Test
    void devKeepsHistoryAndLogsForThirtyDays() {
        LifecycleTest.assertVersionedStateLifecycle(dev().get(AwsPlan.LIFECYCLE, "state-bucket-lifecycle"), 30, 10);
        LoggingTest.assertLogRetention(dev().get(AwsPlan.LIFECYCLE, "access-log-bucket-lifecycle"), 30);
    }

    @Test
    void devHasEverySecurityControlOfProd() {
        String bucket = AwsPlan.bucketName("dev");
        HardenedBucketTest.assertNeverForceDestroyed(dev().get(BUCKET, "state-bucket"));
        HardenedBucketTest.assertVersioningEnabled(dev().get(VERSIONING, "state-bucket-versioning"));
        HardenedBucketTest.assertKmsEncrypted(dev().get(ENCRYPTION, "state-bucket-encryption"), AwsPlan.keyArn(dev(), "state-key"));
        HardenedBucketTest.assertPublicAccessBlocked(dev().get(PUBLIC_ACCESS_BLOCK, "state-bucket-public-access-block"));
        HardenedBucketTest.assertAclsDisabled(dev().get(OWNERSHIP, "state-bucket-ownership"));
        BucketPoliciesTest.assertTlsOnly(PolicyJson.of(dev().get(BUCKET_POLICY, "state-bucket-policy"), "policy"),
                "arn:aws:s3:::" + bucket);
        assertEquals(bucket + "-logs", dev().get(LOGGING, "state-bucket-access-logging").input("targetBucket"));
        KmsTest.assertKeyControls(dev().get(AwsPlan.KEY, "state-key"), false);
        KmsTest.assertKeyControls(dev().get(AwsPlan.KEY, "secrets-key"), false);
    }

    @Test
    void devAndProdDeclareTheSameResourcesApartFromTheReplica() {
        List<String> replicaOnly = List.of("aws-replica", "replica-key", "replica-key-alias", "replica-bucket",
                "replica-bucket-versioning", "replica-bucket-encryption", "replica-bucket-public-access-block",
                "replica-bucket-ownership", "replica-bucket-lifecycle", "replica-bucket-policy", "replication-role",
                "replication-role-policy", "state-bucket-replication");
        List<String> prodNames = awsStore(prod()).stream().filter(n -> !replicaOnly.contains(n)).toList();
        assertEquals(prodNames, awsStore(dev()));
    }

    /** The names of the AWS store's resources: the component and everything parented to it. */
    private static List<String> awsStore(PlanResult result) {
        String store = AwsStateStore.TYPE + "::aws";
        return result.resources().stream().filter(r -> r.key().equals(store) || store.equals(r.parent()))
                .map(ResourceRecord::name).sorted().toList();
    }
}
