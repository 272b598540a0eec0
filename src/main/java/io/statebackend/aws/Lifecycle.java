package io.statebackend.aws;

import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs;

import io.statebackend.common.BackendLayout;

import java.util.List;

/**
 * Lifecycle rules (FSBP S3.10/S3.13). Versioning keeps every checkpoint the CLI rewrites; these rules keep that
 * history bounded: noncurrent versions expire after a retention period (keeping the newest few regardless), delete
 * markers left with no versions behind them are removed, abandoned multipart uploads are aborted, and the CLI's
 * per-update checkpoint copies (redundant with versioning) expire with the versions. Current state never expires.
 *
 * <p>The newest few are kept per object, forever: what keeps the last checkpoints of a stack someone removed. A key
 * the CLI writes once and deletes (a checkpoint copy, a lock) has one version, always among the newest few, so the
 * whole-bucket rule alone would keep it for good; a shorter rule for each such prefix removes it, as S3 honours the
 * shorter of two overlapping expirations.
 */
public final class Lifecycle {

    static final String ENABLED = "Enabled";
    static final String EXPIRE_NONCURRENT_RULE = "expire-noncurrent-versions";
    static final String REMOVE_DELETE_MARKERS_RULE = "remove-expired-delete-markers";
    static final String ABORT_UPLOADS_RULE = "abort-incomplete-multipart-uploads";
    static final String EXPIRE_BACKUPS_RULE = BackendLayout.CHECKPOINT_BACKUPS_RULE;
    static final String REMOVE_RELEASED_LOCKS_RULE = "remove-released-locks";
    static final String EXPIRE_LOGS_RULE = "expire-access-logs";
    /** The longest an interrupted upload's parts are kept; the pack allows no more by default. */
    public static final int ABORT_INCOMPLETE_UPLOAD_DAYS = 7;
    /** A deleted or expired access log stays recoverable this long, long enough to notice and restore it. */
    static final int LOG_NONCURRENT_DAYS = 30;
    /**
     * How long the hidden version of an expired checkpoint copy or a released lock is kept: neither is anything to
     * restore (the copy duplicates a version of the checkpoint, the lock is over).
     */
    static final int WRITE_ONCE_NONCURRENT_DAYS = 1;

    private Lifecycle() {
    }

    /** State and its replica: the history of every checkpoint, bounded. Waits for versioning, which it relies on. */
    static BucketLifecycleConfigurationV2 versionedState(AwsScope scope, String name, HardenedBucket bucket) {
        var lifecycle = scope.settings().lifecycle();
        return declare(scope, name, bucket, List.of(
                expireNoncurrentVersions(lifecycle.noncurrentVersionRetentionDays(), lifecycle.newerNoncurrentVersions()),
                removeExpiredDeleteMarkers(),
                abortIncompleteUploads(),
                expireCheckpointBackups(lifecycle.noncurrentVersionRetentionDays()),
                removeReleasedLocks()));
    }

    /** Access logs: each log object is kept {@code retentionDays}, then 30 more days as a noncurrent version. */
    static BucketLifecycleConfigurationV2 accessLogs(AwsScope scope, String name, HardenedBucket bucket) {
        return declare(scope, name, bucket, List.of(
                rule(EXPIRE_LOGS_RULE).expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder()
                        .days(scope.settings().logging().accessLogRetentionDays()).build()).build(),
                expireNoncurrentVersions(LOG_NONCURRENT_DAYS, 0),
                removeExpiredDeleteMarkers(),
                abortIncompleteUploads()));
    }

    private static BucketLifecycleConfigurationV2 declare(AwsScope scope, String name, HardenedBucket bucket,
                                                          List<BucketLifecycleConfigurationV2RuleArgs> rules) {
        return new BucketLifecycleConfigurationV2(name, BucketLifecycleConfigurationV2Args.builder()
                .bucket(bucket.bucket.id())
                .rules(rules)
                .build(), scope.child(bucket.versioning));
    }

    /** Noncurrent versions expire {@code days} after they are replaced; the newest {@code keep} never do (0: none). */
    static BucketLifecycleConfigurationV2RuleArgs expireNoncurrentVersions(int days, int keep) {
        var expiration = BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs.builder().noncurrentDays(days);
        if (keep > 0) {
            expiration.newerNoncurrentVersions(keep);
        }
        return rule(EXPIRE_NONCURRENT_RULE).noncurrentVersionExpiration(expiration.build()).build();
    }

    /** A delete marker whose every noncurrent version has expired hides nothing any more; S3 removes it. */
    static BucketLifecycleConfigurationV2RuleArgs removeExpiredDeleteMarkers() {
        return rule(REMOVE_DELETE_MARKERS_RULE)
                .expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder()
                        .expiredObjectDeleteMarker(true).build())
                .build();
    }

    static BucketLifecycleConfigurationV2RuleArgs abortIncompleteUploads() {
        return rule(ABORT_UPLOADS_RULE)
                .abortIncompleteMultipartUpload(BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs
                        .builder().daysAfterInitiation(ABORT_INCOMPLETE_UPLOAD_DAYS).build())
                .build();
    }

    /**
     * The CLI's {@code .pulumi/backups/} copies expire {@code days} after they are written, and the version that
     * expiry hides goes a day later.
     */
    static BucketLifecycleConfigurationV2RuleArgs expireCheckpointBackups(int days) {
        return rule(EXPIRE_BACKUPS_RULE, BackendLayout.CHECKPOINT_BACKUPS_PREFIX)
                .expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder().days(days).build())
                .noncurrentVersionExpiration(writeOnceNoncurrentExpiration())
                .build();
    }

    /** A lock the CLI released (deleted) leaves a version behind; it goes a day later. A held lock is current: kept. */
    static BucketLifecycleConfigurationV2RuleArgs removeReleasedLocks() {
        return rule(REMOVE_RELEASED_LOCKS_RULE, BackendLayout.LOCKS_PREFIX)
                .noncurrentVersionExpiration(writeOnceNoncurrentExpiration())
                .build();
    }

    private static BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs writeOnceNoncurrentExpiration() {
        return BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs.builder()
                .noncurrentDays(WRITE_ONCE_NONCURRENT_DAYS).build();
    }

    /** A rule for the whole bucket (an empty prefix, which is also how S3 reports it back). */
    private static BucketLifecycleConfigurationV2RuleArgs.Builder rule(String id) {
        return rule(id, "");
    }

    private static BucketLifecycleConfigurationV2RuleArgs.Builder rule(String id, String prefix) {
        return BucketLifecycleConfigurationV2RuleArgs.builder()
                .id(id)
                .status(ENABLED)
                .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix(prefix).build());
    }
}
