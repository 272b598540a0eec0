package io.statebackend.aws;

import io.statebackend.iam.PolicyJson;
import io.statebackend.mockrun.ResourceRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.statebackend.aws.AwsPlan.IAM_POLICY;
import static io.statebackend.aws.AwsPlan.prod;
import static io.statebackend.iam.PolicyJson.assertStatement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Control 10: the least-privilege IAM policy for state users, declared and exported. */
class AccessTest {

    static void assertStateAccess(PolicyJson policy, String bucketArn, String bucketKey, String secretsKey) {
        assertEquals("2012-10-17", policy.version());
        assertEquals(List.of("ListState", "ReadWriteState", "UseBucketKeyThroughS3", "UseSecretsKey"), policy.sids());
        assertStatement(policy.statement("ListState"), "Allow", List.of("s3:ListBucket"), List.of(bucketArn));
        assertStatement(policy.statement("ReadWriteState"), "Allow",
                List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"), List.of(bucketArn + "/*"));
        List<String> keyActions = List.of("kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey");
        assertStatement(policy.statement("UseBucketKeyThroughS3"), "Allow", keyActions, List.of(bucketKey));
        assertEquals(Map.of("StringEquals", Map.of("kms:ViaService", List.of("s3.eu-west-1.amazonaws.com"))),
                PolicyJson.conditions(policy.statement("UseBucketKeyThroughS3")), "the bucket key only through S3");
        assertStatement(policy.statement("UseSecretsKey"), "Allow", keyActions, List.of(secretsKey));
        for (var statement : policy.statements()) {
            if (!statement.path("Sid").asText().equals("UseBucketKeyThroughS3")) {
                assertEquals(Map.of(), PolicyJson.conditions(statement));
            }
            assertTrue(statement.path("Principal").isMissingNode(), "an identity policy names no principal");
        }
    }

    @Test
    void stateUsersMayReadWriteAndDeleteStateAndUseTheTwoKeysOnly() {
        ResourceRecord policy = prod().get(IAM_POLICY, "state-access-policy");
        assertEquals("pulumi-state-access-prod", policy.input("name"));
        assertStateAccess(PolicyJson.of(policy, "policy"), AwsPlan.bucketArn("prod"),
                AwsPlan.keyArn(prod(), "state-key"), AwsPlan.keyArn(prod(), "secrets-key"));
    }

    @Test
    void theExportedPolicyIsTheDeclaredOne() {
        ResourceRecord policy = prod().get(IAM_POLICY, "state-access-policy");
        assertEquals(policy.input("policy"), prod().outputs().get("awsStateAccessPolicyJson"));
        assertEquals("arn:aws:iam::" + AwsPlan.ACCOUNT + ":policy/pulumi-state-access-prod",
                prod().outputs().get("awsStateAccessPolicyArn"));
    }

    @Test
    void theStateAccessAssertionBites() {
        String json = (String) prod().get(IAM_POLICY, "state-access-policy").input("policy");
        String bucket = AwsPlan.bucketArn("prod");
        String key = AwsPlan.keyArn(prod(), "state-key");
        String secrets = AwsPlan.keyArn(prod(), "secrets-key");
        assertThrows(AssertionError.class, () -> assertStateAccess(PolicyJson.parse(
                json.replace("\"s3:DeleteObject\"", "\"s3:DeleteObject\",\"s3:DeleteObjectVersion\"")), bucket, key, secrets));
        assertThrows(AssertionError.class, () -> assertStateAccess(PolicyJson.parse(
                json.replace(",\"s3:DeleteObject\"", "")), bucket, key, secrets));
        assertThrows(AssertionError.class, () -> assertStateAccess(PolicyJson.parse(
                json.replace("\"" + secrets + "\"", "\"*\"")), bucket, key, secrets));
        assertThrows(AssertionError.class, () -> assertStateAccess(PolicyJson.parse(
                json.replace("[\"" + bucket + "/*\"]", "[\"arn:aws:s3:::*\"]")), bucket, key, secrets));
        assertThrows(AssertionError.class, () -> assertStateAccess(PolicyJson.parse(
                json.replace(",\"Condition\":{\"StringEquals\":{\"kms:ViaService\":[\"s3.eu-west-1.amazonaws.com\"]}}", "")),
                bucket, key, secrets), "the bucket key usable outside S3");
    }
}
