import { test } from "node:test";
import * as storage from "../src/azure/account";
import { allControls } from "../src/registry";
import { compliantStack, inputsOf } from "./fixtures/stack";
import { assertFires, assertPasses, testBreakCases, UNKNOWN_VALUE } from "./helpers";
import { cases, account } from "./cases/azure.account";

testBreakCases(compliantStack, allControls, cases);

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
    assertPasses(storage.accountControls, file);
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
