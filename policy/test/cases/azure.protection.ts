// Break cases for the azure.protection policies: see testBreakCases in ../helpers.ts.
import * as access from "../../src/azure/access";
import * as backup from "../../src/azure/backup";
import * as protection from "../../src/azure/protection";
import { ACCOUNT_ID, compliantStack, inputsOf, recordNamed, RESOURCE_GROUP_ID, without } from "../fixtures/stack";
import { BreakCase } from "../helpers";

export type File = ReturnType<typeof compliantStack>;
export const backupVault = (f: File) => inputsOf(f, "state-backup-vault");
export const policyRules = (f: File) => inputsOf(f, "state-backup-policy").properties.policyRules;
export const OWNER = "/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635";

export const cases: BreakCase[] = [
    { control: protection.lockLevel, breaks: "the lock is ReadOnly", mutate: (f) => void (inputsOf(f, "state-account-lock").level = "ReadOnly"), resource: "state-account-lock" },
    { control: protection.accountLocked, breaks: "the account lock is dropped", mutate: (f) => without(f, "state-account-lock"), resource: "state-account" },
    { control: protection.vaultLocked, breaks: "the vault lock is dropped", mutate: (f) => without(f, "state-vault-lock"), resource: "state-vault" },
    { control: protection.azureStateResourcesProtected, breaks: "the account is not protected", mutate: (f) => void (recordNamed(f, "state-account").protect = false), resource: "state-account" },
    { control: protection.azureStateResourcesProtected, breaks: "the key is not protected", mutate: (f) => void delete recordNamed(f, "state-cmk").protect, resource: "state-cmk" },
    { control: protection.azureStateResourcesProtected, breaks: "the resource group is not protected", mutate: (f) => void delete recordNamed(f, "state-rg").protect, resource: "state-rg" },
    { control: access.allowedRoles, breaks: "Owner is assigned", mutate: (f) => void (inputsOf(f, "state-users-key-crypto").roleDefinitionId = OWNER), resource: "state-users-key-crypto" },
    {
        control: access.keyAndBackupRoleScope,
        breaks: "key access is granted on the whole subscription",
        mutate: (f) => void (inputsOf(f, "state-users-key-crypto").scope = "/subscriptions/00000000-0000-0000-0000-000000000001"),
        resource: "state-users-key-crypto",
    },
    {
        control: access.keyAndBackupRoleScope,
        breaks: "the account's key access is granted on the resource group",
        mutate: (f) => void (inputsOf(f, "storage-cmk-access").scope = RESOURCE_GROUP_ID),
        resource: "storage-cmk-access",
    },
    {
        control: access.keyAndBackupRoleScope,
        breaks: "the backup vault's access is granted on the resource group",
        mutate: (f) => void (inputsOf(f, "backup-vault-reads-account").scope = RESOURCE_GROUP_ID),
        resource: "backup-vault-reads-account",
    },
    {
        control: access.blobDataRoleContainerScope,
        breaks: "blob data access is granted on the whole account",
        mutate: (f) => void (inputsOf(f, "state-users-blob-data").scope = ACCOUNT_ID),
        resource: "state-users-blob-data",
    },
    {
        control: access.blobDataRoleContainerScope,
        breaks: "blob read access is granted on the whole account",
        mutate: (f) => void (inputsOf(f, "state-readers-blob-data").scope = ACCOUNT_ID),
        resource: "state-readers-blob-data",
    },
    {
        control: access.allowedRoles,
        breaks: "a custom role the stack does not define is assigned",
        mutate: (f) => without(f, "state-secrets-decrypt-role"),
        resource: "state-readers-key-decrypt",
        message: /nor a role this stack defines/,
    },
    {
        control: access.customRoleDecryptOnly,
        breaks: "the readers' role may also encrypt",
        mutate: (f) => void inputsOf(f, "state-secrets-decrypt-role").permissions[0].dataActions.push("Microsoft.KeyVault/vaults/keys/encrypt/action"),
        resource: "state-secrets-decrypt-role",
    },
    {
        control: access.customRoleDecryptOnly,
        breaks: "the readers' role is assignable across the subscription",
        mutate: (f) => void (inputsOf(f, "state-secrets-decrypt-role").assignableScopes = ["/subscriptions/00000000-0000-0000-0000-000000000001"]),
        resource: "state-secrets-decrypt-role",
    },
    { control: backup.backupVaultGeoRedundant, breaks: "the backup vault is locally redundant", mutate: (f) => void (backupVault(f).properties.storageSettings[0].type = "LocallyRedundant"), resource: "state-backup-vault" },
    { control: backup.backupVaultSoftDelete, breaks: "backup soft delete is off", mutate: (f) => void (backupVault(f).properties.securitySettings.softDeleteSettings.state = "Off"), resource: "state-backup-vault" },
    { control: backup.backupVaultImmutability, breaks: "immutability is disabled", mutate: (f) => void (backupVault(f).properties.securitySettings.immutabilitySettings.state = "Disabled"), resource: "state-backup-vault" },
    { control: backup.backupVaultIdentity, breaks: "the backup vault has no identity", mutate: (f) => void delete backupVault(f).identity, resource: "state-backup-vault" },
    { control: backup.backupPolicyRetention, breaks: "backups are kept 7 days", mutate: (f) => void (policyRules(f)[1].lifecycles[0].deleteAfter.duration = "P7D"), resource: "state-backup-policy", message: /P7D/ },
    { control: backup.backupPolicyRetention, breaks: "there is no retention rule", mutate: (f) => void policyRules(f).pop(), resource: "state-backup-policy" },
    {
        control: backup.backupProtectsStateAccount,
        breaks: "the vault stays but no backup instance protects the account",
        mutate: (f) => without(f, "state-backup-instance"),
        resource: "state-account",
    },
    {
        control: backup.backupProtectsStateAccount,
        breaks: "the backup instance protects another account",
        mutate: (f) => {
            const source = inputsOf(f, "state-backup-instance").properties.dataSourceInfo;
            source.resourceName = "stother";
            source.resourceID = source.resourceID.replace(/[^/]+$/, "stother");
        },
        resource: "state-account",
    },
    { control: backup.backupPolicyDailyVaultBackup, breaks: "backups run weekly", mutate: (f) => void (policyRules(f)[0].trigger.schedule.repeatingTimeIntervals = ["R/2024-01-01T02:00:00+00:00/P1W"]), resource: "state-backup-policy" },
    { control: backup.backupPolicyDailyVaultBackup, breaks: "backups stay in the operational tier", mutate: (f) => void (policyRules(f)[0].dataStore.dataStoreType = "OperationalStore"), resource: "state-backup-policy" },
];
