package io.statebackend.aws;

import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.s3.BucketReplicationConfig;
import com.pulumi.aws.s3.BucketReplicationConfigArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleDeleteMarkerReplicationArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleDestinationArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleDestinationEncryptionConfigurationArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleSourceSelectionCriteriaArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleSourceSelectionCriteriaSseKmsEncryptedObjectsArgs;
import com.pulumi.core.Output;
import io.statebackend.iam.ConditionOperator;
import io.statebackend.iam.PolicyDocument;
import io.statebackend.iam.Principals;
import io.statebackend.iam.Statement;

import java.util.Optional;

/**
 * Cross-region replication of state (FSBP S3.7) to {@code <bucket>-replica} in {@code awsReplicaRegion}: a bucket with
 * the state bucket's hardening and lifecycle under its own KMS key in that region, TLS-only (no upload guards: no state
 * principal is granted it), and a replication role that can do exactly what S3 replication of SSE-KMS objects needs
 * and nothing more.
 */
final class Replication {

    static final String S3_SERVICE = "s3.amazonaws.com";
    static final String RULE_ID = "replicate-state";
    static final String STORAGE_CLASS = "STANDARD";

    final Kms replicaKey;
    final HardenedBucket replica;

    /**
     * @param replicaScope the store in the replica region (its provider)
     * @param primaryScope the store in the primary region: the role (IAM is global) and the replication
     *                     configuration (it belongs to the source bucket) are created there
     */
    Replication(AwsScope replicaScope, AwsScope primaryScope, StateBucket state, Kms bucketKey) {
        this.replicaKey = new Kms(replicaScope, "replica-key", replicaScope.names().replicaKeyAlias(),
                "Encrypts the cross-region replica of Pulumi state", true);
        this.replica = new HardenedBucket(replicaScope, "replica-bucket", replicaScope.names().replicaBucket(),
                Optional.of(replicaKey.arn()));
        Lifecycle.versionedState(replicaScope, "replica-bucket-lifecycle", replica);
        BucketPolicies.declare(replicaScope, "replica-bucket-policy", replica,
                replica.arn().applyValue(BucketPolicies::tlsOnly));

        var role = new Role("replication-role", RoleArgs.builder()
                .name(primaryScope.names().replicationRole())
                .description("Lets S3 replicate Pulumi state to the cross-region replica bucket")
                .assumeRolePolicy(trustPolicy().toJson())
                .tags(primaryScope.tags())
                .build(), primaryScope.child());
        String sourceRegion = primaryScope.region();
        String replicaRegion = replicaScope.region();
        var rolePolicy = new RolePolicy("replication-role-policy", RolePolicyArgs.builder()
                .name("replicate-pulumi-state")
                .role(role.name())
                .policy(Output.tuple(state.bucket.arn(), replica.arn(), bucketKey.arn(), replicaKey.arn())
                        .applyValue(t -> rolePolicy(t.t1, t.t2, t.t3, t.t4, sourceRegion, replicaRegion).toJson()))
                .build(), primaryScope.child());

        // S3 refuses a replication configuration unless versioning is on for both buckets.
        new BucketReplicationConfig("state-bucket-replication", BucketReplicationConfigArgs.builder()
                .bucket(state.bucket.bucket.id())
                .role(role.arn())
                .rules(BucketReplicationConfigRuleArgs.builder()
                        .id(RULE_ID)
                        .status("Enabled")
                        .filter(BucketReplicationConfigRuleFilterArgs.builder().prefix("").build())
                        // Lock files are deleted when an operation ends; without delete markers the replica would
                        // keep them and every stack would look locked after a failover.
                        .deleteMarkerReplication(BucketReplicationConfigRuleDeleteMarkerReplicationArgs.builder()
                                .status("Enabled").build())
                        // Objects under SSE-KMS are replicated only when asked for explicitly ...
                        .sourceSelectionCriteria(BucketReplicationConfigRuleSourceSelectionCriteriaArgs.builder()
                                .sseKmsEncryptedObjects(
                                        BucketReplicationConfigRuleSourceSelectionCriteriaSseKmsEncryptedObjectsArgs
                                                .builder().status("Enabled").build())
                                .build())
                        // ... and re-encrypted with the replica region's key.
                        .destination(BucketReplicationConfigRuleDestinationArgs.builder()
                                .bucket(replica.arn())
                                .storageClass(STORAGE_CLASS)
                                .encryptionConfiguration(
                                        BucketReplicationConfigRuleDestinationEncryptionConfigurationArgs.builder()
                                                .replicaKmsKeyId(replicaKey.arn()).build())
                                .build())
                        .build())
                .build(), primaryScope.child(state.bucket.versioning, replica.versioning, rolePolicy));
    }

    Output<String> replicaBucketName() {
        return replica.name();
    }

    /**
     * Only S3 may assume the role. No source conditions: S3's documented replication trust policy has none, and
     * another account cannot point its replication at this role without iam:PassRole on it, which only this
     * account can grant.
     */
    static PolicyDocument trustPolicy() {
        return PolicyDocument.of(Statement.allow("AllowS3ToAssumeForReplication")
                .principals(Principals.service(S3_SERVICE))
                .actions("sts:AssumeRole")
                .build());
    }

    /**
     * The replication permissions from the S3 User Guide ("Replicating encrypted objects"), limited to these two
     * buckets and keys and to KMS calls S3 makes in each bucket's region. Decrypt on the replica key as well: with
     * an S3 Bucket Key on the destination, S3 calls kms:Decrypt to verify the bucket key before using it.
     */
    static PolicyDocument rolePolicy(String sourceBucketArn, String replicaBucketArn, String sourceKeyArn,
                                     String replicaKeyArn, String sourceRegion, String replicaRegion) {
        return PolicyDocument.of(
                Statement.allow("ReadSourceReplicationConfiguration")
                        .actions("s3:GetReplicationConfiguration", "s3:ListBucket")
                        .resources(sourceBucketArn)
                        .build(),
                Statement.allow("ReadSourceObjectVersions")
                        .actions("s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl",
                                "s3:GetObjectVersionTagging")
                        .resources(sourceBucketArn + "/*")
                        .build(),
                Statement.allow("WriteReplicas")
                        .actions("s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags")
                        .resources(replicaBucketArn + "/*")
                        .build(),
                Statement.allow("DecryptSourceObjects")
                        .actions("kms:Decrypt")
                        .resources(sourceKeyArn)
                        .when(ConditionOperator.STRING_EQUALS, AwsScope.KMS_VIA_SERVICE, AwsScope.s3ServiceEndpoint(sourceRegion))
                        .build(),
                Statement.allow("EncryptReplicas")
                        .actions("kms:Encrypt", "kms:Decrypt")
                        .resources(replicaKeyArn)
                        .when(ConditionOperator.STRING_EQUALS, AwsScope.KMS_VIA_SERVICE, AwsScope.s3ServiceEndpoint(replicaRegion))
                        .build());
    }
}
