package io.statebackend.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.statebackend.iam.PolicyJson;
import io.statebackend.iam.PolicySimulator;
import io.statebackend.iam.PolicySimulator.Request;
import io.statebackend.mockrun.PlanResult;
import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.statebackend.aws.AwsPlan.BUCKET_POLICY;
import static io.statebackend.aws.AwsPlan.IAM_POLICY;
import static io.statebackend.aws.AwsPlan.KEY;
import static io.statebackend.iam.PolicyJson.assertStatement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * State readers (previews, drift checks, auditors): list and get on the state bucket and decrypt with its keys, in the
 * bucket and key policies for the configured principals and in an exported read-only policy; nothing that writes.
 */
class StateReadersTest {

    static final String READER = "arn:aws:iam::406918273541:role/pulumi-state-readers";
    static final PlanResult WITH_READER = AwsPlan.succeeded(Stacks.runWith("prod",
            Map.of("awsStateReaderPrincipalArns", "[\"" + READER + "\"]")));
    static final String BUCKET = AwsPlan.bucketArn("prod");
    static final Map<String, String> TLS = Map.of("aws:SecureTransport", "true");

    static PolicyJson bucketPolicy(PlanResult run) {
        return PolicyJson.of(run.get(BUCKET_POLICY, "state-bucket-policy"), "policy");
    }

    static PolicyJson keyPolicy(PlanResult run, String key) {
        return PolicyJson.of(run.get(KEY, key), "policy");
    }

    /** The read-only policy: list, get, and decrypt with the two keys (the bucket key only through S3). */
    static void assertStateRead(PolicyJson policy, String bucketKey, String secretsKey) {
        assertEquals(List.of("ListState", "ReadState", "DecryptWithBucketKeyThroughS3", "DecryptWithSecretsKey"),
                policy.sids());
        assertStatement(policy.statement("ListState"), "Allow", List.of("s3:ListBucket"), List.of(BUCKET));
        assertStatement(policy.statement("ReadState"), "Allow", List.of("s3:GetObject"), List.of(BUCKET + "/*"));
        assertStatement(policy.statement("DecryptWithBucketKeyThroughS3"), "Allow", List.of("kms:Decrypt"),
                List.of(bucketKey));
        assertEquals(Map.of("StringEquals", Map.of("kms:ViaService", List.of("s3.eu-west-1.amazonaws.com"))),
                PolicyJson.conditions(policy.statement("DecryptWithBucketKeyThroughS3")));
        assertStatement(policy.statement("DecryptWithSecretsKey"), "Allow", List.of("kms:Decrypt"), List.of(secretsKey));
    }

    @Test
    void theExportedReadPolicyReadsAndDecryptsOnly() {
        ResourceRecord policy = AwsPlan.prod().get(IAM_POLICY, "state-read-policy");
        assertEquals("pulumi-state-read-prod", policy.input("name"));
        assertStateRead(PolicyJson.of(policy, "policy"), AwsPlan.keyArn(AwsPlan.prod(), "state-key"),
                AwsPlan.keyArn(AwsPlan.prod(), "secrets-key"));
        assertEquals(policy.input("policy"), AwsPlan.prod().outputs().get("awsStateReadPolicyJson"));
        assertEquals("arn:aws:iam::" + AwsPlan.ACCOUNT + ":policy/pulumi-state-read-prod",
                AwsPlan.prod().outputs().get("awsStateReadPolicyArn"));
    }

    @Test
    void theReadPolicyAssertionBitesOnAnyWrite() {
        String json = (String) AwsPlan.prod().get(IAM_POLICY, "state-read-policy").input("policy");
        String key = AwsPlan.keyArn(AwsPlan.prod(), "state-key");
        String secrets = AwsPlan.keyArn(AwsPlan.prod(), "secrets-key");
        assertThrows(AssertionError.class, () -> assertStateRead(PolicyJson.parse(
                json.replace("[\"s3:GetObject\"]", "[\"s3:GetObject\",\"s3:PutObject\"]")), key, secrets));
        assertThrows(AssertionError.class, () -> assertStateRead(PolicyJson.parse(
                json.replace("[\"kms:Decrypt\"]", "[\"kms:Decrypt\",\"kms:Encrypt\"]")), key, secrets));
    }

    @Test
    void aConfiguredReaderMayListAndGetStateButNeitherWriteNorDelete() {
        PolicyJson policy = bucketPolicy(WITH_READER);
        JsonNode list = policy.statement("AllowStateReadersToListState");
        assertStatement(list, "Allow", List.of("s3:ListBucket"), List.of(BUCKET));
        assertEquals(List.of(READER), PolicyJson.principals(list, "AWS"));
        JsonNode read = policy.statement("AllowStateReadersToReadState");
        assertStatement(read, "Allow", List.of("s3:GetObject"), List.of(BUCKET + "/*"));
        assertEquals(List.of(READER), PolicyJson.principals(read, "AWS"));

        String checkpoint = BUCKET + "/.pulumi/stacks/web/prod.json";
        assertTrue(PolicySimulator.allows(policy, new Request(READER, "s3:GetObject", checkpoint, TLS)));
        assertTrue(PolicySimulator.allows(policy, new Request(READER, "s3:ListBucket", BUCKET, TLS)));
        assertFalse(PolicySimulator.allows(policy, new Request(READER, "s3:PutObject", checkpoint, TLS)));
        assertFalse(PolicySimulator.allows(policy, new Request(READER, "s3:DeleteObject", checkpoint, TLS)));
    }

    @Test
    void aConfiguredReaderMayDecryptWithTheKeysButNotEncrypt() {
        JsonNode bucketKey = keyPolicy(WITH_READER, "state-key").statement("AllowStateReadersToDecrypt");
        assertStatement(bucketKey, "Allow", List.of("kms:Decrypt"), List.of("*"));
        assertEquals(List.of(READER), PolicyJson.principals(bucketKey, "AWS"));
        assertEquals(Map.of("StringEquals", Map.of("kms:ViaService", List.of("s3.eu-west-1.amazonaws.com"))),
                PolicyJson.conditions(bucketKey), "the bucket key only through S3");
        JsonNode secretsKey = keyPolicy(WITH_READER, "secrets-key").statement("AllowStateReadersToDecrypt");
        assertStatement(secretsKey, "Allow", List.of("kms:Decrypt"), List.of("*"));
        assertEquals(Map.of(), PolicyJson.conditions(secretsKey), "the CLI calls the secrets key directly");
        assertFalse(PolicySimulator.allows(keyPolicy(WITH_READER, "secrets-key"),
                new Request(READER, "kms:Encrypt", "*", Map.of())));
    }

    @Test
    void withoutReadersNoPolicyNamesOne() {
        PlanResult prod = AwsPlan.prod();
        assertFalse(bucketPolicy(prod).sids().stream().anyMatch(sid -> sid.contains("Readers")));
        assertFalse(keyPolicy(prod, "secrets-key").sids().contains("AllowStateReadersToDecrypt"));
        assertTrue(bucketPolicy(WITH_READER).sids().contains("AllowStateReadersToReadState"));
    }
}
