package io.statebackend.aws;

import io.statebackend.mockrun.PlanResult;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.statebackend.aws.AwsPlan.succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stack outputs another stack logs in with, with AWS alone, Azure alone and both. */
class AwsOutputsTest {

    static final List<String> AZURE_OUTPUTS = List.of("azureBackendUrl", "azureSecretsProvider", "azureLoginCommand",
            "azureStorageAccountId", "azureStorageAccountName", "azureBlobEndpoint", "azureContainerName",
            "azureKeyVaultUri");

    /** Every AWS output of the prod stack, exactly. */
    static Map<String, Object> prodAwsOutputs(PlanResult result) {
        String bucket = AwsPlan.bucketName("prod");
        String url = "s3://" + bucket + "?region=eu-west-1&awssdk=v2";
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("awsBackendUrl", url);
        expected.put("awsSecretsProvider", "awskms://alias/pulumi-secrets-prod?region=eu-west-1");
        expected.put("awsLoginCommand", "pulumi login '" + url + "'");
        expected.put("awsBucketName", bucket);
        expected.put("awsBucketArn", "arn:aws:s3:::" + bucket);
        expected.put("awsKmsKeyArn", AwsPlan.keyArn(result, "state-key"));
        expected.put("awsStateAccessPolicyArn", "arn:aws:iam::" + AwsPlan.ACCOUNT + ":policy/pulumi-state-access-prod");
        expected.put("awsStateAccessPolicyJson", result.get(AwsPlan.IAM_POLICY, "state-access-policy").input("policy"));
        expected.put("awsStateReadPolicyArn", "arn:aws:iam::" + AwsPlan.ACCOUNT + ":policy/pulumi-state-read-prod");
        expected.put("awsStateReadPolicyJson", result.get(AwsPlan.IAM_POLICY, "state-read-policy").input("policy"));
        expected.put("awsReplicaBucketName", bucket + "-replica");
        return expected;
    }

    private static Map<String, Object> only(Map<String, Object> outputs, String prefix) {
        Map<String, Object> selected = new LinkedHashMap<>();
        outputs.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                selected.put(k, v);
            }
        });
        return selected;
    }

    @Test
    void awsAloneExportsExactlyTheAwsOutputs() {
        PlanResult result = succeeded(Stacks.runWith("prod", Map.of("azureEnabled", "false")));
        assertEquals(prodAwsOutputs(result), result.outputs());
        assertTrue(result.resources().stream().noneMatch(r -> r.type().startsWith("azure-native:")), "no Azure resource");
    }

    @Test
    void azureAloneExportsNoAwsOutputAndDeclaresNoAwsResource() {
        PlanResult result = succeeded(Stacks.runWith("prod", Map.of("awsEnabled", "false")));
        assertEquals(AZURE_OUTPUTS, List.copyOf(result.outputs().keySet()));
        assertTrue(result.resources().stream().noneMatch(r -> r.type().startsWith("aws:")
                || r.type().equals(AwsPlan.PROVIDER) || r.type().equals(AwsStateStore.TYPE)), "no AWS resource");
    }

    @Test
    void bothCloudsExportBothSets() {
        PlanResult result = AwsPlan.prod();
        assertEquals(prodAwsOutputs(result), only(result.outputs(), "aws"));
        assertEquals(AZURE_OUTPUTS, List.copyOf(only(result.outputs(), "azure").keySet()));
        assertEquals(AZURE_OUTPUTS.size() + 11, result.outputs().size());
    }

    @Test
    void withoutAReplicaItsOutputIsAbsentNotEmpty() {
        Map<String, Object> outputs = AwsPlan.dev().outputs();
        assertFalse(outputs.containsKey("awsReplicaBucketName"));
        assertEquals(Set.of("awsBackendUrl", "awsSecretsProvider", "awsLoginCommand", "awsBucketName", "awsBucketArn",
                "awsKmsKeyArn", "awsStateAccessPolicyArn", "awsStateAccessPolicyJson", "awsStateReadPolicyArn",
                "awsStateReadPolicyJson"), only(outputs, "aws").keySet());
        assertEquals("s3://" + AwsPlan.bucketName("dev") + "?region=eu-west-1&awssdk=v2", outputs.get("awsBackendUrl"));
        assertEquals("awskms://alias/pulumi-secrets-dev?region=eu-west-1", outputs.get("awsSecretsProvider"));
    }

    @Test
    void theUrlsFollowTheRegionSetting() {
        PlanResult result = succeeded(Stacks.runWith("prod", Map.of("awsRegion", "us-east-1", "awsReplicaRegion", "us-west-2")));
        assertEquals("s3://" + AwsPlan.bucketName("prod") + "?region=us-east-1&awssdk=v2", result.outputs().get("awsBackendUrl"));
        assertEquals("awskms://alias/pulumi-secrets-prod?region=us-east-1", result.outputs().get("awsSecretsProvider"));
    }
}
