// Resource type tokens (<package>:<module>:<type>, from the provider schema), as the engine passes them to a
// policy pack in args.type. The aws provider 6.x served here still has the V2 suffix on the split-out S3
// resources.
export const AwsTypes = {
    Bucket: "aws:s3/bucketV2:BucketV2",
    Versioning: "aws:s3/bucketVersioningV2:BucketVersioningV2",
    Encryption: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    PublicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    OwnershipControls: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    BucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    Lifecycle: "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
    Logging: "aws:s3/bucketLoggingV2:BucketLoggingV2",
    Replication: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
    KmsKey: "aws:kms/key:Key",
    IamPolicy: "aws:iam/policy:Policy",
    IamRolePolicy: "aws:iam/rolePolicy:RolePolicy",
} as const;
