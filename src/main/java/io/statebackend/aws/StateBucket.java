package io.statebackend.aws;

import com.pulumi.core.Output;

import java.util.Optional;

/**
 * The bucket every stack's state lives in (under {@code .pulumi/}): a {@link HardenedBucket} encrypted with the
 * store's bucket key, its lifecycle rules and its bucket policy.
 */
final class StateBucket {

    final HardenedBucket bucket;

    StateBucket(AwsScope scope, Kms bucketKey) {
        this.bucket = new HardenedBucket(scope, "state-bucket", scope.names().bucket(), Optional.of(bucketKey.arn()));
        Lifecycle.versionedState(scope, "state-bucket-lifecycle", bucket);
        var principals = scope.settings().access().statePrincipalArns();
        var readers = scope.settings().access().stateReaderPrincipalArns();
        BucketPolicies.declare(scope, "state-bucket-policy", bucket,
                Output.tuple(bucket.arn(), bucketKey.arn())
                        .applyValue(t -> BucketPolicies.stateBucket(t.t1, t.t2, principals, readers)));
    }
}
