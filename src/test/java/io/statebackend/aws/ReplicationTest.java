package io.statebackend.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.statebackend.iam.PolicyJson;
import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.testing.Records;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.statebackend.aws.AwsPlan.ALIAS;
import static io.statebackend.aws.AwsPlan.BUCKET;
import static io.statebackend.aws.AwsPlan.BUCKET_POLICY;
import static io.statebackend.aws.AwsPlan.ENCRYPTION;
import static io.statebackend.aws.AwsPlan.KEY;
import static io.statebackend.aws.AwsPlan.LIFECYCLE;
import static io.statebackend.aws.AwsPlan.OWNERSHIP;
import static io.statebackend.aws.AwsPlan.PUBLIC_ACCESS_BLOCK;
import static io.statebackend.aws.AwsPlan.REPLICA_PROVIDER;
import static io.statebackend.aws.AwsPlan.REPLICATION;
import static io.statebackend.aws.AwsPlan.ROLE;
import static io.statebackend.aws.AwsPlan.ROLE_POLICY;
import static io.statebackend.aws.AwsPlan.VERSIONING;
import static io.statebackend.aws.AwsPlan.dev;
import static io.statebackend.aws.AwsPlan.prod;
import static io.statebackend.iam.PolicyJson.assertStatement;
import static io.statebackend.testing.PlanAssertions.assertDependsOn;
import static io.statebackend.testing.PlanAssertions.assertProtected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Control 9 (FSBP S3.7): the cross-region replica, its own key and controls, and the replication role. */
class ReplicationTest {

    private static final String SOURCE = AwsPlan.bucketArn("prod");
    private static final String REPLICA_NAME = AwsPlan.bucketName("prod") + "-replica";
    private static final String REPLICA = "arn:aws:s3:::" + REPLICA_NAME;

    private static String sourceKey() {
        return AwsPlan.keyArn(prod(), "state-key");
    }

    private static String replicaKey() {
        return AwsPlan.keyArn(prod(), "replica-key");
    }

    static void assertReplicationRule(ResourceRecord replication, String replicaArn, String replicaKeyArn) {
        List<?> rules = (List<?>) replication.input("rules");
        assertEquals(1, rules.size());
        assertEquals("Enabled", replication.input("rules.0.status"));
        assertEquals("", replication.input("rules.0.filter.prefix"), "the whole bucket");
        assertEquals("Enabled", replication.input("rules.0.sourceSelectionCriteria.sseKmsEncryptedObjects.status"),
                "SSE-KMS objects are selected");
        assertEquals("Enabled", replication.input("rules.0.deleteMarkerReplication.status"),
                "lock-file deletions reach the replica");
        assertEquals(replicaArn, replication.input("rules.0.destination.bucket"));
        assertEquals(replicaKeyArn, replication.input("rules.0.destination.encryptionConfiguration.replicaKmsKeyId"));
    }

    @Test
    void theReplicaIsInTheReplicaRegionWithItsOwnRotatingKey() {
        for (ResourceRecord record : List.of(prod().get(KEY, "replica-key"), prod().get(ALIAS, "replica-key-alias"),
                prod().get(BUCKET, "replica-bucket"), prod().get(VERSIONING, "replica-bucket-versioning"),
                prod().get(ENCRYPTION, "replica-bucket-encryption"),
                prod().get(PUBLIC_ACCESS_BLOCK, "replica-bucket-public-access-block"),
                prod().get(OWNERSHIP, "replica-bucket-ownership"), prod().get(BUCKET_POLICY, "replica-bucket-policy"),
                prod().get(LIFECYCLE, "replica-bucket-lifecycle"))) {
            assertEquals(REPLICA_PROVIDER, record.provider(), record.key() + " is created in the replica region");
        }
        assertTrue(replicaKey().startsWith("arn:aws:kms:eu-central-1:"), replicaKey());
        KmsTest.assertAliasOf(prod().get(ALIAS, "replica-key-alias"), "alias/pulumi-state-replica-prod",
                prod().get(KEY, "replica-key"));
        KmsTest.assertKeyControls(prod().get(KEY, "replica-key"), true);
        KmsTest.assertKeyPolicy(prod().get(KEY, "replica-key"), List.of(KmsTest.STATE_USERS), Optional.of("eu-central-1"));
    }

