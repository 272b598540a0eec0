package io.statebackend.aws;

import io.statebackend.mockrun.PlanResult;
import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.testing.Records;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.statebackend.aws.AwsPlan.LIFECYCLE;
import static io.statebackend.aws.AwsPlan.VERSIONING;
import static io.statebackend.aws.AwsPlan.dev;
import static io.statebackend.aws.AwsPlan.prod;
import static io.statebackend.aws.AwsPlan.succeeded;
import static io.statebackend.testing.PlanAssertions.assertDependsOn;
import static io.statebackend.testing.PlanAssertions.assertNumber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Control 7 (FSBP S3.10/S3.13): bounded version history on the state bucket and its replica. */
class LifecycleTest {

    /** The rule with this id; it is enabled and applies to the whole bucket. */
    static ResourceRecord rule(ResourceRecord lifecycle, String id) {
        return rule(lifecycle, id, "");
    }

    /** The rule with this id; it is enabled and applies to objects under {@code prefix}. */
    static ResourceRecord rule(ResourceRecord lifecycle, String id, String prefix) {
        List<?> rules = (List<?>) lifecycle.input("rules");
        for (int i = 0; i < rules.size(); i++) {
            if (id.equals(lifecycle.input("rules." + i + ".id"))) {
                assertEquals("Enabled", lifecycle.input("rules." + i + ".status"), id);
                assertEquals(prefix, lifecycle.input("rules." + i + ".filter.prefix"), id + " applies to " + prefix);
                return Records.withInput(lifecycle, "rules", List.of(rules.get(i)));
            }
        }
        throw new AssertionError(lifecycle.name() + " has no rule " + id);
    }

    /**
     * Noncurrent versions expire after {@code days}, keeping the newest {@code newer}; expired delete markers are
     * removed; incomplete multipart uploads are aborted after 7 days; the CLI's checkpoint copies under
     * .pulumi/backups/ expire after {@code days}. The one version of a copy that expired, or of a lock the CLI
     * released, goes a day later: the newest versions kept per object would otherwise keep it forever. No rule
     * expires current state or a held lock.
     */
    static void assertVersionedStateLifecycle(ResourceRecord lifecycle, int days, int newer) {
        assertEquals(5, ((List<?>) lifecycle.input("rules")).size(), lifecycle.name() + " rules");
        ResourceRecord backups = rule(lifecycle, "expire-checkpoint-backups", ".pulumi/backups/");
        assertNumber(days, backups.input("rules.0.expiration.days"), "checkpoint copies expire with the versions");
        assertNumber(1, backups.input("rules.0.noncurrentVersionExpiration.noncurrentDays"), "an expired copy's version");
        assertNull(backups.input("rules.0.noncurrentVersionExpiration.newerNoncurrentVersions"), "none kept forever");
        ResourceRecord locks = rule(lifecycle, "remove-released-locks", ".pulumi/locks/");
        assertNumber(1, locks.input("rules.0.noncurrentVersionExpiration.noncurrentDays"), "a released lock's version");
        assertNull(locks.input("rules.0.noncurrentVersionExpiration.newerNoncurrentVersions"), "none kept forever");
        assertNull(locks.input("rules.0.expiration"), "a held lock never expires");
        ResourceRecord noncurrent = rule(lifecycle, "expire-noncurrent-versions");
        assertNumber(days, noncurrent.input("rules.0.noncurrentVersionExpiration.noncurrentDays"), "noncurrent days");
        assertNumber(newer, noncurrent.input("rules.0.noncurrentVersionExpiration.newerNoncurrentVersions"), "versions kept");
        ResourceRecord markers = rule(lifecycle, "remove-expired-delete-markers");
        assertEquals(true, markers.input("rules.0.expiration.expiredObjectDeleteMarker"));
        assertNull(markers.input("rules.0.expiration.days"), "current state never expires");
        ResourceRecord uploads = rule(lifecycle, "abort-incomplete-multipart-uploads");
        assertNumber(7, uploads.input("rules.0.abortIncompleteMultipartUpload.daysAfterInitiation"), "abort after");
    }

