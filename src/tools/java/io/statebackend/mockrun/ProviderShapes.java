package io.statebackend.mockrun;

import io.statebackend.vocabulary.AzureType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What each provider adds to a resource's inputs when it creates it: the id and the computed outputs this program
 * reads (endpoints, URIs, identities, ARNs). Kept to the types the program declares; an unknown type gets an id only.
 */
final class ProviderShapes {

    private ProviderShapes() {
    }

    /**
     * Fills {@code state} with the provider's computed outputs and returns the resource id; {@code awsRegion} is the
     * region of the explicit AWS provider the resource was declared with (empty for other clouds).
     */
    static String complete(String type, String name, Map<String, Object> inputs, Map<String, Object> state,
                           String awsRegion) {
        userAssignedIdentitiesAsMap(inputs, state);
        String rg = "/subscriptions/" + PlanMocks.SUBSCRIPTION_ID + "/resourceGroups/" + str(inputs, "resourceGroupName");
        Optional<AzureType> azure = AzureType.byToken(type);
        if (azure.isEmpty()) {
            String id = AwsShapes.complete(type, name, inputs, state, awsRegion);
            state.putIfAbsent("name", name);
            return id;
        }
        String id = switch (azure.get()) {
            case RESOURCE_GROUP -> {
                state.put("name", str(inputs, "resourceGroupName"));
                yield "/subscriptions/" + PlanMocks.SUBSCRIPTION_ID + "/resourceGroups/" + str(inputs, "resourceGroupName");
            }
            case STORAGE_ACCOUNT -> {
                String account = str(inputs, "accountName");
                state.put("name", account);
                state.put("primaryEndpoints", Map.of(
                        "blob", "https://" + account + ".blob.core.windows.net/",
                        "dfs", "https://" + account + ".dfs.core.windows.net/",
                        "file", "https://" + account + ".file.core.windows.net/",
                        "queue", "https://" + account + ".queue.core.windows.net/",
                        "table", "https://" + account + ".table.core.windows.net/",
                        "web", "https://" + account + ".z6.web.core.windows.net/"));
                yield rg + "/providers/Microsoft.Storage/storageAccounts/" + account;
            }
            case BLOB_SERVICE_PROPERTIES ->
                    named(state, "default", rg + "/providers/Microsoft.Storage/storageAccounts/"
                            + str(inputs, "accountName") + "/blobServices/default");
            case MANAGEMENT_POLICY ->
                    named(state, "default", rg + "/providers/Microsoft.Storage/storageAccounts/"
                            + str(inputs, "accountName") + "/managementPolicies/default");
            case BLOB_CONTAINER -> named(state, str(inputs, "containerName"),
                    rg + "/providers/Microsoft.Storage/storageAccounts/" + str(inputs, "accountName")
                            + "/blobServices/default/containers/" + str(inputs, "containerName"));
            case VAULT -> {
                String vault = str(inputs, "vaultName");
                Map<String, Object> properties = new LinkedHashMap<>(map(inputs, "properties"));
                properties.put("vaultUri", "https://" + vault + ".vault.azure.net/");
                state.put("properties", properties);
                yield named(state, vault, rg + "/providers/Microsoft.KeyVault/vaults/" + vault);
            }
            case KEY -> {
                String key = str(inputs, "keyName");
                String uri = "https://" + str(inputs, "vaultName") + ".vault.azure.net/keys/" + key;
                state.put("keyUri", uri);
                state.put("keyUriWithVersion", uri + "/" + PlanMocks.guidFor(uri).replace("-", ""));
                yield named(state, key, rg + "/providers/Microsoft.KeyVault/vaults/" + str(inputs, "vaultName") + "/keys/" + key);
            }
            case USER_ASSIGNED_IDENTITY -> {
                String identity = str(inputs, "resourceName");
                state.put("principalId", PlanMocks.guidFor("principal/" + identity));
                state.put("clientId", PlanMocks.guidFor("client/" + identity));
                state.put("tenantId", PlanMocks.TENANT_ID);
                yield named(state, identity, rg + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + identity);
            }
            case ROLE_DEFINITION -> named(state, str(inputs, "roleDefinitionId"), str(inputs, "scope")
                    + "/providers/Microsoft.Authorization/roleDefinitions/" + str(inputs, "roleDefinitionId"));
            case ROLE_ASSIGNMENT -> named(state, PlanMocks.guidFor(name), str(inputs, "scope")
                    + "/providers/Microsoft.Authorization/roleAssignments/" + PlanMocks.guidFor(name));
            case RESOURCE_LOCK -> named(state, str(inputs, "lockName"),
                    rg + "/providers/" + str(inputs, "resourceProviderNamespace") + "/" + str(inputs, "resourceType")
                            + "/" + str(inputs, "resourceName") + "/providers/Microsoft.Authorization/locks/"
                            + str(inputs, "lockName"));
            case VIRTUAL_NETWORK -> named(state, str(inputs, "virtualNetworkName"),
                    rg + "/providers/Microsoft.Network/virtualNetworks/" + str(inputs, "virtualNetworkName"));
            case SUBNET -> named(state, str(inputs, "subnetName"),
                    rg + "/providers/Microsoft.Network/virtualNetworks/" + str(inputs, "virtualNetworkName")
                            + "/subnets/" + str(inputs, "subnetName"));
            case PRIVATE_ENDPOINT -> named(state, str(inputs, "privateEndpointName"),
                    rg + "/providers/Microsoft.Network/privateEndpoints/" + str(inputs, "privateEndpointName"));
            case PRIVATE_DNS_ZONE -> named(state, str(inputs, "privateZoneName"),
                    rg + "/providers/Microsoft.Network/privateDnsZones/" + str(inputs, "privateZoneName"));
            case PRIVATE_DNS_ZONE_LINK -> named(state, str(inputs, "virtualNetworkLinkName"),
                    rg + "/providers/Microsoft.Network/privateDnsZones/" + str(inputs, "privateZoneName")
                            + "/virtualNetworkLinks/" + str(inputs, "virtualNetworkLinkName"));
            case PRIVATE_DNS_ZONE_GROUP -> named(state, str(inputs, "privateDnsZoneGroupName"),
                    rg + "/providers/Microsoft.Network/privateEndpoints/" + str(inputs, "privateEndpointName")
                            + "/privateDnsZoneGroups/" + str(inputs, "privateDnsZoneGroupName"));
            case WORKSPACE -> {
                state.put("customerId", PlanMocks.guidFor("workspace/" + str(inputs, "workspaceName")));
                yield named(state, str(inputs, "workspaceName"),
                        rg + "/providers/Microsoft.OperationalInsights/workspaces/" + str(inputs, "workspaceName"));
            }
            case DIAGNOSTIC_SETTING -> named(state, str(inputs, "name"),
                    str(inputs, "resourceUri") + "/providers/Microsoft.Insights/diagnosticSettings/" + str(inputs, "name"));
            case BACKUP_VAULT -> {
                String vault = str(inputs, "vaultName");
                state.put("identity", Map.of("type", "SystemAssigned",
                        "principalId", PlanMocks.guidFor("principal/backup/" + vault),
                        "tenantId", PlanMocks.TENANT_ID));
                yield named(state, vault, rg + "/providers/Microsoft.DataProtection/backupVaults/" + vault);
            }
            case BACKUP_POLICY -> named(state, str(inputs, "backupPolicyName"),
                    rg + "/providers/Microsoft.DataProtection/backupVaults/" + str(inputs, "vaultName")
                            + "/backupPolicies/" + str(inputs, "backupPolicyName"));
            case BACKUP_INSTANCE -> named(state, str(inputs, "backupInstanceName"),
                    rg + "/providers/Microsoft.DataProtection/backupVaults/" + str(inputs, "vaultName")
                            + "/backupInstances/" + str(inputs, "backupInstanceName"));
        };
        state.putIfAbsent("name", name);
        return id;
    }

    /**
     * Azure takes user-assigned identities as a list of ids but returns them as a map from id to the identity's
     * principal and client ids.
     */
    private static void userAssignedIdentitiesAsMap(Map<String, Object> inputs, Map<String, Object> state) {
        Map<String, Object> identity = map(inputs, "identity");
        if (!(identity.get("userAssignedIdentities") instanceof java.util.List<?> ids)) {
            return;
        }
        Map<String, Object> byId = new LinkedHashMap<>();
        ids.forEach(id -> byId.put(id.toString(), Map.of(
                "principalId", PlanMocks.guidFor("principal/" + id),
                "clientId", PlanMocks.guidFor("client/" + id))));
        Map<String, Object> returned = new LinkedHashMap<>(identity);
        returned.put("userAssignedIdentities", byId);
        state.put("identity", returned);
    }

    static String named(Map<String, Object> state, String name, String id) {
        state.put("name", name);
        return id;
    }

    static String str(Map<String, Object> inputs, String key) {
        Object value = inputs.get(key);
        return value == null ? "" : value.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> inputs, String key) {
        return inputs.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
