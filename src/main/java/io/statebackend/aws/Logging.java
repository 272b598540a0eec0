package io.statebackend.aws;

import com.pulumi.aws.s3.BucketLoggingV2;
import com.pulumi.aws.s3.BucketLoggingV2Args;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.core.Output;
import io.statebackend.iam.ConditionOperator;
import io.statebackend.iam.PolicyDocument;
import io.statebackend.iam.Principals;
import io.statebackend.iam.Statement;

import java.util.Optional;

/**
 * Server access logging of the state bucket (FSBP S3.9) to a dedicated {@code <bucket>-logs} bucket: private,
 * TLS-only, ACL-free, versioned (a deleted log stays recoverable for {@value Lifecycle#LOG_NONCURRENT_DAYS} days),
 * expired after {@code awsAccessLogRetentionDays}, and writable only by the S3 logging service on behalf of the state
 * bucket. The log bucket does not log itself (S3 recommends against it: each delivery would log another).
 *
 * <p>Encrypted with SSE-S3, not SSE-KMS: the Amazon S3 User Guide ("Enabling Amazon S3 server access logging") says
 * default encryption on the destination bucket may only be SSE-S3 (AES-256) and that default SSE-KMS "is not
 * supported". (aws-cdk PR #25350 reports SSE-KMS deliveries working when the key policy admits the logging service;
 * that is not documented, so this store stays with the documented option.)
 */
final class Logging {

    static final String LOGGING_SERVICE = "logging.s3.amazonaws.com";
    /** Log objects for the state bucket are written under this prefix, and the service may write only there. */
    static final String LOG_PREFIX = "state-bucket/";

    Logging(AwsScope scope, StateBucket state) {
        var logBucket = new HardenedBucket(scope, "access-log-bucket", scope.names().logBucket(), Optional.empty());
        Lifecycle.accessLogs(scope, "access-log-bucket-lifecycle", logBucket);
        BucketPolicy policy = BucketPolicies.declare(scope, "access-log-bucket-policy", logBucket,
                Output.tuple(logBucket.arn(), state.bucket.arn(), scope.accountId())
                        .applyValue(t -> logBucketPolicy(t.t1, t.t2, t.t3)));
        // Enabled only once the service may write, so no delivery is refused in between.
        new BucketLoggingV2("state-bucket-access-logging", BucketLoggingV2Args.builder()
                .bucket(state.bucket.bucket.id())
                .targetBucket(logBucket.bucket.id())
                .targetPrefix(LOG_PREFIX)
                .build(), scope.child(policy));
    }

    /**
     * TLS only, and the statement the logging service needs with BucketOwnerEnforced (ACL grants to the log delivery
     * group are disabled): s3:PutObject under the prefix, only for logs of the state bucket in this account, so no
     * other bucket can have its logs delivered here (confused deputy).
     */
    static PolicyDocument logBucketPolicy(String logBucketArn, String stateBucketArn, String accountId) {
        return PolicyDocument.of(
                BucketPolicies.denyInsecureTransport(logBucketArn),
                Statement.allow("AllowServerAccessLogDelivery")
                        .principals(Principals.service(LOGGING_SERVICE))
                        .actions("s3:PutObject")
                        .resources(logBucketArn + "/" + LOG_PREFIX + "*")
                        .when(ConditionOperator.ARN_EQUALS, "aws:SourceArn", stateBucketArn)
                        .when(ConditionOperator.STRING_EQUALS, "aws:SourceAccount", accountId)
                        .build());
    }
}