    @Test
    void theReplicaBucketHasTheSameControlsAsTheStateBucket() {
        ResourceRecord bucket = prod().get(BUCKET, "replica-bucket");
        assertEquals(REPLICA_NAME, bucket.input("bucket"));
        HardenedBucketTest.assertNeverForceDestroyed(bucket);
        assertProtected(bucket);
        HardenedBucketTest.assertVersioningEnabled(prod().get(VERSIONING, "replica-bucket-versioning"));
        HardenedBucketTest.assertKmsEncrypted(prod().get(ENCRYPTION, "replica-bucket-encryption"), replicaKey());
        HardenedBucketTest.assertPublicAccessBlocked(prod().get(PUBLIC_ACCESS_BLOCK, "replica-bucket-public-access-block"));
        HardenedBucketTest.assertAclsDisabled(prod().get(OWNERSHIP, "replica-bucket-ownership"));
        LifecycleTest.assertVersionedStateLifecycle(prod().get(LIFECYCLE, "replica-bucket-lifecycle"), 90, 10);

        ResourceRecord policy = prod().get(BUCKET_POLICY, "replica-bucket-policy");
        PolicyJson document = PolicyJson.of(policy, "policy");
        assertEquals(List.of("DenyInsecureTransport"), document.sids());
        BucketPoliciesTest.assertTlsOnly(document, REPLICA);
        assertDependsOn(policy, prod().get(PUBLIC_ACCESS_BLOCK, "replica-bucket-public-access-block"));
    }

    @Test
    void replicationCopiesKmsEncryptedStateUnderTheReplicaKey() {
        ResourceRecord replication = prod().get(REPLICATION, "state-bucket-replication");
        assertEquals(AwsPlan.bucketName("prod"), replication.input("bucket"));
        assertEquals("arn:aws:iam::" + AwsPlan.ACCOUNT + ":role/pulumi-state-replication-prod", replication.input("role"));
        assertEquals(AwsPlan.PRIMARY_PROVIDER, replication.provider(), "the configuration belongs to the source bucket");
        assertReplicationRule(replication, REPLICA, replicaKey());
    }

    @Test
    void replicationWaitsForVersioningOnBothBuckets() {
        ResourceRecord replication = prod().get(REPLICATION, "state-bucket-replication");
        assertDependsOn(replication, prod().get(VERSIONING, "state-bucket-versioning"));
        assertDependsOn(replication, prod().get(VERSIONING, "replica-bucket-versioning"));
        assertDependsOn(replication, prod().get(ROLE_POLICY, "replication-role-policy"));
        assertThrows(AssertionError.class, () -> assertDependsOn(Records.withoutDependencies(replication),
                prod().get(VERSIONING, "replica-bucket-versioning")));
    }

    @Test
    void theReplicationRuleAssertionBites() {
        ResourceRecord replication = prod().get(REPLICATION, "state-bucket-replication");
        assertThrows(AssertionError.class, () -> assertReplicationRule(Records.withInput(replication,
                "rules.0.sourceSelectionCriteria.sseKmsEncryptedObjects.status", "Disabled"), REPLICA, replicaKey()));
        assertThrows(AssertionError.class, () -> assertReplicationRule(Records.withInput(replication,
                "rules.0.destination.encryptionConfiguration", null), REPLICA, replicaKey()));
        assertThrows(AssertionError.class, () -> assertReplicationRule(Records.withInput(replication,
                "rules.0.deleteMarkerReplication.status", "Disabled"), REPLICA, replicaKey()));
    }

    /** One statement: the S3 service, and no one else, may assume the role. */
    static void assertOnlyS3MayAssume(PolicyJson trust) {
        assertEquals(List.of("AllowS3ToAssumeForReplication"), trust.sids());
        JsonNode assume = trust.statement("AllowS3ToAssumeForReplication");
        assertEquals("Allow", assume.path("Effect").asText());
        assertEquals(List.of("sts:AssumeRole"), PolicyJson.actions(assume));
        assertEquals(List.of("s3.amazonaws.com"), PolicyJson.principals(assume, "Service"));
        assertEquals(List.of(), PolicyJson.principals(assume, "AWS"));
        trust.assertNoAllowToEveryone();
    }

    @Test
    void onlyS3CanAssumeTheReplicationRole() {
        ResourceRecord role = prod().get(ROLE, "replication-role");
        assertEquals("pulumi-state-replication-prod", role.input("name"));
        assertOnlyS3MayAssume(PolicyJson.of(role, "assumeRolePolicy"));
    }

