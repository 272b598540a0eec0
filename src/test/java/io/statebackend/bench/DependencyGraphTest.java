package io.statebackend.bench;

import io.statebackend.testing.Runs;
import io.statebackend.vocabulary.AzureType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The deploy's critical path, and that independent resources do not wait on unrelated ones. */
class DependencyGraphTest {

    static DependencyGraph prod;

    @BeforeAll
    static void graph() {
        prod = DependencyGraph.of(Runs.prod());
    }

    private static void waitsOnlyFor(String type, String name, Set<String> allowedTypes) {
        assertFalse(prod.waitsFor(type, name).isEmpty(), type + "::" + name + " waits for what it attaches to");
        for (String dependency : prod.waitsFor(type, name)) {
            String dependencyType = dependency.substring(0, dependency.indexOf("::"));
            assertTrue(allowedTypes.contains(dependencyType), type + "::" + name + " waits for " + dependency);
        }
    }

    @Test
    void criticalPathIsTheEncryptionChainAndNoLonger() {
        List<String> path = prod.criticalPath().stream().map(n -> n.type() + "::" + n.name()).toList();
        assertEquals(List.of(
                "azure-native:resources:ResourceGroup::state-rg",
                "azure-native:keyvault:Vault::state-vault",
                "azure-native:keyvault:Key::storage-cmk",
                "azure-native:authorization:RoleAssignment::cmk-identity-crypto-service-encryption-user",
                "azure-native:storage:StorageAccount::state-account"), path.subList(0, 5));
        assertTrue(path.size() <= 7, path::toString);
    }

    @Test
    void diagnosticsWaitOnlyForWhatTheyWatchAndWhereTheyWrite() {
        Set<String> allowed = Set.of("state-backend:azure:StateStore", AzureType.STORAGE_ACCOUNT.token(),
                AzureType.VAULT.token(), AzureType.WORKSPACE.token());
        waitsOnlyFor(AzureType.DIAGNOSTIC_SETTING.token(), "state-blob-audit", allowed);
        waitsOnlyFor(AzureType.DIAGNOSTIC_SETTING.token(), "state-vault-audit", allowed);
    }

    @Test
    void dnsWaitsOnlyForItsEndpointAndZone() {
        Set<String> allowed = Set.of("state-backend:azure:StateStore", AzureType.RESOURCE_GROUP.token(),
                AzureType.PRIVATE_ENDPOINT.token(), AzureType.PRIVATE_DNS_ZONE.token());
        waitsOnlyFor(AzureType.PRIVATE_DNS_ZONE_GROUP.token(), "state-blob-dns", allowed);
        waitsOnlyFor(AzureType.PRIVATE_DNS_ZONE_GROUP.token(), "state-vault-dns", allowed);
    }

    @Test
    void containerDoesNotWaitForTheBlobServiceSettings() {
        assertFalse(prod.waitsFor(AzureType.BLOB_CONTAINER.token(), "state-container")
                .contains("azure-native:storage:BlobServiceProperties::state-blob-service"));
    }

    @Test
    void explicitAndImplicitDependenciesAreBothSeen() {
        assertTrue(prod.waitsFor(AzureType.STORAGE_ACCOUNT.token(), "state-account")
                .contains("azure-native:authorization:RoleAssignment::cmk-identity-crypto-service-encryption-user"));
        assertTrue(prod.waitsFor(AzureType.STORAGE_ACCOUNT.token(), "state-account")
                .contains("azure-native:managedidentity:UserAssignedIdentity::state-cmk-identity"));
    }
}
