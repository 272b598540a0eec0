package io.statebackend.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.statebackend.iam.PolicyJson;
import io.statebackend.iam.PolicySimulator;
import io.statebackend.iam.PolicySimulator.Request;
import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.testing.Records;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.statebackend.aws.AwsPlan.ACCOUNT;
import static io.statebackend.aws.AwsPlan.BUCKET;
import static io.statebackend.aws.AwsPlan.BUCKET_POLICY;
import static io.statebackend.aws.AwsPlan.ENCRYPTION;
import static io.statebackend.aws.AwsPlan.LIFECYCLE;
import static io.statebackend.aws.AwsPlan.LOGGING;
import static io.statebackend.aws.AwsPlan.OWNERSHIP;
import static io.statebackend.aws.AwsPlan.PUBLIC_ACCESS_BLOCK;
import static io.statebackend.aws.AwsPlan.VERSIONING;
import static io.statebackend.aws.AwsPlan.dev;
import static io.statebackend.aws.AwsPlan.prod;
import static io.statebackend.iam.PolicyJson.assertStatement;
import static io.statebackend.testing.PlanAssertions.assertDependsOn;
import static io.statebackend.testing.PlanAssertions.assertNumber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Control 8 (FSBP S3.9): server access logs of the state bucket in a private, TLS-only, expiring log bucket. */
class LoggingTest {

    private static final String LOG_BUCKET = AwsPlan.bucketName("prod") + "-logs";
    private static final String LOG_ARN = "arn:aws:s3:::" + LOG_BUCKET;

    static void assertSseS3(ResourceRecord encryption) {
        assertEquals("AES256", encryption.input("rules.0.applyServerSideEncryptionByDefault.sseAlgorithm"));
        assertNull(encryption.input("rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId"));
    }

    /** Only the S3 logging service, only under the prefix, only for the state bucket of this account. */
    static void assertLogDeliveryStatement(PolicyJson policy, String logArn, String sourceArn) {
        JsonNode delivery = policy.statement("AllowServerAccessLogDelivery");
        assertStatement(delivery, "Allow", List.of("s3:PutObject"), List.of(logArn + "/state-bucket/*"));
        assertEquals(List.of("logging.s3.amazonaws.com"), PolicyJson.principals(delivery, "Service"));
        assertEquals(List.of(), PolicyJson.principals(delivery, "AWS"));
        assertEquals(Map.of("ArnEquals", Map.of("aws:SourceArn", List.of(sourceArn)),
                "StringEquals", Map.of("aws:SourceAccount", List.of(ACCOUNT))), PolicyJson.conditions(delivery));
    }

    /** The state bucket's access logs go to its log bucket, under a prefix, once the log bucket lets them in. */
    static void assertAccessLogged(ResourceRecord logging, ResourceRecord logBucketPolicy) {
        assertEquals(AwsPlan.bucketName("prod"), logging.input("bucket"));
        assertEquals(LOG_BUCKET, logging.input("targetBucket"));
        assertEquals("state-bucket/", logging.input("targetPrefix"));
        assertNull(logging.input("targetGrants"), "no ACL grants: the bucket owner enforces ownership");
        assertDependsOn(logging, logBucketPolicy);
    }

    @Test
    void theStateBucketLogsToItsOwnLogBucketUnderAPrefix() {
        assertAccessLogged(prod().get(LOGGING, "state-bucket-access-logging"),
                prod().get(BUCKET_POLICY, "access-log-bucket-policy"));
    }

    @Test
    void theAccessLoggingAssertionBites() {
        ResourceRecord logging = prod().get(LOGGING, "state-bucket-access-logging");
        ResourceRecord policy = prod().get(BUCKET_POLICY, "access-log-bucket-policy");
        assertThrows(AssertionError.class, () -> assertAccessLogged(Records.withInput(logging, "bucket", LOG_BUCKET),
                policy), "the log bucket's logs instead of the state bucket's");
        assertThrows(AssertionError.class, () -> assertAccessLogged(Records.withInput(logging, "targetBucket",
                AwsPlan.bucketName("prod")), policy), "the state bucket logging into itself");
        assertThrows(AssertionError.class, () -> assertAccessLogged(Records.withInput(logging, "targetPrefix", ""),
                policy), "no prefix");
        assertThrows(AssertionError.class, () -> assertAccessLogged(Records.withInput(logging, "targetGrants",
                List.of(Map.of("permission", "READ"))), policy), "an ACL grant");
        assertThrows(AssertionError.class, () -> assertAccessLogged(Records.withoutDependencies(logging), policy),
                "logging set up before the log bucket admits the service");
    }

    @Test
    void theLogBucketIsPrivateVersionedAclFreeAndNeverForceDestroyed() {
        ResourceRecord bucket = prod().get(BUCKET, "access-log-bucket");
        assertEquals(LOG_BUCKET, bucket.input("bucket"));
        HardenedBucketTest.assertNeverForceDestroyed(bucket);
        HardenedBucketTest.assertPublicAccessBlocked(prod().get(PUBLIC_ACCESS_BLOCK, "access-log-bucket-public-access-block"));
        HardenedBucketTest.assertAclsDisabled(prod().get(OWNERSHIP, "access-log-bucket-ownership"));
        HardenedBucketTest.assertVersioningEnabled(prod().get(VERSIONING, "access-log-bucket-versioning"));
        for (String sub : List.of("access-log-bucket-public-access-block", "access-log-bucket-ownership")) {
            HardenedBucketTest.assertAppliesTo(prod().resources().stream().filter(r -> r.name().equals(sub)).findFirst()
                    .orElseThrow(), LOG_BUCKET);
        }
    }

