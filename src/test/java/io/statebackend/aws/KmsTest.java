package io.statebackend.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.statebackend.iam.PolicyJson;
import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.testing.Records;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.statebackend.aws.AwsPlan.ACCOUNT;
import static io.statebackend.aws.AwsPlan.ALIAS;
import static io.statebackend.aws.AwsPlan.KEY;
import static io.statebackend.aws.AwsPlan.dev;
import static io.statebackend.aws.AwsPlan.prod;
import static io.statebackend.iam.PolicyJson.assertStatement;
import static io.statebackend.testing.PlanAssertions.assertNumber;
import static io.statebackend.testing.PlanAssertions.assertProtected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Control 1 (and the key half of 11): the store's KMS keys, their rotation (FSBP KMS.4) and key policies. */
class KmsTest {

    static final String ROOT = "arn:aws:iam::" + ACCOUNT + ":root";
    static final String STATE_USERS = Stacks.ownIdList("awsStatePrincipalArns").get(0);

    /** Rotation on, the 30-day deletion window, symmetric encrypt/decrypt, protected. */
    static void assertKeyControls(ResourceRecord key, boolean protect) {
        assertEquals(true, key.input("enableKeyRotation"), key.name() + ": KMS.4 rotation");
        assertNumber(30, key.input("deletionWindowInDays"), key.name() + ": deletion window");
        assertEquals("SYMMETRIC_DEFAULT", key.input("customerMasterKeySpec"), key.name());
        assertEquals("ENCRYPT_DECRYPT", key.input("keyUsage"), key.name());
        assertEquals(protect, key.protect(), key.name() + " protect");
    }

    /**
     * The key policy, statement by statement: the account root keeps kms:* (so IAM policies work and the key cannot
     * lock its owners out), the state principals get exactly the four usage actions (through S3 in {@code region}
     * for a bucket key), and nothing else is in it.
     */
    static void assertKeyPolicy(ResourceRecord key, List<String> principals, Optional<String> viaS3Region) {
        PolicyJson policy = PolicyJson.of(key, "policy");
        assertEquals("2012-10-17", policy.version());
        policy.assertNoAllowToEveryone();
        JsonNode admin = policy.statement("EnableAccountAdministration");
        assertStatement(admin, "Allow", List.of("kms:*"), List.of("*"));
        assertEquals(List.of(ROOT), PolicyJson.principals(admin, "AWS"));
        assertEquals(Map.of(), PolicyJson.conditions(admin));
        if (principals.isEmpty()) {
            assertEquals(List.of("EnableAccountAdministration"), policy.sids());
            return;
        }
        assertEquals(List.of("EnableAccountAdministration", "AllowStatePrincipalsToUseKey"), policy.sids());
        JsonNode use = policy.statement("AllowStatePrincipalsToUseKey");
        assertStatement(use, "Allow", List.of("kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey",
                "kms:DescribeKey"), List.of("*"));
        assertEquals(principals, PolicyJson.principals(use, "AWS"));
        assertEquals(viaS3Region.map(r -> Map.of("StringEquals", Map.of("kms:ViaService", List.of("s3." + r + ".amazonaws.com"))))
                .orElse(Map.of()), PolicyJson.conditions(use));
    }

    @Test
    void theStateBucketKeyRotatesAndLetsOnlyTheStatePrincipalsUseItThroughS3() {
        ResourceRecord key = prod().get(KEY, "state-key");
        assertKeyControls(key, true);
        assertKeyPolicy(key, List.of(STATE_USERS), Optional.of("eu-west-1"));
    }

    /** The alias has the stack's name, is protected, and takes its target from {@code key}. */
    static void assertAliasOf(ResourceRecord alias, String name, ResourceRecord key) {
        assertEquals(name, alias.input("name"));
        assertProtected(alias);
        assertTrue(alias.waitsFor().contains(key.key()), alias.key() + " must take its target from " + key.key()
                + "; it waits for " + alias.waitsFor());
    }

