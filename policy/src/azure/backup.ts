// Azure Backup for the state account: a copy of the blobs outside the account, in another region,
// that neither a deleted account nor a compromised administrator can remove at once.
import { expectValue } from "../common/checks";
import { Control, ofType, resourceControl } from "../common/control";
import { minimumDays } from "../common/duration";
import { isUnknown, list, read, sameText, show } from "../common/props";
import { Thresholds } from "../common/thresholds";
import { backupInstanceOfAccount, everyHasAttached } from "./stack";
import { AzureTypes } from "./types";

const BackupVault = AzureTypes.BackupVault;
const BackupPolicy = AzureTypes.BackupPolicy;

export const backupVaultGeoRedundant = resourceControl({
    name: "azure-backup-vault-geo-redundant",
    controlId: "MCSB BR-1 (backup copy in a second region)",
    requirement: "The Backup vault keeps its vault-tier copies geo-redundant.",
    remedy: "set properties.storageSettings to [{ datastoreType: \"VaultStore\", type: \"GeoRedundant\" }].",
    resourceType: BackupVault,
    validate: (props, report) => {
        const settings = list(props, "properties.storageSettings");
        if (isUnknown(settings)) {
            return;
        }
        const geo = settings.some((s) => sameText(read(s, "datastoreType"), "VaultStore") && sameText(read(s, "type"), "GeoRedundant"));
        if (!geo) {
            report("properties.storageSettings has no { datastoreType: \"VaultStore\", type: \"GeoRedundant\" } entry.");
        }
    },
});

export const backupVaultSoftDelete = resourceControl({
    name: "azure-backup-vault-soft-delete",
    controlId: "MCSB BR-2 (protect backup data)",
    requirement: "Deleted backups stay recoverable (vault soft delete on).",
    remedy: "set properties.securitySettings.softDeleteSettings.state to \"On\" or \"AlwaysOn\".",
    resourceType: BackupVault,
    validate: (props, report) => {
        expectValue(props, "properties.securitySettings.softDeleteSettings.state", ["On", "AlwaysOn"], report);
    },
});

export const backupVaultImmutability = resourceControl({
    name: "azure-backup-vault-immutability",
    controlId: "MCSB BR-2 (protect backup data)",
    requirement: "Recovery points cannot be deleted before they expire (vault immutability on).",
    remedy: "set properties.securitySettings.immutabilitySettings.state to \"Unlocked\" (or \"Locked\" once settled; locking is irreversible).",
    resourceType: BackupVault,
    validate: (props, report) => {
        expectValue(props, "properties.securitySettings.immutabilitySettings.state", ["Unlocked", "Locked"], report);
    },
});

export const backupVaultIdentity = resourceControl({
    name: "azure-backup-vault-system-identity",
    controlId: "MCSB BR-2 (protect backup data)",
    requirement: "The Backup vault has a system-assigned identity, which is what is granted Storage Account Backup Contributor on the account.",
    remedy: "set identity: { type: \"SystemAssigned\" }.",
    resourceType: BackupVault,
    validate: (props, report) => {
        expectValue(props, "identity.type", "SystemAssigned", report);
    },
});

function rulesOfType(props: unknown, objectType: string): unknown[] | undefined {
    const rules = list(props, "properties.policyRules");
    if (isUnknown(rules)) {
        return undefined;
    }
    return rules.filter((r) => sameText(read(r, "objectType"), objectType));
}

export const backupPolicyRetention = resourceControl<{ minimumBackupRetentionDays: number }>({
    name: "azure-backup-policy-retention",
    controlId: "MCSB BR-1 (backup retention)",
    requirement: "Backups are kept at least the configured number of days.",
    remedy: "give an AzureRetentionRule a lifecycle with deleteAfter.duration of at least \"P<minimumBackupRetentionDays>D\".",
    resourceType: BackupPolicy,
    config: {
        minimumBackupRetentionDays: {
            type: "integer",
            minimum: 1,
            maximum: 3650,
            default: Thresholds.productionBackupRetentionDays,
            description: "Fewest days a vaulted backup must be kept.",
        },
    },
    validate: (props, report, config) => {
        const rules = rulesOfType(props, "AzureRetentionRule");
        if (rules === undefined) {
            return;
        }
        const durations: unknown[] = [];
        for (const rule of rules) {
            const lifecycles = list(rule, "lifecycles");
            if (isUnknown(lifecycles)) {
                return;
            }
            durations.push(...lifecycles.map((l) => read(l, "deleteAfter.duration")));
        }
        if (durations.some(isUnknown)) {
            return;
        }
        const longest = Math.max(-1, ...durations.map((d) => minimumDays(d) ?? -1));
        if (longest < config.minimumBackupRetentionDays) {
            report(
                `no AzureRetentionRule keeps backups ${config.minimumBackupRetentionDays} days or more ` +
                    `(deleteAfter.duration found: ${durations.length ? durations.map(show).join(", ") : "none"}).`,
            );
        }
    },
});

export const backupPolicyDailyVaultBackup = resourceControl({
    name: "azure-backup-policy-daily-vault-tier",
    controlId: "MCSB BR-1 (automated backups)",
    requirement: "An AzureBackupRule copies the data to the vault tier every day.",
    remedy: "add an AzureBackupRule with dataStore.dataStoreType \"VaultStore\" and trigger.schedule.repeatingTimeIntervals [\"R/<start>/P1D\"].",
    resourceType: BackupPolicy,
    validate: (props, report) => {
        const rules = rulesOfType(props, "AzureBackupRule");
        if (rules === undefined) {
            return;
        }
        const daily = rules.some((rule) => {
            const store = read(rule, "dataStore.dataStoreType");
            const intervals = list(rule, "trigger.schedule.repeatingTimeIntervals");
            const storeOk = isUnknown(store) || sameText(store, "VaultStore");
            const dailyOk = isUnknown(intervals) || intervals.some((i) => isUnknown(i) || (typeof i === "string" && /\/P1D$/i.test(i)));
            return storeOk && dailyOk;
        });
        if (!daily) {
            report("no AzureBackupRule backs up to the VaultStore daily (a repeatingTimeIntervals entry ending in \"/P1D\").");
        }
    },
});

// A direct check: without it a missing backup instance shows only through the cross-tenant replication
// control, and not at all on an account that turns cross-tenant replication off.
export const backupProtectsStateAccount = everyHasAttached({
    name: "azure-backup-protects-state-account",
    controlId: "MCSB BR-1 (automated backups)",
    requirement: "When the stack declares a Backup vault, a BackupInstance of that vault protects every storage account of the stack.",
    remedy: "declare an azure-native:dataprotection:BackupInstance whose dataSourceInfo names the state account (or remove the vault if backup is off).",
    subjectType: AzureTypes.StorageAccount,
    relation: backupInstanceOfAccount,
    appliesWhen: (resources) => ofType(resources, BackupVault).length > 0,
    missing: (account) => `a Backup vault is declared but no BackupInstance protects ${account.name}.`,
});

export const backupControls: Control[] = [
    backupVaultGeoRedundant,
    backupVaultSoftDelete,
    backupVaultImmutability,
    backupVaultIdentity,
    backupPolicyRetention,
    backupPolicyDailyVaultBackup,
    backupProtectsStateAccount,
];

