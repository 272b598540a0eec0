package io.statebackend.aws;

import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import com.pulumi.core.Output;
import io.statebackend.iam.ConditionOperator;
import io.statebackend.iam.PolicyDocument;
import io.statebackend.iam.Statement;

import java.util.List;

/**
 * The least-privilege IAM policy for the people and pipelines that run {@code pulumi login}: the state bucket's
 * actions from {@link BucketPolicies} and the two keys a stack touches (the bucket key, through S3, and the secrets
 * key). Exported, to be attached to roles wherever state users live; principals in this account that the stack names
 * are already allowed by the bucket and key policies.
 */
final class Access {

    final Policy policy;
    final Output<String> document;

    Access(AwsScope scope, StateBucket state, Kms bucketKey, SecretsProvider secrets) {
        this.document = Output.tuple(state.bucket.arn(), bucketKey.arn(), secrets.key.arn())
                .applyValue(t -> stateAccess(t.t1, t.t2, t.t3, scope.s3ServiceEndpoint()).toJson());
        this.policy = new Policy("state-access-policy", PolicyArgs.builder()
                .name(scope.names().stateAccessPolicy())
                .description("Read and write Pulumi state in the state bucket and use its keys; nothing else")
                .policy(document)
                .tags(scope.tags())
                .build(), scope.child());
    }

    /**
     * The bucket key only through S3 in the bucket's region ({@code kms:ViaService}), as the key policy already
     * demands: a holder of this policy cannot use it directly. The secrets key is called directly by the CLI.
     */
    static PolicyDocument stateAccess(String bucketArn, String bucketKeyArn, String secretsKeyArn, String s3Service) {
        return PolicyDocument.of(
                Statement.allow("ListState")
                        .actions(BucketPolicies.STATE_BUCKET_ACTIONS)
                        .resources(bucketArn)
                        .build(),
                Statement.allow("ReadWriteState")
                        .actions(BucketPolicies.STATE_OBJECT_ACTIONS)
                        .resources(bucketArn + "/*")
                        .build(),
                Statement.allow("UseBucketKeyThroughS3")
                        .actions(Kms.STATE_KEY_ACTIONS)
                        .resources(bucketKeyArn)
                        .when(ConditionOperator.STRING_EQUALS, AwsScope.KMS_VIA_SERVICE, s3Service)
                        .build(),
                Statement.allow("UseSecretsKey")
                        .actions(Kms.STATE_KEY_ACTIONS)
                        .resources(secretsKeyArn)
                        .build());
    }
}
