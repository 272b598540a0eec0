// Generated from io.statebackend.vocabulary.AzureType (the token each provider SDK class the program declares
// carries) by io.statebackend.vocabulary.VocabularyFiles: change that, not this file.
// Resource type tokens (<package>:<module>:<type>), as the engine passes them to a policy pack in args.type.
export const AzureTypes = {
    ResourceGroup: "azure-native:resources:ResourceGroup",
    StorageAccount: "azure-native:storage:StorageAccount",
    BlobServiceProperties: "azure-native:storage:BlobServiceProperties",
    BlobContainer: "azure-native:storage:BlobContainer",
    ManagementPolicy: "azure-native:storage:ManagementPolicy",
    Vault: "azure-native:keyvault:Vault",
    Key: "azure-native:keyvault:Key",
    UserAssignedIdentity: "azure-native:managedidentity:UserAssignedIdentity",
    RoleAssignment: "azure-native:authorization:RoleAssignment",
    RoleDefinition: "azure-native:authorization:RoleDefinition",
    ResourceLock: "azure-native:authorization:ManagementLockAtResourceLevel",
    VirtualNetwork: "azure-native:network:VirtualNetwork",
    Subnet: "azure-native:network:Subnet",
    PrivateEndpoint: "azure-native:network:PrivateEndpoint",
    PrivateDnsZone: "azure-native:network:PrivateZone",
    PrivateDnsZoneLink: "azure-native:network:VirtualNetworkLink",
    PrivateDnsZoneGroup: "azure-native:network:PrivateDnsZoneGroup",
    Workspace: "azure-native:operationalinsights:Workspace",
    DiagnosticSetting: "azure-native:insights:DiagnosticSetting",
    BackupVault: "azure-native:dataprotection:BackupVault",
    BackupPolicy: "azure-native:dataprotection:BackupPolicy",
    BackupInstance: "azure-native:dataprotection:BackupInstance",
} as const;
