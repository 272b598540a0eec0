package io.statebackend.aws;

import com.pulumi.aws.s3.BucketOwnershipControls;
import com.pulumi.aws.s3.BucketOwnershipControlsArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.core.Output;

import java.util.Optional;

/**
 * A bucket with the controls every bucket of this store has, whatever it holds (state, its replica, access logs):
 * never force-destroyed, versioned (FSBP S3.14), encrypted by default (S3.17 with a KMS key; SSE-S3 where S3 allows
 * nothing else), all four public-access blocks on (S3.8), ACLs disabled by BucketOwnerEnforced (S3.12).
 */
final class HardenedBucket {

    static final String VERSIONING_ENABLED = "Enabled";
    static final String OBJECT_OWNERSHIP = "BucketOwnerEnforced";
    static final String SSE_KMS = "aws:kms";
    static final String SSE_S3 = "AES256";

    final BucketV2 bucket;
    final BucketVersioningV2 versioning;
    final BucketPublicAccessBlock publicAccessBlock;

    /**
     * @param name      logical name prefix of the bucket's resources, e.g. {@code state-bucket}
     * @param kmsKeyArn the key for SSE-KMS with an S3 Bucket Key; empty for SSE-S3
     */
    HardenedBucket(AwsScope scope, String name, Output<String> bucketName, Optional<Output<String>> kmsKeyArn) {
        this.bucket = new BucketV2(name, BucketV2Args.builder()
                .bucket(bucketName)
                // Deleting a bucket that still holds objects must fail: state is never destroyed as a side effect.
                .forceDestroy(false)
                .tags(scope.tags())
                .build(), scope.stateful());

        // FSBP S3.14. Protected too: deleting this resource would suspend versioning on the bucket.
        this.versioning = new BucketVersioningV2(name + "-versioning", BucketVersioningV2Args.builder()
                .bucket(bucket.id())
                .versioningConfiguration(BucketVersioningV2VersioningConfigurationArgs.builder()
                        .status(VERSIONING_ENABLED).build())
                .build(), scope.stateful());

        var byDefault = BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs.builder();
        var rule = BucketServerSideEncryptionConfigurationV2RuleArgs.builder();
        kmsKeyArn.ifPresentOrElse(
                key -> {
                    // FSBP S3.17: SSE-KMS with the store's own key. The S3 Bucket Key cuts KMS calls (and cost) by
                    // deriving per-object keys from a short-lived bucket-level key.
                    byDefault.sseAlgorithm(SSE_KMS).kmsMasterKeyId(key);
                    rule.bucketKeyEnabled(true);
                },
                () -> byDefault.sseAlgorithm(SSE_S3));
        new BucketServerSideEncryptionConfigurationV2(name + "-encryption",
                BucketServerSideEncryptionConfigurationV2Args.builder()
                        .bucket(bucket.id())
                        .rules(rule.applyServerSideEncryptionByDefault(byDefault.build()).build())
                        .build(), scope.child());

        // FSBP S3.8: no ACL or policy can make this bucket or its objects public.
        this.publicAccessBlock = new BucketPublicAccessBlock(name + "-public-access-block",
                BucketPublicAccessBlockArgs.builder()
                        .bucket(bucket.id())
                        .blockPublicAcls(true)
                        .ignorePublicAcls(true)
                        .blockPublicPolicy(true)
                        .restrictPublicBuckets(true)
                        .build(), scope.child());

        // FSBP S3.12: ACLs disabled; the bucket owner owns every object and only policies grant access.
        new BucketOwnershipControls(name + "-ownership", BucketOwnershipControlsArgs.builder()
                .bucket(bucket.id())
                .rule(BucketOwnershipControlsRuleArgs.builder().objectOwnership(OBJECT_OWNERSHIP).build())
                .build(), scope.child());
    }

    Output<String> arn() {
        return bucket.arn();
    }

    Output<String> name() {
        return bucket.bucket();
    }
}
