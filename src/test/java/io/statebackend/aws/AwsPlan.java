package io.statebackend.aws;

import io.statebackend.common.StableSuffix;
import io.statebackend.mockrun.PlanMocks;
import io.statebackend.mockrun.PlanResult;
import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.testing.Runs;

/** The program run once on each real stack file (runs are deterministic), and the AWS type tokens tests look up. */
final class AwsPlan {

    static final String PROVIDER = "pulumi:providers:aws";
    static final String KEY = "aws:kms/key:Key";
    static final String ALIAS = "aws:kms/alias:Alias";
    static final String BUCKET = "aws:s3/bucketV2:BucketV2";
    static final String VERSIONING = "aws:s3/bucketVersioningV2:BucketVersioningV2";
    static final String ENCRYPTION =
            "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
    static final String PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
    static final String OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
    static final String BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
    static final String LIFECYCLE = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";
    static final String LOGGING = "aws:s3/bucketLoggingV2:BucketLoggingV2";
    static final String REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
    static final String ROLE = "aws:iam/role:Role";
    static final String ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
    static final String IAM_POLICY = "aws:iam/policy:Policy";

    static final String ACCOUNT = PlanMocks.AWS_ACCOUNT_ID;
    static final String PRIMARY_PROVIDER = PROVIDER + "::aws-primary";
    static final String REPLICA_PROVIDER = PROVIDER + "::aws-replica";

    private AwsPlan() {
    }

    static PlanResult prod() {
        return Runs.prod();
    }

    static PlanResult dev() {
        return Runs.dev();
    }

    static PlanResult succeeded(PlanResult result) {
        result.error().ifPresent(e -> {
            throw new AssertionError("the program failed on stack " + result.stack(), e);
        });
        return result;
    }

    /** The state bucket name the program derives for a stack of this project in the mock account. */
    static String bucketName(String stack) {
        return "pulumi-state-" + StableSuffix.of("aws", ACCOUNT, "state-backend", stack);
    }

    static String bucketArn(String stack) {
        return "arn:aws:s3:::" + bucketName(stack);
    }

    /**
     * The ARN of a KMS key as AWS forms it from the key id its alias targets ({@code <key>-alias} points at
     * {@code <key>}), in the region of the key's provider.
     */
    static String keyArn(PlanResult result, String keyName) {
        ResourceRecord alias = result.get(ALIAS, keyName + "-alias");
        String region = alias.provider().equals(REPLICA_PROVIDER) ? "eu-central-1" : "eu-west-1";
        return "arn:aws:kms:" + region + ":" + ACCOUNT + ":key/" + alias.input("targetKeyId");
    }
}
