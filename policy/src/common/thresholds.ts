// Generated from io.statebackend.vocabulary.Threshold (the rules of the program's settings) by
// io.statebackend.vocabulary.VocabularyFiles: change the settings' declarations, not this file.
// The numbers the program's settings validation and the pack both hold a stack to.
export const Thresholds = {
    /** From azureSoftDeleteRetentionDays. */
    developmentSoftDeleteDays: 7,
    /** From azureSoftDeleteRetentionDays. */
    productionSoftDeleteDays: 30,
    /** From azureBackupRetentionDays. */
    developmentBackupRetentionDays: 7,
    /** From azureBackupRetentionDays. */
    productionBackupRetentionDays: 30,
    /** From azureKeySize. */
    minimumKeySize: 3072,
    /** From azureNoncurrentVersionRetentionDays and awsNoncurrentVersionRetentionDays. */
    maximumNoncurrentVersionDays: 365,
} as const;
