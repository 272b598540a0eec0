package io.statebackend.settings;

import java.util.List;
import java.util.Optional;

/** The AWS S3 state store's settings; see {@link Setting} for each field's key and meaning. */
public record AwsSettings(
        String region,
        Optional<String> nameSuffix,
        Optional<String> bucketName,
        List<String> statePrincipalArns,
        List<String> stateReaderPrincipalArns,
        int noncurrentVersionRetentionDays,
        int newerNoncurrentVersions,
        Optional<String> replicaRegion,
        int accessLogRetentionDays) {

    public AwsSettings {
        statePrincipalArns = List.copyOf(statePrincipalArns);
        stateReaderPrincipalArns = List.copyOf(stateReaderPrincipalArns);
    }

    /** The AWS partition a region belongs to: the {@code <partition>} in every ARN there. */
    public static String partitionOf(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }
}
