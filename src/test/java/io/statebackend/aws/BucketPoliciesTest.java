package io.statebackend.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.statebackend.iam.PolicyJson;
import io.statebackend.iam.PolicySimulator;
import io.statebackend.iam.PolicySimulator.Request;
import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.testing.Records;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.statebackend.aws.AwsPlan.BUCKET_POLICY;
import static io.statebackend.aws.AwsPlan.PUBLIC_ACCESS_BLOCK;
import static io.statebackend.aws.AwsPlan.dev;
import static io.statebackend.aws.AwsPlan.prod;
import static io.statebackend.iam.PolicyJson.assertStatement;
import static io.statebackend.testing.PlanAssertions.assertDependsOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Control 6: the state bucket's policy (FSBP S3.5 TLS only, S3.6 exact allow list) and its ordering. */
class BucketPoliciesTest {

    static final String USERS = KmsTest.STATE_USERS;
    static final String SSE = "s3:x-amz-server-side-encryption";
    static final String KEY_ID = "s3:x-amz-server-side-encryption-aws-kms-key-id";

    private static final String BUCKET = AwsPlan.bucketArn("prod");
    private static final String OBJECT = BUCKET + "/.pulumi/stacks/state-backend/prod.json";

    static PolicyJson statePolicy() {
        return PolicyJson.of(prod().get(BUCKET_POLICY, "state-bucket-policy"), "policy");
    }

    static String stateKey() {
        return AwsPlan.keyArn(prod(), "state-key");
    }

    /** FSBP S3.5: every action, on the bucket and its objects, refused without TLS. */
    static void assertTlsOnly(PolicyJson policy, String bucketArn) {
        JsonNode deny = policy.statement("DenyInsecureTransport");
        assertStatement(deny, "Deny", List.of("s3:*"), List.of(bucketArn, bucketArn + "/*"));
        assertEquals(List.of("*"), PolicyJson.principals(deny, "AWS"));
        assertEquals(Map.of("Bool", Map.of("aws:SecureTransport", List.of("false"))), PolicyJson.conditions(deny));
    }

    /** A guard that denies a header's wrong value only when the header was sent (IfExists, behind Null: false). */
    static void assertGuard(JsonNode guard, String header, String allowedValue) {
        assertStatement(guard, "Deny", List.of("s3:PutObject"), List.of(BUCKET + "/*"));
        assertEquals(List.of("*"), PolicyJson.principals(guard, "AWS"));
        assertEquals(Map.of("Null", Map.of(header, List.of("false")),
                        "StringNotEqualsIfExists", Map.of(header, List.of(allowedValue))),
                PolicyJson.conditions(guard));
    }

