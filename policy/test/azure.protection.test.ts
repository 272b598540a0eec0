import { test } from "node:test";
import * as backup from "../src/azure/backup";
import * as protection from "../src/azure/protection";
import { storageNoCrossTenantReplication } from "../src/azure/account";
import { allControls } from "../src/registry";
import { compliantStack, inputsOf, recordNamed, without } from "./fixtures/stack";
import { assertFires, assertPasses, loadPackConfig, testBreakCases } from "./helpers";
import { cases, policyRules } from "./cases/azure.protection";

testBreakCases(compliantStack, allControls, cases);

test("the dev pack config makes missing locks and protect advisory, prod keeps them mandatory", () => {
    const file = without(compliantStack("dev"), "state-account-lock", "state-vault-lock");
    recordNamed(file, "state-account").protect = false;
    const dev = assertFires(protection.accountLocked, file, { packConfig: loadPackConfig("dev") });
    assertFires(protection.vaultLocked, file, { packConfig: loadPackConfig("dev") });
    assertFires(protection.azureStateResourcesProtected, file, { packConfig: loadPackConfig("dev") });
    const prod = assertFires(protection.accountLocked, file, { packConfig: loadPackConfig("prod") });
    if (dev[0].enforcementLevel !== "advisory" || prod[0].enforcementLevel !== "mandatory") {
        throw new Error(`expected advisory in dev and mandatory in prod, got ${dev[0].enforcementLevel} / ${prod[0].enforcementLevel}`);
    }
});

test("a lock on another resource type does not count as the account's lock", () => {
    const file = compliantStack();
    const lock = inputsOf(file, "state-account-lock");
    lock.resourceProviderNamespace = "Microsoft.Network";
    lock.resourceType = "virtualNetworks";
    assertFires(protection.accountLocked, file, { resource: "state-account" });
});

test("a lock given the full resource type in resourceType counts", () => {
    const file = compliantStack();
    inputsOf(file, "state-account-lock").resourceType = "Microsoft.Storage/storageAccounts";
    assertPasses(protection.accountLocked, file);
});

test("retention in weeks, months and years counts as its fewest days", () => {
    const file = compliantStack();
    policyRules(file)[1].lifecycles[0].deleteAfter.duration = "P5W";
    assertPasses(backup.backupPolicyRetention, file);
    policyRules(file)[1].lifecycles[0].deleteAfter.duration = "P1M";
    assertFires(backup.backupPolicyRetention, file, { message: /P1M/ });
});

test("the backup retention minimum comes from the pack config", () => {
    const file = compliantStack();
    assertFires(backup.backupPolicyRetention, file, { packConfig: { "azure-backup-policy-retention": { minimumBackupRetentionDays: 60 } } });
});

test("a stack without a Backup vault needs no backup instance", () => {
    assertPasses(backup.backupProtectsStateAccount, without(compliantStack("dev"), "state-backup-vault", "state-backup-policy", "state-backup-instance"));
});

test("a missing backup instance is caught even when cross-tenant replication is off", () => {
    const file = without(compliantStack(), "state-backup-instance");
    inputsOf(file, "state-account").allowCrossTenantReplication = false;
    assertPasses(storageNoCrossTenantReplication, file);
    assertFires(backup.backupProtectsStateAccount, file, { resource: "state-account", message: /no BackupInstance protects/ });
});
