package io.statebackend.aws;

import com.pulumi.core.Output;
import io.statebackend.common.StableSuffix;
import io.statebackend.settings.AwsSettings;

/**
 * Names of the AWS resources. The state bucket's name must be globally unique: it is {@value #BUCKET_PREFIX} plus a
 * suffix of lowercase letters and digits that hashes account, project and stack (or the stack's own suffix), unless
 * the stack names the bucket outright (validated with the settings, at most 55 characters so that the derived
 * {@value #LOG_BUCKET_SUFFIX} and {@value #REPLICA_BUCKET_SUFFIX} buckets stay within S3's 63). Account-scoped names
 * (KMS aliases, IAM role and policy) carry the stack's name so the dev and prod stacks can share an account.
 */
record Naming(Output<String> bucket, String stackLabel) {

    static final String BUCKET_PREFIX = "pulumi-state-";
    static final String LOG_BUCKET_SUFFIX = "-logs";
    static final String REPLICA_BUCKET_SUFFIX = "-replica";
    /** Keeps the longest derived IAM name ("pulumi-state-replication-" + label) within IAM's 64 characters. */
    static final int MAX_LABEL_LENGTH = 32;

    static Naming of(AwsSettings settings, Output<String> accountId, String project, String stack) {
        Output<String> suffix = settings.names().nameSuffix()
                .map(Output::of)
                .orElseGet(() -> accountId.applyValue(account -> StableSuffix.of("aws", account, project, stack)));
        Output<String> bucket = settings.names().bucketName()
                .map(Output::of)
                .orElseGet(() -> suffix.applyValue(s -> BUCKET_PREFIX + s));
        return new Naming(bucket, label(stack));
    }

    /**
     * The stack name in the characters both KMS aliases and IAM names accept (letters, digits, '-', '_'); a long
     * name is cut and completed with a hash so two long names never collide.
     */
    static String label(String stack) {
        String label = stack.replaceAll("[^A-Za-z0-9_-]", "-");
        if (label.length() <= MAX_LABEL_LENGTH) {
            return label;
        }
        return label.substring(0, MAX_LABEL_LENGTH - StableSuffix.LENGTH - 1) + "-" + StableSuffix.of(stack);
    }

    Output<String> logBucket() {
        return bucket.applyValue(b -> b + LOG_BUCKET_SUFFIX);
    }

    Output<String> replicaBucket() {
        return bucket.applyValue(b -> b + REPLICA_BUCKET_SUFFIX);
    }

    String bucketKeyAlias() {
        return "alias/pulumi-state-" + stackLabel;
    }

    String replicaKeyAlias() {
        return "alias/pulumi-state-replica-" + stackLabel;
    }

    String secretsKeyAlias() {
        return "alias/pulumi-secrets-" + stackLabel;
    }

    String stateAccessPolicy() {
        return "pulumi-state-access-" + stackLabel;
    }

    String stateReadPolicy() {
        return "pulumi-state-read-" + stackLabel;
    }

    String replicationRole() {
        return "pulumi-state-replication-" + stackLabel;
    }
}