    static void assertStatePolicy(PolicyJson policy, String keyArn) {
        assertEquals("2012-10-17", policy.version());
        assertEquals(List.of("DenyInsecureTransport", "DenyUploadsNamingAnotherKmsKey",
                "DenyUploadsNamingAnotherEncryption", "DenyKmsUploadsWithoutThisKey", "AllowStatePrincipalsToListState",
                "AllowStatePrincipalsToReadWriteState"), policy.sids());
        policy.assertNoAllowToEveryone();
        assertTlsOnly(policy, BUCKET);
        assertGuard(policy.statement("DenyUploadsNamingAnotherKmsKey"), KEY_ID, keyArn);
        assertGuard(policy.statement("DenyUploadsNamingAnotherEncryption"), SSE, "aws:kms");
        JsonNode noKeyId = policy.statement("DenyKmsUploadsWithoutThisKey");
        assertStatement(noKeyId, "Deny", List.of("s3:PutObject"), List.of(BUCKET + "/*"));
        assertEquals(Map.of("Null", Map.of(SSE, List.of("false"), KEY_ID, List.of("true"))), PolicyJson.conditions(noKeyId));

        JsonNode list = policy.statement("AllowStatePrincipalsToListState");
        assertStatement(list, "Allow", List.of("s3:ListBucket"), List.of(BUCKET));
        assertEquals(List.of(USERS), PolicyJson.principals(list, "AWS"));
        assertEquals(Map.of(), PolicyJson.conditions(list));
        JsonNode readWrite = policy.statement("AllowStatePrincipalsToReadWriteState");
        assertStatement(readWrite, "Allow", List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"), List.of(BUCKET + "/*"));
        assertEquals(List.of(USERS), PolicyJson.principals(readWrite, "AWS"));
        assertEquals(Map.of(), PolicyJson.conditions(readWrite));
    }

    private static Request put(Map<String, String> headers) {
        Map<String, String> context = new HashMap<>(headers);
        context.put("aws:SecureTransport", "true");
        return new Request(USERS, "s3:PutObject", OBJECT, context);
    }

    @Test
    void everyStatementOfTheStatePolicyIsExactlyAsIntended() {
        assertStatePolicy(statePolicy(), stateKey());
    }

    @Test
    void thePolicyIsAppliedToTheStateBucketOnlyAfterItsPublicAccessBlock() {
        ResourceRecord policy = prod().get(BUCKET_POLICY, "state-bucket-policy");
        assertEquals(AwsPlan.bucketName("prod"), policy.input("bucket"));
        assertDependsOn(policy, prod().get(PUBLIC_ACCESS_BLOCK, "state-bucket-public-access-block"));
        assertThrows(AssertionError.class, () -> assertDependsOn(Records.withoutDependencies(policy),
                prod().get(PUBLIC_ACCESS_BLOCK, "state-bucket-public-access-block")));
    }

    @Test
    void whatThePulumiCliDoesIsAllowed() {
        PolicyJson policy = statePolicy();
        assertTrue(PolicySimulator.allows(policy, put(Map.of())), "an upload without encryption headers (#9341)");
        assertTrue(PolicySimulator.allows(policy, new Request(USERS, "s3:GetObject", OBJECT, Map.of("aws:SecureTransport", "true"))));
        assertTrue(PolicySimulator.allows(policy, new Request(USERS, "s3:DeleteObject",
                BUCKET + "/.pulumi/locks/organization/state-backend/prod/1.json", Map.of("aws:SecureTransport", "true"))));
        assertTrue(PolicySimulator.allows(policy, new Request(USERS, "s3:ListBucket", BUCKET, Map.of("aws:SecureTransport", "true"))));
        assertTrue(PolicySimulator.allows(policy, put(Map.of(SSE, "aws:kms", KEY_ID, stateKey()))),
                "an upload naming this bucket's key");
    }

    @Test
    void explicitEncryptionOtherThanThisKeyIsDenied() {
        PolicyJson policy = statePolicy();
        assertTrue(PolicySimulator.denies(policy, put(Map.of(SSE, "aws:kms", KEY_ID, "arn:aws:kms:eu-west-1:999999999999:key/x"))));
        assertTrue(PolicySimulator.denies(policy, put(Map.of(SSE, "AES256"))));
        assertTrue(PolicySimulator.denies(policy, put(Map.of(SSE, "aws:kms:dsse", KEY_ID, stateKey()))));
        assertTrue(PolicySimulator.denies(policy, put(Map.of(SSE, "aws:kms"))), "aws:kms alone means the aws/s3 key");
        assertTrue(PolicySimulator.denies(policy, put(Map.of(KEY_ID, "arn:aws:kms:eu-west-1:999999999999:key/x"))));
    }

    @Test
    void requestsWithoutTlsAreDeniedEvenToStatePrincipals() {
        PolicyJson policy = statePolicy();
        for (String action : List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject")) {
            assertTrue(PolicySimulator.denies(policy, new Request(USERS, action, OBJECT, Map.of("aws:SecureTransport", "false"))));
        }
        assertTrue(PolicySimulator.denies(policy, new Request(USERS, "s3:ListBucket", BUCKET, Map.of("aws:SecureTransport", "false"))));
    }

    @Test
    void nobodyElseIsAllowedAnything() {
        PolicyJson policy = statePolicy();
        String stranger = "arn:aws:iam::999999999999:root";
        for (String action : List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:PutObjectAcl")) {
            assertFalse(PolicySimulator.allows(policy, new Request(stranger, action, OBJECT, Map.of("aws:SecureTransport", "true"))));
        }
        for (String action : List.of("s3:PutBucketPolicy", "s3:DeleteBucket", "s3:PutBucketAcl", "s3:GetObjectVersion")) {
            assertFalse(PolicySimulator.allows(policy, new Request(USERS, action, BUCKET, Map.of("aws:SecureTransport", "true"))),
                    "state principals get no " + action);
        }
    }

    @Test
    void anIfExistsGuardWithoutItsPresenceCheckWouldRequireTheHeader() {
        PolicyJson policy = statePolicy();
        String withoutNullGuards = policy.document().toString()
                .replace("\"Null\":{\"" + KEY_ID + "\":[\"false\"]},", "")
                .replace("\"Null\":{\"" + SSE + "\":[\"false\"]},", "");
        PolicyJson ifExistsOnly = PolicyJson.parse(withoutNullGuards);
        assertTrue(PolicySimulator.denies(ifExistsOnly, put(Map.of())),
                "IfExists alone is true for an absent key: the CLI's header-less upload would be refused");
        assertThrows(AssertionError.class, () -> assertStatePolicy(ifExistsOnly, stateKey()));
    }

    @Test
    void theStatePolicyAssertionBites() {
        String json = statePolicy().document().toString();
        assertThrows(AssertionError.class, () -> assertStatePolicy(PolicyJson.parse(
                json.replace("\"s3:DeleteObject\"]", "\"s3:DeleteObject\",\"s3:PutObjectAcl\"]")), stateKey()));
        assertThrows(AssertionError.class, () -> assertStatePolicy(PolicyJson.parse(
                json.replace("{\"AWS\":[\"" + USERS + "\"]}", "\"*\"")), stateKey()));
        assertThrows(AssertionError.class, () -> assertStatePolicy(PolicyJson.parse(
                json.replace("\"aws:SecureTransport\":[\"false\"]", "\"aws:SecureTransport\":[\"true\"]")), stateKey()));
        assertThrows(AssertionError.class, () -> assertStatePolicy(PolicyJson.parse(
                json.replace("StringNotEqualsIfExists", "StringNotEquals")), stateKey()));
    }

    @Test
    void withoutStatePrincipalsThePolicyOnlyGuards() {
        PolicyJson policy = PolicyJson.of(dev().get(BUCKET_POLICY, "state-bucket-policy"), "policy");
        assertEquals(List.of("DenyInsecureTransport", "DenyUploadsNamingAnotherKmsKey",
                "DenyUploadsNamingAnotherEncryption", "DenyKmsUploadsWithoutThisKey"), policy.sids());
        assertTlsOnly(policy, AwsPlan.bucketArn("dev"));
    }
}
