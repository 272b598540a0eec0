package io.statebackend.vocabulary;

import com.pulumi.azurenative.authorization.ManagementLockAtResourceLevel;
import com.pulumi.azurenative.authorization.RoleAssignment;
import com.pulumi.azurenative.authorization.RoleDefinition;
import com.pulumi.azurenative.dataprotection.BackupInstance;
import com.pulumi.azurenative.dataprotection.BackupPolicy;
import com.pulumi.azurenative.dataprotection.BackupVault;
import com.pulumi.azurenative.insights.DiagnosticSetting;
import com.pulumi.azurenative.keyvault.Key;
import com.pulumi.azurenative.keyvault.Vault;
import com.pulumi.azurenative.managedidentity.UserAssignedIdentity;
import com.pulumi.azurenative.network.PrivateDnsZoneGroup;
import com.pulumi.azurenative.network.PrivateEndpoint;
import com.pulumi.azurenative.network.PrivateZone;
import com.pulumi.azurenative.network.Subnet;
import com.pulumi.azurenative.network.VirtualNetwork;
import com.pulumi.azurenative.network.VirtualNetworkLink;
import com.pulumi.azurenative.operationalinsights.Workspace;
import com.pulumi.azurenative.resources.ResourceGroup;
import com.pulumi.azurenative.storage.BlobContainer;
import com.pulumi.azurenative.storage.BlobServiceProperties;
import com.pulumi.azurenative.storage.ManagementPolicy;
import com.pulumi.azurenative.storage.StorageAccount;
import com.pulumi.resources.CustomResource;

import java.util.Optional;

/**
 * The Azure resource types the program declares. Each token is the one its azure-native SDK class carries, which is
 * what the engine, the mock provider and the policy pack see; the pack's {@code AzureTypes} is generated from this
 * list ({@link VocabularyFiles}).
 */
public enum AzureType implements ResourceTypeName {
    RESOURCE_GROUP(ResourceGroup.class, "ResourceGroup"),
    STORAGE_ACCOUNT(StorageAccount.class, "StorageAccount"),
    BLOB_SERVICE_PROPERTIES(BlobServiceProperties.class, "BlobServiceProperties"),
    BLOB_CONTAINER(BlobContainer.class, "BlobContainer"),
    MANAGEMENT_POLICY(ManagementPolicy.class, "ManagementPolicy"),
    VAULT(Vault.class, "Vault"),
    KEY(Key.class, "Key"),
    USER_ASSIGNED_IDENTITY(UserAssignedIdentity.class, "UserAssignedIdentity"),
    ROLE_ASSIGNMENT(RoleAssignment.class, "RoleAssignment"),
    ROLE_DEFINITION(RoleDefinition.class, "RoleDefinition"),
    RESOURCE_LOCK(ManagementLockAtResourceLevel.class, "ResourceLock"),
    VIRTUAL_NETWORK(VirtualNetwork.class, "VirtualNetwork"),
    SUBNET(Subnet.class, "Subnet"),
    PRIVATE_ENDPOINT(PrivateEndpoint.class, "PrivateEndpoint"),
    PRIVATE_DNS_ZONE(PrivateZone.class, "PrivateDnsZone"),
    PRIVATE_DNS_ZONE_LINK(VirtualNetworkLink.class, "PrivateDnsZoneLink"),
    PRIVATE_DNS_ZONE_GROUP(PrivateDnsZoneGroup.class, "PrivateDnsZoneGroup"),
    WORKSPACE(Workspace.class, "Workspace"),
    DIAGNOSTIC_SETTING(DiagnosticSetting.class, "DiagnosticSetting"),
    BACKUP_VAULT(BackupVault.class, "BackupVault"),
    BACKUP_POLICY(BackupPolicy.class, "BackupPolicy"),
    BACKUP_INSTANCE(BackupInstance.class, "BackupInstance");

    private final Names names;

    AzureType(Class<? extends CustomResource> sdkClass, String packName) {
        this.names = Names.of(sdkClass, packName);
    }

    @Override
    public Names names() {
        return names;
    }

    public static Optional<AzureType> byToken(String token) {
        return ResourceTypeName.byToken(AzureType.class, token);
    }
}
