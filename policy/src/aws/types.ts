// Generated from io.statebackend.vocabulary.AwsType (the token each provider SDK class the program declares
// carries) by io.statebackend.vocabulary.VocabularyFiles: change that, not this file.
// Resource type tokens (<package>:<module>:<type>), as the engine passes them to a policy pack in args.type.
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
    KmsAlias: "aws:kms/alias:Alias",
    IamRole: "aws:iam/role:Role",
    IamPolicy: "aws:iam/policy:Policy",
    IamRolePolicy: "aws:iam/rolePolicy:RolePolicy",
} as const;
