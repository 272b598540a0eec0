// Generated from io.statebackend.vocabulary.Threshold (the rules of the program's settings and its fixed
// constants) by io.statebackend.vocabulary.VocabularyFiles: change those, not this file.
// The numbers and names the program and the pack both hold a stack to.
export const Thresholds = {
    /** From azureSoftDeleteRetentionDays. */
    developmentSoftDeleteDays: 7,
    /** From azureSoftDeleteRetentionDays. */
    productionSoftDeleteDays: 30,
    /** From azureBackupRetentionDays. */
    developmentBackupRetentionDays: 7,
    /** From azureBackupRetentionDays. */
    productionBackupRetentionDays: 30,
    /** From azureLogRetentionDays. */
    developmentLogRetentionDays: 30,
    /** From azureLogRetentionDays. */
    productionLogRetentionDays: 90,
    /** From azureKeySize. */
    minimumKeySize: 3072,
    /** From azureNoncurrentVersionRetentionDays and awsNoncurrentVersionRetentionDays. */
    maximumNoncurrentVersionDays: 365,
    /** From Encryption.VAULT_SOFT_DELETE_DAYS (fixed). */
    keyVaultSoftDeleteDays: 90,
    /** From Kms.DELETION_WINDOW_DAYS (fixed). */
    kmsDeletionWindowDays: 30,
    /** From Lifecycle.ABORT_INCOMPLETE_UPLOAD_DAYS (fixed). */
    maximumIncompleteUploadDays: 7,
} as const;

/** From AzureSettings.Storage.GEO_REDUNDANT_SKUS: the SKUs production requires of azureSkuName. */
export const GeoRedundantSkus: string[] = ["Standard_GRS","Standard_RAGRS","Standard_GZRS","Standard_RAGZRS"];

/** From ExampleValues.DOCUMENTATION_ACCOUNTS: account ids the AWS documentation uses as examples. */
export const DocumentationAccounts: string[] = ["123456789012","111122223333","444455556666","777788889999","012345678901"];
