package io.statebackend.azure;

import io.statebackend.mockrun.PlanMocks;
import io.statebackend.mockrun.PlanResult;
import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.vocabulary.AzureType;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Short names for the Azure type tokens ({@link AzureType}) the tests look up, and small readers for tests. */
final class AzureTypes {

    static final String RESOURCE_GROUP = AzureType.RESOURCE_GROUP.token();
    static final String ACCOUNT = AzureType.STORAGE_ACCOUNT.token();
    static final String BLOB_SERVICE = AzureType.BLOB_SERVICE_PROPERTIES.token();
    static final String LIFECYCLE = AzureType.MANAGEMENT_POLICY.token();
    static final String CONTAINER = AzureType.BLOB_CONTAINER.token();
    static final String VAULT = AzureType.VAULT.token();
    static final String KEY = AzureType.KEY.token();
    static final String ROLE_ASSIGNMENT = AzureType.ROLE_ASSIGNMENT.token();
    /** The mock engine's subscription, as every Azure resource id begins. */
    static final String SUBSCRIPTION = "/subscriptions/" + PlanMocks.SUBSCRIPTION_ID;
    static final String LOCK = AzureType.RESOURCE_LOCK.token();
    static final String VNET = AzureType.VIRTUAL_NETWORK.token();
    static final String SUBNET = AzureType.SUBNET.token();
    static final String PRIVATE_ENDPOINT = AzureType.PRIVATE_ENDPOINT.token();
    static final String DNS_ZONE = AzureType.PRIVATE_DNS_ZONE.token();
    static final String DNS_ZONE_LINK = AzureType.PRIVATE_DNS_ZONE_LINK.token();
    static final String DNS_ZONE_GROUP = AzureType.PRIVATE_DNS_ZONE_GROUP.token();
    static final String WORKSPACE = AzureType.WORKSPACE.token();
    static final String DIAGNOSTIC_SETTING = AzureType.DIAGNOSTIC_SETTING.token();
    static final String BACKUP_VAULT = AzureType.BACKUP_VAULT.token();
    static final String BACKUP_POLICY = AzureType.BACKUP_POLICY.token();
    static final String BACKUP_INSTANCE = AzureType.BACKUP_INSTANCE.token();

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
        String group = SUBSCRIPTION + "/resourceGroups/" + r.input("resourceGroupName");
        return switch (AzureType.byToken(type).orElseThrow()) {
            case STORAGE_ACCOUNT -> group + "/providers/Microsoft.Storage/storageAccounts/" + r.input("accountName");
            case VAULT -> group + "/providers/Microsoft.KeyVault/vaults/" + r.input("vaultName");
            case KEY -> group + "/providers/Microsoft.KeyVault/vaults/" + r.input("vaultName")
                    + "/keys/" + r.input("keyName");
            case BLOB_CONTAINER -> idOf(run, ACCOUNT, ACCOUNT_NAME) + "/blobServices/default/containers/" + r.input("containerName");
            case ROLE_DEFINITION -> r.input("scope") + "/providers/Microsoft.Authorization/roleDefinitions/"
                    + r.input("roleDefinitionId");
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
