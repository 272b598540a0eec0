package io.statebackend.aws;

import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.core.Output;
import io.statebackend.iam.Condition;
import io.statebackend.iam.ConditionOperator;
import io.statebackend.iam.PolicyDocument;
import io.statebackend.iam.Principals;
import io.statebackend.iam.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * Bucket policies: TLS only on every bucket (FSBP S3.5), and on the state bucket an allow list for the state
 * principals with exactly the actions the Pulumi DIY backend uses (S3.6: no bucket-level or ACL actions for anyone
 * else) plus guards against objects written under another key. Nothing is ever allowed to {@code *} (S3.2/S3.3: no
 * public read or write).
 */
final class BucketPolicies {

    static final String SSE_HEADER = "s3:x-amz-server-side-encryption";
    static final String KMS_KEY_HEADER = "s3:x-amz-server-side-encryption-aws-kms-key-id";

    /**
     * What {@code pulumi login s3://...} needs on the bucket itself: listing stacks, history and lock files. Nothing
     * else: the region comes with the URL ({@code ?region=}), so not even s3:GetBucketLocation.
     */
    static final List<String> STATE_BUCKET_ACTIONS = List.of("s3:ListBucket");
    /**
     * What it needs on objects: read and write checkpoints, history and backups, and delete its lock file when an
     * operation ends (a lock that cannot be deleted blocks the stack until {@code pulumi cancel}). Old versions are
     * never read by the CLI, so no s3:GetObjectVersion; an interrupted multipart upload is cleaned up by the
     * lifecycle rule, so no s3:AbortMultipartUpload.
     */
    static final List<String> STATE_OBJECT_ACTIONS = List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject");
    /** What a state reader needs on objects: read checkpoints and history. A preview takes no lock. */
    static final List<String> STATE_READER_OBJECT_ACTIONS = List.of("s3:GetObject");

    private BucketPolicies() {
    }

    /**
     * Declares a bucket's policy after its public-access block: S3 aborts one of the two when both change at once
     * ({@code OperationAborted}).
     */
    static BucketPolicy declare(AwsScope scope, String name, HardenedBucket bucket, Output<PolicyDocument> document) {
        return new BucketPolicy(name, BucketPolicyArgs.builder()
                .bucket(bucket.bucket.id())
                .policy(document.applyValue(PolicyDocument::toJson))
                .build(), scope.child(bucket.publicAccessBlock));
    }

    /** FSBP S3.5: refuses every request to the bucket or its objects that did not arrive over TLS. */
    static Statement denyInsecureTransport(String bucketArn) {
        return Statement.deny("DenyInsecureTransport")
                .principals(Principals.anyone())
                .actions("s3:*")
                .resources(bucketArn, bucketArn + "/*")
                .when(ConditionOperator.BOOL, "aws:SecureTransport", "false")
                .build();
    }

    /** A bucket that needs nothing but the TLS guard (the replica: only replication writes to it). */
    static PolicyDocument tlsOnly(String bucketArn) {
        return PolicyDocument.of(denyInsecureTransport(bucketArn));
    }

    /**
     * The state bucket's policy. The three encryption guards deny only what a request states explicitly: a request
     * without encryption headers (the Pulumi CLI sends none) is encrypted with the bucket's default key and must not
     * be refused (pulumi/pulumi#9341). An {@code ...IfExists} operator alone would not do that: IAM evaluates it as
     * true when the key is absent, so a Deny on it alone refuses every upload without the header. Each guard
     * therefore also requires the header to be present ({@code Null: false}).
     */
    static PolicyDocument stateBucket(String bucketArn, String keyArn, List<String> statePrincipals,
                                      List<String> readerPrincipals) {
        String objects = bucketArn + "/*";
        List<Statement> statements = new ArrayList<>();
        statements.add(denyInsecureTransport(bucketArn));
        statements.add(Statement.deny("DenyUploadsNamingAnotherKmsKey")
                .principals(Principals.anyone())
                .actions("s3:PutObject")
                .resources(objects)
                .when(Condition.present(KMS_KEY_HEADER))
                .when(ConditionOperator.STRING_NOT_EQUALS_IF_EXISTS, KMS_KEY_HEADER, keyArn)
                .build());
        statements.add(Statement.deny("DenyUploadsNamingAnotherEncryption")
                .principals(Principals.anyone())
                .actions("s3:PutObject")
                .resources(objects)
                .when(Condition.present(SSE_HEADER))
                .when(ConditionOperator.STRING_NOT_EQUALS_IF_EXISTS, SSE_HEADER, HardenedBucket.SSE_KMS)
                .build());
        // "aws:kms" without a key id would make S3 use the account's AWS-managed aws/s3 key, not this one.
        statements.add(Statement.deny("DenyKmsUploadsWithoutThisKey")
                .principals(Principals.anyone())
                .actions("s3:PutObject")
                .resources(objects)
                .when(Condition.present(SSE_HEADER))
                .when(ConditionOperator.NULL, KMS_KEY_HEADER, "true")
                .build());
        allow(statements, "AllowStatePrincipalsTo", statePrincipals, bucketArn, "ReadWriteState", STATE_OBJECT_ACTIONS);
        allow(statements, "AllowStateReadersTo", readerPrincipals, bucketArn, "ReadState", STATE_READER_OBJECT_ACTIONS);
        return PolicyDocument.of(statements);
    }

    /**
     * Lets {@code principals}, when there are any, list the state ({@code <sidPrefix>ListState}) and act on its
     * objects ({@code <sidPrefix><objectsSid>}).
     */
    private static void allow(List<Statement> statements, String sidPrefix, List<String> principals, String bucketArn,
                              String objectsSid, List<String> objectActions) {
        if (principals.isEmpty()) {
            return;
        }
        statements.add(Statement.allow(sidPrefix + "ListState")
                .principals(Principals.aws(principals))
                .actions(STATE_BUCKET_ACTIONS)
                .resources(bucketArn)
                .build());
        statements.add(Statement.allow(sidPrefix + objectsSid)
                .principals(Principals.aws(principals))
                .actions(objectActions)
                .resources(bucketArn + "/*")
                .build());
    }
}
