package io.statebackend.azure;

import io.statebackend.mockrun.PlanResult;
import io.statebackend.mockrun.ResourceRecord;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Type tokens of the Azure resources, as the engine and a policy pack see them, and small readers for tests. */
final class AzureTypes {

    static final String RESOURCE_GROUP = "azure-native:resources:ResourceGroup";
    static final String ACCOUNT = "azure-native:storage:StorageAccount";
    static final String BLOB_SERVICE = "azure-native:storage:BlobServiceProperties";
    static final String LIFECYCLE = "azure-native:storage:ManagementPolicy";
    static final String CONTAINER = "azure-native:storage:BlobContainer";
    static final String VAULT = "azure-native:keyvault:Vault";
    static final String KEY = "azure-native:keyvault:Key";
    static final String IDENTITY = "azure-native:managedidentity:UserAssignedIdentity";
    static final String ROLE_ASSIGNMENT = "azure-native:authorization:RoleAssignment";
    static final String LOCK = "azure-native:authorization:ManagementLockAtResourceLevel";
    static final String VNET = "azure-native:network:VirtualNetwork";
    static final String SUBNET = "azure-native:network:Subnet";
    static final String PRIVATE_ENDPOINT = "azure-native:network:PrivateEndpoint";
    static final String DNS_ZONE = "azure-native:network:PrivateZone";
    static final String DNS_ZONE_LINK = "azure-native:network:VirtualNetworkLink";
    static final String DNS_ZONE_GROUP = "azure-native:network:PrivateDnsZoneGroup";
    static final String WORKSPACE = "azure-native:operationalinsights:Workspace";
    static final String DIAGNOSTIC_SETTING = "azure-native:insights:DiagnosticSetting";
    static final String BACKUP_VAULT = "azure-native:dataprotection:BackupVault";
    static final String BACKUP_POLICY = "azure-native:dataprotection:BackupPolicy";
    static final String BACKUP_INSTANCE = "azure-native:dataprotection:BackupInstance";

    static final String ACCOUNT_NAME = "state-account";
    static final String VAULT_NAME = "state-vault";

    private AzureTypes() {
    }

    static ResourceRecord account(PlanResult run) {
        return run.get(ACCOUNT, ACCOUNT_NAME);
    }

    static ResourceRecord vault(PlanResult run) {
        return run.get(VAULT, VAULT_NAME);
    }

    /** The Azure resource id the mock provider gave a resource: what other resources receive as its id. */
    static String idOf(PlanResult run, String type, String name) {
        ResourceRecord r = run.get(type, name);
        return switch (type) {
            case ACCOUNT -> "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/"
                    + r.input("resourceGroupName") + "/providers/Microsoft.Storage/storageAccounts/" + r.input("accountName");
            case VAULT -> "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/"
                    + r.input("resourceGroupName") + "/providers/Microsoft.KeyVault/vaults/" + r.input("vaultName");
            case KEY -> "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/"
                    + r.input("resourceGroupName") + "/providers/Microsoft.KeyVault/vaults/" + r.input("vaultName")
                    + "/keys/" + r.input("keyName");
            case CONTAINER -> idOf(run, ACCOUNT, ACCOUNT_NAME) + "/blobServices/default/containers/" + r.input("containerName");
            default -> throw new IllegalArgumentException("no id rule for " + type);
        };
    }

    static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value);
    }

    static boolean isFalse(Object value) {
        return Boolean.FALSE.equals(value);
    }

    static int number(Object value) {
        return value instanceof Number n ? n.intValue() : -1;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object value) {
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    static List<String> strings(Object value) {
        return value instanceof List<?> l ? l.stream().map(Objects::toString).toList() : List.of();
    }

    static String roleId(Object roleDefinitionId) {
        String id = String.valueOf(roleDefinitionId);
        return id.substring(id.lastIndexOf('/') + 1);
    }
}