    @Test
    void theLogBucketUsesSseS3BecauseServerAccessLoggingSupportsNoOtherDefault() {
        ResourceRecord encryption = prod().get(ENCRYPTION, "access-log-bucket-encryption");
        assertSseS3(encryption);
        assertThrows(AssertionError.class, () -> assertSseS3(Records.withInput(encryption,
                "rules.0.applyServerSideEncryptionByDefault.sseAlgorithm", "aws:kms")));
    }

    @Test
    void theLogBucketPolicyIsTlsOnlyAndAdmitsOnlyTheLoggingServiceForTheStateBucket() {
        PolicyJson policy = PolicyJson.of(prod().get(BUCKET_POLICY, "access-log-bucket-policy"), "policy");
        assertEquals(List.of("DenyInsecureTransport", "AllowServerAccessLogDelivery"), policy.sids());
        policy.assertNoAllowToEveryone();
        BucketPoliciesTest.assertTlsOnly(policy, LOG_ARN);
        assertLogDeliveryStatement(policy, LOG_ARN, AwsPlan.bucketArn("prod"));
        assertDependsOn(prod().get(BUCKET_POLICY, "access-log-bucket-policy"),
                prod().get(PUBLIC_ACCESS_BLOCK, "access-log-bucket-public-access-block"));

        Map<String, String> fromStateBucket = Map.of("aws:SecureTransport", "true",
                "aws:SourceArn", AwsPlan.bucketArn("prod"), "aws:SourceAccount", ACCOUNT);
        String logObject = LOG_ARN + "/state-bucket/2025-01-01-00-00-00-0123456789ABCDEF";
        assertTrue(PolicySimulator.allows(policy, new Request("logging.s3.amazonaws.com", "s3:PutObject", logObject, fromStateBucket)));
        assertFalse(PolicySimulator.allows(policy, new Request("logging.s3.amazonaws.com", "s3:PutObject", logObject,
                Map.of("aws:SecureTransport", "true", "aws:SourceArn", "arn:aws:s3:::someone-elses-bucket",
                        "aws:SourceAccount", "999999999999"))), "no other bucket's logs");
        assertFalse(PolicySimulator.allows(policy, new Request("logging.s3.amazonaws.com", "s3:PutObject",
                LOG_ARN + "/elsewhere/x", fromStateBucket)), "only under the prefix");
    }

    @Test
    void theLogDeliveryAssertionBites() {
        String json = PolicyJson.of(prod().get(BUCKET_POLICY, "access-log-bucket-policy"), "policy").document().toString();
        String source = AwsPlan.bucketArn("prod");
        assertThrows(AssertionError.class, () -> assertLogDeliveryStatement(PolicyJson.parse(
                json.replace(",\"StringEquals\":{\"aws:SourceAccount\":[\"" + ACCOUNT + "\"]}", "")), LOG_ARN, source));
        assertThrows(AssertionError.class, () -> assertLogDeliveryStatement(PolicyJson.parse(
                json.replace("\"ArnEquals\":{\"aws:SourceArn\":[\"" + source + "\"]},", "")), LOG_ARN, source));
        assertThrows(AssertionError.class, () -> assertLogDeliveryStatement(PolicyJson.parse(
                json.replace("/state-bucket/*", "/*")), LOG_ARN, source));
    }

    @Test
    void logsExpireAfterTheRetentionSetting() {
        assertLogRetention(prod().get(LIFECYCLE, "access-log-bucket-lifecycle"), 365);
        assertLogRetention(dev().get(LIFECYCLE, "access-log-bucket-lifecycle"), 30);
        assertDependsOn(prod().get(LIFECYCLE, "access-log-bucket-lifecycle"), prod().get(VERSIONING, "access-log-bucket-versioning"));
    }

    static void assertLogRetention(ResourceRecord lifecycle, int days) {
        assertNumber(days, LifecycleTest.rule(lifecycle, "expire-access-logs").input("rules.0.expiration.days"), "log retention");
        assertNumber(30, LifecycleTest.rule(lifecycle, "expire-noncurrent-versions")
                .input("rules.0.noncurrentVersionExpiration.noncurrentDays"), "deleted logs stay recoverable");
        LifecycleTest.rule(lifecycle, "remove-expired-delete-markers");
        LifecycleTest.rule(lifecycle, "abort-incomplete-multipart-uploads");
    }

    @Test
    void theLogRetentionAssertionBites() {
        ResourceRecord lifecycle = prod().get(LIFECYCLE, "access-log-bucket-lifecycle");
        assertThrows(AssertionError.class, () -> assertLogRetention(lifecycle, 30));
        assertThrows(AssertionError.class, () -> assertLogRetention(Records.withInput(lifecycle, "rules.0.id", "other"), 365));
    }
}
