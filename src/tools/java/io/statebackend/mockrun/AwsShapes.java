package io.statebackend.mockrun;

import io.statebackend.settings.AwsSettings;
import io.statebackend.vocabulary.AwsType;

import java.util.Map;
import java.util.Optional;

import static io.statebackend.mockrun.ProviderShapes.str;

/**
 * What the AWS provider (a Terraform bridge: inputs and outputs carry the schema's camelCase names) computes for the
 * resource types this program declares: the Terraform id and the outputs the program reads (ARNs, key ids, domain
 * names). Every resource is declared with an explicit provider, whose region the caller passes in.
 */
final class AwsShapes {

    static final String PROVIDER_TYPE = "pulumi:providers:aws";

    private AwsShapes() {
    }

    static String complete(String type, String name, Map<String, Object> inputs, Map<String, Object> state,
                           String region) {
        String partition = AwsSettings.partitionOf(region);
        String account = PlanMocks.AWS_ACCOUNT_ID;
        if (type.equals(PROVIDER_TYPE)) {
            return PlanMocks.guidFor("provider/" + name);
        }
        Optional<AwsType> aws = AwsType.byToken(type);
        if (aws.isEmpty()) {
            return "mock-" + name;
        }
        return switch (aws.get()) {
            case BUCKET -> {
                String bucket = str(inputs, "bucket");
                state.put("arn", "arn:" + partition + ":s3:::" + bucket);
                state.put("bucketDomainName", bucket + ".s3.amazonaws.com");
                state.put("bucketRegionalDomainName", bucket + ".s3." + region + ".amazonaws.com");
                state.put("region", region);
                state.put("hostedZoneId", "Z1BKCTXD74EZPE");
                state.put("forceDestroy", inputs.getOrDefault("forceDestroy", false));
                state.put("objectLockEnabled", false);
                yield bucket;
            }
            // Bucket sub-resources are identified by their bucket's name in Terraform.
            case VERSIONING, ENCRYPTION, PUBLIC_ACCESS_BLOCK, OWNERSHIP_CONTROLS, BUCKET_POLICY, LIFECYCLE, LOGGING,
                 REPLICATION -> str(inputs, "bucket");
            case KMS_KEY -> {
                String keyId = PlanMocks.guidFor("kms/" + region + "/" + name);
                state.put("arn", "arn:" + partition + ":kms:" + region + ":" + account + ":key/" + keyId);
                state.put("keyId", keyId);
                state.put("multiRegion", false);
                state.put("rotationPeriodInDays", Boolean.TRUE.equals(inputs.get("enableKeyRotation")) ? 365 : 0);
                yield keyId;
            }
            case KMS_ALIAS -> {
                String alias = str(inputs, "name");
                String target = str(inputs, "targetKeyId");
                state.put("arn", "arn:" + partition + ":kms:" + region + ":" + account + ":" + alias);
                state.put("targetKeyArn", target.startsWith("arn:") ? target
                        : "arn:" + partition + ":kms:" + region + ":" + account + ":key/" + target);
                yield alias;
            }
            case IAM_ROLE -> {
                String role = str(inputs, "name");
                state.put("arn", "arn:" + partition + ":iam::" + account + ":role" + path(inputs) + role);
                state.put("uniqueId", "AROA" + idSuffix(role));
                state.put("createDate", "2025-01-01T00:00:00Z");
                yield role;
            }
            case IAM_POLICY -> {
                String arn = "arn:" + partition + ":iam::" + account + ":policy" + path(inputs) + str(inputs, "name");
                state.put("arn", arn);
                state.put("policyId", "ANPA" + idSuffix(str(inputs, "name")));
                state.put("attachmentCount", 0);
                yield arn;
            }
            case IAM_ROLE_POLICY -> str(inputs, "role") + ":" + str(inputs, "name");
        };
    }

    private static String path(Map<String, Object> inputs) {
        String path = str(inputs, "path");
        return path.isEmpty() ? "/" : path;
    }

    /** IAM unique ids are 21 upper-case characters: a four-letter type prefix, then these 17. */
    private static String idSuffix(String name) {
        return PlanMocks.guidFor(name).replace("-", "").toUpperCase().substring(0, 17);
    }
}
