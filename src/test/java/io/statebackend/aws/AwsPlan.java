package io.statebackend.aws;

import io.statebackend.common.StableSuffix;
import io.statebackend.mockrun.PlanMocks;
import io.statebackend.mockrun.PlanResult;
import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.testing.Runs;
import io.statebackend.vocabulary.AwsType;

/** The program run once on each real stack file (runs are deterministic), and short names for the AWS type tokens ({@link AwsType}) tests look up. */
final class AwsPlan {

    static final String PROVIDER = "pulumi:providers:aws";
    static final String KEY = AwsType.KMS_KEY.token();
    static final String ALIAS = AwsType.KMS_ALIAS.token();
    static final String BUCKET = AwsType.BUCKET.token();
    static final String VERSIONING = AwsType.VERSIONING.token();
    static final String ENCRYPTION = AwsType.ENCRYPTION.token();
    static final String PUBLIC_ACCESS_BLOCK = AwsType.PUBLIC_ACCESS_BLOCK.token();
    static final String OWNERSHIP = AwsType.OWNERSHIP_CONTROLS.token();
    static final String BUCKET_POLICY = AwsType.BUCKET_POLICY.token();
    static final String LIFECYCLE = AwsType.LIFECYCLE.token();
    static final String LOGGING = AwsType.LOGGING.token();
    static final String REPLICATION = AwsType.REPLICATION.token();
    static final String ROLE = AwsType.IAM_ROLE.token();
    static final String ROLE_POLICY = AwsType.IAM_ROLE_POLICY.token();
    static final String IAM_POLICY = AwsType.IAM_POLICY.token();

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
