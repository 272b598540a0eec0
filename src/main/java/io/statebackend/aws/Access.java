package io.statebackend.aws;

import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import com.pulumi.core.Output;
import io.statebackend.iam.ConditionOperator;
import io.statebackend.iam.PolicyDocument;
import io.statebackend.iam.Statement;

import java.util.List;

/**
 * The least-privilege IAM policies for state (FSBP IAM.1, IAM.21: no wildcard actions), exported to be attached to
 * roles wherever their holders live (principals in this account that the stack names are already allowed by the
 * bucket and key policies):
 * <ul>
 *   <li>state access, for the people and pipelines that run {@code pulumi login} and update stacks: the state bucket's
 *       actions from {@link BucketPolicies} and the two keys a stack touches (the bucket key, through S3, and the
 *       secrets key);</li>
 *   <li>state read, for previews, drift checks and auditors: list and get on the state bucket, and decrypt with the
 *       same two keys.</li>
 * </ul>
 */
final class Access {

    final Policy policy;
    final Output<String> document;
    final Policy readPolicy;
    final Output<String> readDocument;

    Access(AwsScope scope, StateBucket state, Kms bucketKey, SecretsProvider secrets) {
        var arns = Output.tuple(state.bucket.arn(), bucketKey.arn(), secrets.key.arn());
        this.document = arns.applyValue(t -> stateAccess(t.t1, t.t2, t.t3, scope.s3ServiceEndpoint()).toJson());
        this.policy = policy(scope, "state-access-policy", scope.names().stateAccessPolicy(),
                "Read and write Pulumi state in the state bucket and use its keys; nothing else", document);
        this.readDocument = arns.applyValue(t -> stateRead(t.t1, t.t2, t.t3, scope.s3ServiceEndpoint()).toJson());
        this.readPolicy = policy(scope, "state-read-policy", scope.names().stateReadPolicy(),
                "Read Pulumi state in the state bucket and decrypt with its keys; nothing else", readDocument);
    }

    private static Policy policy(AwsScope scope, String resourceName, String policyName, String description,
                                 Output<String> document) {
        return new Policy(resourceName, PolicyArgs.builder()
                .name(policyName)
                .description(description)
                .policy(document)
                .tags(scope.tags())
                .build(), scope.child());
    }

    /** What one of the two policies grants: its object actions and key actions, named in its statement ids. */
    private record Grant(String objectSid, List<String> objectActions, String keySidVerb, List<String> keyActions) {
    }

    private static final Grant READ_WRITE = new Grant("ReadWriteState", BucketPolicies.STATE_OBJECT_ACTIONS, "Use",
            Kms.STATE_KEY_ACTIONS);
    private static final Grant READ = new Grant("ReadState", BucketPolicies.STATE_READER_OBJECT_ACTIONS, "DecryptWith",
            Kms.STATE_READER_KEY_ACTIONS);

    /** Reading state: as {@link #stateAccess}, with no writes, no deletes and decrypt only. */
    static PolicyDocument stateRead(String bucketArn, String bucketKeyArn, String secretsKeyArn, String s3Service) {
        return statePolicy(READ, bucketArn, bucketKeyArn, secretsKeyArn, s3Service);
    }

    /**
     * The bucket key only through S3 in the bucket's region ({@code kms:ViaService}), as the key policy already
     * demands: a holder of this policy cannot use it directly. The secrets key is called directly by the CLI.
     */
    static PolicyDocument stateAccess(String bucketArn, String bucketKeyArn, String secretsKeyArn, String s3Service) {
        return statePolicy(READ_WRITE, bucketArn, bucketKeyArn, secretsKeyArn, s3Service);
    }

    private static PolicyDocument statePolicy(Grant grant, String bucketArn, String bucketKeyArn, String secretsKeyArn,
                                              String s3Service) {
        return PolicyDocument.of(
                Statement.allow("ListState")
                        .actions(BucketPolicies.STATE_BUCKET_ACTIONS)
                        .resources(bucketArn)
                        .build(),
                Statement.allow(grant.objectSid())
                        .actions(grant.objectActions())
                        .resources(bucketArn + "/*")
                        .build(),
                Statement.allow(grant.keySidVerb() + "BucketKeyThroughS3")
                        .actions(grant.keyActions())
                        .resources(bucketKeyArn)
                        .when(ConditionOperator.STRING_EQUALS, AwsScope.KMS_VIA_SERVICE, s3Service)
                        .build(),
                Statement.allow(grant.keySidVerb() + "SecretsKey")
                        .actions(grant.keyActions())
                        .resources(secretsKeyArn)
                        .build());
    }
}
