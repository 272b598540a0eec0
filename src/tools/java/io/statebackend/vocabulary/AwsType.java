package io.statebackend.vocabulary;

import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLoggingV2;
import com.pulumi.aws.s3.BucketOwnershipControls;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketReplicationConfig;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.resources.CustomResource;

import java.util.Optional;

/**
 * The AWS resource types the program declares. Each token is the one its aws SDK class carries (the 6.x provider
 * still has the V2 suffix on the split-out S3 resources), which is what the engine, the mock provider and the policy
 * pack see; the pack's {@code AwsTypes} is generated from this list ({@link VocabularyFiles}).
 */
public enum AwsType implements ResourceTypeName {
    BUCKET(BucketV2.class, "Bucket"),
    VERSIONING(BucketVersioningV2.class, "Versioning"),
    ENCRYPTION(BucketServerSideEncryptionConfigurationV2.class, "Encryption"),
    PUBLIC_ACCESS_BLOCK(BucketPublicAccessBlock.class, "PublicAccessBlock"),
    OWNERSHIP_CONTROLS(BucketOwnershipControls.class, "OwnershipControls"),
    BUCKET_POLICY(BucketPolicy.class, "BucketPolicy"),
    LIFECYCLE(BucketLifecycleConfigurationV2.class, "Lifecycle"),
    LOGGING(BucketLoggingV2.class, "Logging"),
    REPLICATION(BucketReplicationConfig.class, "Replication"),
    KMS_KEY(Key.class, "KmsKey"),
    KMS_ALIAS(Alias.class, "KmsAlias"),
    IAM_ROLE(Role.class, "IamRole"),
    IAM_POLICY(Policy.class, "IamPolicy"),
    IAM_ROLE_POLICY(RolePolicy.class, "IamRolePolicy");

    private final Names names;

    AwsType(Class<? extends CustomResource> sdkClass, String packName) {
        this.names = Names.of(sdkClass, packName);
    }

    @Override
    public Names names() {
        return names;
    }

    public static Optional<AwsType> byToken(String token) {
        return ResourceTypeName.byToken(AwsType.class, token);
    }
}