    @Test
    void theTrustAssertionBites() {
        String trust = PolicyJson.of(prod().get(ROLE, "replication-role"), "assumeRolePolicy").document().toString();
        assertThrows(AssertionError.class, () -> assertOnlyS3MayAssume(PolicyJson.parse(
                trust.replace("\"s3.amazonaws.com\"", "\"ec2.amazonaws.com\""))), "another service");
        assertThrows(AssertionError.class, () -> assertOnlyS3MayAssume(PolicyJson.parse(
                trust.replace("{\"Service\":", "{\"AWS\":[\"arn:aws:iam::" + AwsPlan.ACCOUNT + ":root\"],\"Service\":"))),
                "an account's principals besides the service");
        assertThrows(AssertionError.class, () -> assertOnlyS3MayAssume(PolicyJson.parse(
                trust.replace("\"sts:AssumeRole\"", "\"sts:*\""))), "every STS action");
    }

    static void assertRolePolicy(PolicyJson policy, String sourceKeyArn, String replicaKeyArn) {
        assertEquals(List.of("ReadSourceReplicationConfiguration", "ReadSourceObjectVersions", "WriteReplicas",
                "DecryptSourceObjects", "EncryptReplicas"), policy.sids());
        assertStatement(policy.statement("ReadSourceReplicationConfiguration"), "Allow",
                List.of("s3:GetReplicationConfiguration", "s3:ListBucket"), List.of(SOURCE));
        assertStatement(policy.statement("ReadSourceObjectVersions"), "Allow",
                List.of("s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"),
                List.of(SOURCE + "/*"));
        assertStatement(policy.statement("WriteReplicas"), "Allow",
                List.of("s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"), List.of(REPLICA + "/*"));
        JsonNode decrypt = policy.statement("DecryptSourceObjects");
        assertStatement(decrypt, "Allow", List.of("kms:Decrypt"), List.of(sourceKeyArn));
        assertEquals(Map.of("StringEquals", Map.of("kms:ViaService", List.of("s3.eu-west-1.amazonaws.com"))),
                PolicyJson.conditions(decrypt));
        JsonNode encrypt = policy.statement("EncryptReplicas");
        assertStatement(encrypt, "Allow", List.of("kms:Encrypt", "kms:Decrypt"), List.of(replicaKeyArn));
        assertEquals(Map.of("StringEquals", Map.of("kms:ViaService", List.of("s3.eu-central-1.amazonaws.com"))),
                PolicyJson.conditions(encrypt));
        for (JsonNode statement : policy.statements()) {
            assertTrue(statement.path("Principal").isMissingNode(), "an identity policy names no principal");
        }
    }

    @Test
    void theReplicationRoleMayDoExactlyWhatReplicationNeeds() {
        ResourceRecord rolePolicy = prod().get(ROLE_POLICY, "replication-role-policy");
        assertEquals("pulumi-state-replication-prod", rolePolicy.input("role"));
        assertRolePolicy(PolicyJson.of(rolePolicy, "policy"), sourceKey(), replicaKey());
    }

    @Test
    void theRolePolicyAssertionBites() {
        String json = PolicyJson.of(prod().get(ROLE_POLICY, "replication-role-policy"), "policy").document().toString();
        assertThrows(AssertionError.class, () -> assertRolePolicy(PolicyJson.parse(
                json.replace("\"s3:GetObjectVersionForReplication\"", "\"s3:GetObject*\"")), sourceKey(), replicaKey()));
        assertThrows(AssertionError.class, () -> assertRolePolicy(PolicyJson.parse(
                json.replace(REPLICA + "/*", "*")), sourceKey(), replicaKey()));
        assertThrows(AssertionError.class, () -> assertRolePolicy(PolicyJson.parse(
                json.replace("s3.eu-west-1.amazonaws.com", "s3.*.amazonaws.com")), sourceKey(), replicaKey()));
    }

    @Test
    void devHasNoReplica() {
        for (String type : List.of(REPLICATION, ROLE, ROLE_POLICY, AwsPlan.PROVIDER)) {
            assertEquals(type.equals(AwsPlan.PROVIDER) ? 1 : 0, dev().ofType(type).size(), type);
        }
        assertTrue(dev().find(BUCKET, "replica-bucket").isEmpty());
        assertTrue(dev().find(KEY, "replica-key").isEmpty());
    }
}
