// Resource type tokens (<package>:<module>:<type>, from the provider schema), as the engine passes them to a
// policy pack in args.type.
export const AzureTypes = {
    StorageAccount: "azure-native:storage:StorageAccount",
    BlobServiceProperties: "azure-native:storage:BlobServiceProperties",
    BlobContainer: "azure-native:storage:BlobContainer",
    ManagementPolicy: "azure-native:storage:ManagementPolicy",
    Vault: "azure-native:keyvault:Vault",
    Key: "azure-native:keyvault:Key",
    PrivateEndpoint: "azure-native:network:PrivateEndpoint",
    PrivateDnsZoneGroup: "azure-native:network:PrivateDnsZoneGroup",
    DiagnosticSetting: "azure-native:insights:DiagnosticSetting",
    ResourceLock: "azure-native:authorization:ManagementLockAtResourceLevel",
    RoleAssignment: "azure-native:authorization:RoleAssignment",
    RoleDefinition: "azure-native:authorization:RoleDefinition",
    BackupVault: "azure-native:dataprotection:BackupVault",
    BackupPolicy: "azure-native:dataprotection:BackupPolicy",
    BackupInstance: "azure-native:dataprotection:BackupInstance",
} as const;
