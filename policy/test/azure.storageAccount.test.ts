import { test } from "node:test";
import * as storage from "../src/azure/storageAccount";
import { allControls } from "../src/registry";
import { compliantStack, inputsOf, without } from "./fixtures/stack";
import { assertFires, assertPasses, testBreakCases, UNKNOWN_VALUE } from "./helpers";

const account = (file: ReturnType<typeof compliantStack>) => inputsOf(file, "state-account");

testBreakCases(compliantStack, allControls, [
    { control: storage.storageAccountKind, breaks: "kind is BlobStorage", mutate: (f) => void (account(f).kind = "BlobStorage"), resource: "state-account", message: /kind is "BlobStorage"/ },
    { control: storage.storageGeoRedundancy, breaks: "the SKU is locally redundant", mutate: (f) => void (account(f).sku.name = "Standard_LRS"), resource: "state-account", message: /sku\.name/ },
    { control: storage.storageSecureTransfer, breaks: "HTTP is allowed", mutate: (f) => void (account(f).enableHttpsTrafficOnly = false), resource: "state-account" },
    { control: storage.storageMinimumTls, breaks: "TLS 1.0 is accepted", mutate: (f) => void (account(f).minimumTlsVersion = "TLS1_0"), resource: "state-account", message: /TLS1_2/ },
    { control: storage.storageNoAnonymousBlobAccess, breaks: "public blob access is allowed", mutate: (f) => void (account(f).allowBlobPublicAccess = true), resource: "state-account" },
    { control: storage.storageNoAnonymousBlobAccess, breaks: "allowBlobPublicAccess is left to the default", mutate: (f) => void delete account(f).allowBlobPublicAccess, resource: "state-account", message: /not set/ },
    { control: storage.storageSharedKeyDisabled, breaks: "shared keys are allowed", mutate: (f) => void (account(f).allowSharedKeyAccess = true), resource: "state-account", message: /allowSharedKeyAccess is true/ },
    { control: storage.storageInfrastructureEncryption, breaks: "infrastructure encryption is off", mutate: (f) => void (account(f).encryption.requireInfrastructureEncryption = false), resource: "state-account" },
    { control: storage.storageCustomerManagedKey, breaks: "Microsoft-managed keys are used", mutate: (f) => void (account(f).encryption.keySource = "Microsoft.Storage"), resource: "state-account", message: /keySource/ },
    { control: storage.storageCustomerManagedKey, breaks: "the key is pinned to a version", mutate: (f) => void (account(f).encryption.keyVaultProperties.keyVersion = "0123456789abcdef"), resource: "state-account", message: /keyVersion/ },
    { control: storage.storageCustomerManagedKey, breaks: "no identity reads the key", mutate: (f) => void delete account(f).encryption.encryptionIdentity, resource: "state-account", message: /encryptionUserAssignedIdentity/ },
    { control: storage.storageCustomerManagedKey, breaks: "the key name is missing", mutate: (f) => void delete account(f).encryption.keyVaultProperties.keyName, resource: "state-account", message: /keyName/ },
    { control: storage.storagePublicNetworkDisabled, breaks: "the public endpoint is enabled", mutate: (f) => void (account(f).publicNetworkAccess = "Enabled"), resource: "state-account" },
    { control: storage.storageDefaultNetworkDeny, breaks: "the firewall allows by default", mutate: (f) => void (account(f).networkRuleSet.defaultAction = "Allow"), resource: "state-account" },
    { control: storage.storageTrustedServicesBypass, breaks: "trusted services are not let through", mutate: (f) => void (account(f).networkRuleSet.bypass = "None"), resource: "state-account", message: /AzureServices/ },
    {
        control: storage.storageNoCrossTenantReplication,
        breaks: "cross-tenant replication is allowed and no backup instance protects the account",
        mutate: (f) => {
            account(f).allowCrossTenantReplication = true;
            return without(f, "state-backup-instance");
        },
        resource: "state-account",
    },
]);

test("Azure enum values compare case-insensitively", () => {
    const file = compliantStack();
    account(file).minimumTlsVersion = "tls1_2";
    account(file).publicNetworkAccess = "disabled";
    assertPasses([storage.storageMinimumTls, storage.storagePublicNetworkDisabled], file);
});

test("a bypass list that includes AzureServices passes", () => {
    const file = compliantStack();
    account(file).networkRuleSet.bypass = "Logging, Metrics, AzureServices";
    assertPasses(storage.storageTrustedServicesBypass, file);
});

test("the allowed redundancy SKUs come from the policy config", () => {
    const file = compliantStack();
    account(file).sku.name = "Standard_GRS";
    assertFires(storage.storageGeoRedundancy, file, {
        packConfig: { "azure-storage-geo-redundant-sku": { allowedRedundancySkus: ["Standard_GZRS", "Standard_RAGZRS"] } },
    });
});

test("values unknown during a preview are not reported", () => {
    const file = compliantStack();
    account(file).encryption.keyVaultProperties.keyVaultUri = UNKNOWN_VALUE;
    account(file).encryption.encryptionIdentity.encryptionUserAssignedIdentity = UNKNOWN_VALUE;
    account(file).allowCrossTenantReplication = UNKNOWN_VALUE;
    assertPasses(storage.storageAccountControls, file);
});

test("cross-tenant replication may stay allowed on an account a BackupInstance protects", () => {
    const file = compliantStack();
    account(file).allowCrossTenantReplication = true;
    assertPasses(storage.storageNoCrossTenantReplication, file);
});

test("a BackupInstance for another account does not excuse cross-tenant replication", () => {
    const file = compliantStack();
    account(file).allowCrossTenantReplication = true;
    const instance = inputsOf(file, "state-backup-instance");
    instance.properties.dataSourceInfo.resourceName = "someotheraccount";
    instance.properties.dataSourceInfo.resourceID = "/subscriptions/x/resourceGroups/y/providers/Microsoft.Storage/storageAccounts/someotheraccount";
    assertFires(storage.storageNoCrossTenantReplication, file, { resource: "state-account" });
});

test("in a preview, a BackupInstance whose data source is unknown still excuses cross-tenant replication", () => {
    const file = compliantStack();
    account(file).allowCrossTenantReplication = true;
    const instance = inputsOf(file, "state-backup-instance");
    instance.properties.dataSourceInfo.resourceName = UNKNOWN_VALUE;
    instance.properties.dataSourceInfo.resourceID = UNKNOWN_VALUE;
    assertPasses(storage.storageNoCrossTenantReplication, file);
});
