package io.statebackend.aws;

import io.statebackend.settings.SettingsLoader;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.statebackend.testing.PlanAssertions.assertRejectedSetting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bad AWS input stops the program before it declares anything, with one line naming the key, the value and
 * what is expected.
 */
class AwsSettingsTest {

    private static final String NS = "state-backend:";

    private static void assertRejected(String stack, String key, String value, String reported) {
        Map<String, String> change = new HashMap<>();
        change.put(key, value);
        assertRejectedSetting(Stacks.runWith(stack, change), NS + key, reported);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not-an-arn",
            "arn:aws:iam::12345678901:role/pulumi",          // 11-digit account id
            "arn:aws:iam::1234567890123:role/pulumi",        // 13-digit account id
            "arn:aws:iam::12345678901a:role/pulumi",         // letter in account id
            "arn:aws:iam:eu-west-1:123456789012:role/pulumi", // IAM ARNs have no region
            "arn:aws:iam::123456789012:group/pulumi",        // groups cannot be principals
            "arn:aws:iam::123456789012:role/",               // no role name
            "arn:aws:iam::123456789012:role/ci/",            // path without name
            "arn:aws:iam::123456789012:role//pulumi",        // empty path segment
            "arn:aws:sts::123456789012:assumed-role/pulumi/session",
            "arn:aws-cn:iam::123456789012:role/pulumi",      // another partition than eu-west-1's
            "arn:aws:iam::123456789012:role/pulumi state"})
    void malformedPrincipalArnsAndAccountIdsAreRejected(String arn) {
        // Development takes the documentation's example account, so each row fails on its own flaw.
        assertRejected("dev", "awsStatePrincipalArns", "[\"" + arn + "\"]", arn);
    }

    @Test
    void anArnOfAnotherPartitionThanTheRegionsIsRejectedForUsersAndReaders() {
        String arn = "arn:aws-cn:iam::406918273541:role/pulumi";
        for (String key : List.of("awsStatePrincipalArns", "awsStateReaderPrincipalArns")) {
            String message = assertRejectedSetting(Stacks.runWith("prod", Map.of(key, "[\"" + arn + "\"]")), NS + key,
                    arn).getMessage();
            assertTrue(message.endsWith("expected an ARN in the aws partition, where state-backend:awsRegion"
                    + " (eu-west-1) is"), message);
        }
    }

    @Test
    void aBadArnIsNamedEvenAfterGoodOnes() {
        assertRejected("prod", "awsStatePrincipalArns",
                "[\"arn:aws:iam::123456789012:role/ok\",\"arn:aws:iam::123:role/bad\"]", "arn:aws:iam::123:role/bad");
    }

    @Test
    void readersAreCheckedAsPrincipalsAndMayNotAlsoBeStateUsers() {
        assertRejected("prod", "awsStateReaderPrincipalArns", "[\"arn:aws:iam::406918273541:group/readers\"]",
                "arn:aws:iam::406918273541:group/readers");
        assertRejected("prod", "awsStateReaderPrincipalArns", "[\"arn:aws:iam::123456789012:role/readers\"]",
                "arn:aws:iam::123456789012:role/readers");
        String user = Stacks.ownIdList("awsStatePrincipalArns").get(0);
        assertRejected("prod", "awsStateReaderPrincipalArns", "[\"" + user + "\"]", user);
        int name = user.lastIndexOf('/') + 1;
        String sameRole = user.substring(0, name) + user.substring(name).toUpperCase(java.util.Locale.ROOT);
        String message = assertRejectedSetting(Stacks.runWith("prod", Map.of("awsStateReaderPrincipalArns",
                "[\"" + sameRole + "\"]")), NS + "awsStateReaderPrincipalArns", sameRole).getMessage();
        assertTrue(message.contains("not in state-backend:awsStatePrincipalArns as well"), "one role in other letters: "
                + message);
        assertEquals(List.of("arn:aws:iam::123456789012:role/readers"), SettingsLoader.load(Stacks.withChanges(
                Stacks.file("dev"), Map.of("awsStateReaderPrincipalArns", "[\"arn:aws:iam::123456789012:role/readers\"]")))
                .aws().orElseThrow().access().stateReaderPrincipalArns(), "development takes examples");
    }

    @Test
    void aPrincipalListedTwiceIsRejected() {
        String user = Stacks.ownIdList("awsStatePrincipalArns").get(0);
        assertRejected("prod", "awsStatePrincipalArns", "[\"" + user + "\",\"" + user + "\"]", user);
        assertRejected("dev", "awsStateReaderPrincipalArns",
                "[\"arn:aws:iam::123456789012:role/readers\",\"arn:aws:iam::123456789012:role/Readers\"]",
                "arn:aws:iam::123456789012:role/Readers");
    }

    @Test
    void anEmptyPrincipalListIsRejectedInProduction() {
        assertRejected("prod", "awsStatePrincipalArns", "[]", "[]");
    }

    @ParameterizedTest
    @CsvSource({"awsRegion,eu-west-9", "awsRegion,EU-WEST-1", "awsRegion,westeurope", "awsReplicaRegion,mars-north-1",
            "awsReplicaRegion,eu-central"})
    void unknownRegionsAreRejected(String key, String region) {
        assertRejected("prod", key, region, region);
    }

    @Test
    void theReplicaMustBeInAnotherRegion() {
        assertRejected("prod", "awsReplicaRegion", "eu-west-1", "eu-west-1");
        assertRejected("dev", "awsReplicaRegion", "eu-west-1", "eu-west-1");
    }

    @Test
    void theReplicaMustBeInTheSamePartition() {
        assertRejected("prod", "awsReplicaRegion", "cn-north-1", "cn-north-1");
    }

    @Test
    void productionRequiresAReplica() {
        assertRejected("prod", "awsReplicaRegion", null, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ab",                                                        // too short
            "a2345678901234567890123456789012345678901234567890123456", // 56: no room for -replica
            "Pulumi-State",                                              // upper case
            "xn--pulumi-state",                                          // reserved prefix
            "sthree-pulumi", "amzn-s3-demo-pulumi",                      // reserved prefixes
            "pulumi-s3alias", "pulumi--ol-s3", "pulumi--x-s3", "pulumi--table-s3", // reserved suffixes
            "192.168.5.4",                                               // IP-address form
            "pulumi..state",                                             // two dots
            "pulumi.state",                                              // dots: no HTTPS in virtual-hosted style
            "-pulumi-state", "pulumi-state-",                            // must start and end with letter/digit
            "pulumi_state"})
    void bucketNamesBreakingS3RulesAreRejected(String name) {
        assertRejected("prod", "awsBucketName", name, name);
    }

    @Test
    void aBucketNameOfFiftyFiveCharactersIsAccepted() {
        String name = "a" + "b".repeat(54);
        assertTrue(Stacks.runWith("prod", Map.of("awsBucketName", name)).error().isEmpty());
        assertRejected("prod", "awsBucketName", name + "c", name + "c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "ABCD", "abcd-1", "abcdefghijklmn"})
    void badNameSuffixesAreRejected(String suffix) {
        assertRejected("prod", "awsNameSuffix", suffix, suffix);
    }

    @ParameterizedTest
    @CsvSource({
            "awsNoncurrentVersionRetentionDays,0", "awsNoncurrentVersionRetentionDays,366", "awsNoncurrentVersionRetentionDays,3651",
            "awsNoncurrentVersionRetentionDays,29", "awsNoncurrentVersionRetentionDays,ninety",
            "awsNewerNoncurrentVersions,0", "awsNewerNoncurrentVersions,101",
            "awsAccessLogRetentionDays,0", "awsAccessLogRetentionDays,3651", "awsAccessLogRetentionDays,30"})
    void retentionOutOfRangeIsRejected(String key, String value) {
        assertRejected("prod", key, value, value);
    }

    @Test
    void devMayKeepNoncurrentVersionsAndLogsShorterThanProduction() {
        assertTrue(Stacks.runWith("dev", Map.of("awsNoncurrentVersionRetentionDays", "7")).error().isEmpty());
        assertTrue(Stacks.runWith("dev", Map.of("awsAccessLogRetentionDays", "30")).error().isEmpty());
        assertRejected("dev", "awsNoncurrentVersionRetentionDays", "0", "0");
    }

    @Test
    void bothCloudsOffIsRejected() {
        assertRejectedSetting(Stacks.runWith("prod", Map.of("azureEnabled", "false", "awsEnabled", "false")),
                NS + "azureEnabled", "false");
    }

    @Test
    void aMisspelledAwsKeyIsRejected() {
        assertRejectedSetting(Stacks.runWith("prod", Map.of("awsReplicaRegoin", "eu-central-1")),
                NS + "awsReplicaRegoin", "eu-central-1");
    }
}