    @Test
    void prodKeepsNinetyDaysAndTheNewestTenNoncurrentVersions() {
        ResourceRecord lifecycle = prod().get(LIFECYCLE, "state-bucket-lifecycle");
        assertVersionedStateLifecycle(lifecycle, 90, 10);
        assertEquals(AwsPlan.bucketName("prod"), lifecycle.input("bucket"));
    }

    @Test
    void theRulesFollowTheSettings() {
        PlanResult result = succeeded(Stacks.runWith("prod", Map.of(
                "awsNoncurrentVersionRetentionDays", "200", "awsNewerNoncurrentVersions", "3")));
        assertVersionedStateLifecycle(result.get(LIFECYCLE, "state-bucket-lifecycle"), 200, 3);
        assertVersionedStateLifecycle(result.get(LIFECYCLE, "replica-bucket-lifecycle"), 200, 3);
    }

    @Test
    void devKeepsThirtyDays() {
        assertVersionedStateLifecycle(dev().get(LIFECYCLE, "state-bucket-lifecycle"), 30, 10);
    }

    @Test
    void theLifecycleWaitsForVersioning() {
        ResourceRecord lifecycle = prod().get(LIFECYCLE, "state-bucket-lifecycle");
        assertDependsOn(lifecycle, prod().get(VERSIONING, "state-bucket-versioning"));
    }

    @Test
    void theLifecycleAssertionBites() {
        ResourceRecord lifecycle = prod().get(LIFECYCLE, "state-bucket-lifecycle");
        List<?> rules = (List<?>) lifecycle.input("rules");
        assertThrows(AssertionError.class, () -> assertVersionedStateLifecycle(
                Records.withInput(lifecycle, "rules", rules.subList(1, rules.size())), 90, 10));
        assertThrows(AssertionError.class, () -> assertVersionedStateLifecycle(
                Records.withInput(lifecycle, "rules.0.noncurrentVersionExpiration.noncurrentDays", 1.0), 90, 10));
        assertThrows(AssertionError.class, () -> assertVersionedStateLifecycle(
                Records.withInput(lifecycle, "rules.1.expiration.days", 30.0), 90, 10));
        assertThrows(AssertionError.class, () -> assertVersionedStateLifecycle(
                Records.withInput(lifecycle, "rules.2.status", "Disabled"), 90, 10));
        assertThrows(AssertionError.class, () -> assertVersionedStateLifecycle(
                Records.withInput(lifecycle, "rules.2.filter.prefix", ".pulumi/"), 90, 10));
        assertThrows(AssertionError.class, () -> assertVersionedStateLifecycle(
                Records.withInput(lifecycle, "rules", rules.subList(0, 3)), 90, 10), "checkpoint copies kept forever");
        assertThrows(AssertionError.class, () -> assertVersionedStateLifecycle(
                Records.withInput(lifecycle, "rules.3.filter.prefix", ""), 90, 10), "the whole bucket expiring");
        assertThrows(AssertionError.class, () -> assertVersionedStateLifecycle(
                Records.withInput(lifecycle, "rules.3.noncurrentVersionExpiration", null), 90, 10),
                "expired copies' versions kept forever");
        assertThrows(AssertionError.class, () -> assertVersionedStateLifecycle(
                Records.withInput(lifecycle, "rules.3.noncurrentVersionExpiration.newerNoncurrentVersions", 10.0), 90,
                10), "expired copies' versions kept forever");
        assertThrows(AssertionError.class, () -> assertVersionedStateLifecycle(
                Records.withInput(lifecycle, "rules", rules.subList(0, 4)), 90, 10), "released locks kept forever");
        assertThrows(AssertionError.class, () -> assertVersionedStateLifecycle(
                Records.withInput(lifecycle, "rules.4.expiration", Map.of("days", 1.0)), 90, 10), "a held lock expiring");
        assertThrows(AssertionError.class, () -> assertDependsOn(Records.withoutDependencies(lifecycle),
                prod().get(VERSIONING, "state-bucket-versioning")));
    }
}