    @Test
    void theStateKeyHasAnAliasNamedAfterTheStack() {
        assertAliasOf(prod().get(ALIAS, "state-key-alias"), "alias/pulumi-state-prod", prod().get(KEY, "state-key"));
        assertEquals(AwsPlan.keyArn(prod(), "state-key"), prod().outputs().get("awsKmsKeyArn"));
    }

    @Test
    void theAliasAssertionBites() {
        ResourceRecord alias = prod().get(ALIAS, "state-key-alias");
        ResourceRecord key = prod().get(KEY, "state-key");
        assertThrows(AssertionError.class, () -> assertAliasOf(Records.withInput(alias, "name", "alias/pulumi-state-dev"),
                "alias/pulumi-state-prod", key));
        assertThrows(AssertionError.class, () -> assertAliasOf(Records.unprotected(alias), "alias/pulumi-state-prod", key));
        assertThrows(AssertionError.class, () -> assertAliasOf(alias, "alias/pulumi-state-prod",
                prod().get(KEY, "secrets-key")), "the alias of another key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"state-key", "secrets-key", "replica-key"})
    void everyKeyOfTheProdStackHasTheSameControls(String name) {
        assertKeyControls(prod().get(KEY, name), true);
    }

    @Test
    void withoutStatePrincipalsOnlyTheAccountCanUseTheKeys() {
        ResourceRecord key = dev().get(KEY, "state-key");
        assertKeyControls(key, false);
        assertKeyPolicy(key, List.of(), Optional.of("eu-west-1"));
    }

    @Test
    void theKeyAssertionsBite() {
        ResourceRecord key = prod().get(KEY, "state-key");
        assertThrows(AssertionError.class, () -> assertKeyControls(Records.withInput(key, "enableKeyRotation", false), true));
        assertThrows(AssertionError.class, () -> assertKeyControls(Records.withInput(key, "enableKeyRotation", null), true));
        assertThrows(AssertionError.class, () -> assertKeyControls(Records.withInput(key, "deletionWindowInDays", 7.0), true));
        assertThrows(AssertionError.class, () -> assertKeyControls(Records.unprotected(key), true));
    }

    @Test
    void theKeyPolicyAssertionBitesOnAWiderGrant() {
        ResourceRecord key = prod().get(KEY, "state-key");
        String policy = (String) key.input("policy");
        assertThrows(AssertionError.class, () -> assertKeyPolicy(Records.withInput(key, "policy",
                policy.replace("\"kms:DescribeKey\"", "\"kms:DescribeKey\",\"kms:CreateGrant\"")),
                List.of(STATE_USERS), Optional.of("eu-west-1")));
        assertThrows(AssertionError.class, () -> assertKeyPolicy(Records.withInput(key, "policy",
                policy.replace(STATE_USERS, "*")), List.of(STATE_USERS), Optional.of("eu-west-1")));
        assertThrows(AssertionError.class, () -> assertKeyPolicy(Records.withInput(key, "policy",
                policy.replace(",\"Condition\":{\"StringEquals\":{\"kms:ViaService\":[\"s3.eu-west-1.amazonaws.com\"]}}", "")),
                List.of(STATE_USERS), Optional.of("eu-west-1")));
        assertThrows(AssertionError.class, () -> assertKeyPolicy(Records.withInput(key, "policy",
                policy.replace(ROOT, "arn:aws:iam::" + ACCOUNT + ":role/admin")), List.of(STATE_USERS), Optional.of("eu-west-1")));
    }

    @Test
    void keyPoliciesUseThePartitionAndAccountTheyAreGiven() {
        String json = Kms.keyPolicy("aws-cn", "210987654321", List.of(), List.of(), Optional.empty()).toJson();
        assertEquals(List.of("arn:aws-cn:iam::210987654321:root"),
                PolicyJson.principals(PolicyJson.parse(json).statement("EnableAccountAdministration"), "AWS"));
    }
}
