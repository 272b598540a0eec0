// Diagnostic settings: who read, wrote or deleted state, and who used the key, lands in Log Analytics.
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { expectAtLeast, expectSet } from "../common/checks";
import { Control, Report, resourceControl } from "../common/control";
import { isUnknown, list, read } from "../common/props";
import { blobDiagnosticsOfAccount, diagnosticsOfVault, enabledLogCategories, everyHasAttached, isBlobServiceUri, isVaultUri } from "./stack";
import { Thresholds } from "../common/thresholds";
import { AzureTypes } from "./types";

const DiagnosticSetting = AzureTypes.DiagnosticSetting;

const BLOB_LOG_CATEGORIES = ["StorageRead", "StorageWrite", "StorageDelete"];

function missingLogs(props: Record<string, unknown>, required: string[], groupsCoveringAll: string[]): string[] {
    if (isUnknown(list(props, "logs"))) {
        return [];
    }
    const enabled = enabledLogCategories(props);
    if (groupsCoveringAll.some((g) => enabled.includes(g.toLowerCase()))) {
        return [];
    }
    return required.filter((c) => !enabled.includes(c.toLowerCase()));
}

function hasEnabledMetric(props: Record<string, unknown>, category: string): boolean {
    const metrics = list(props, "metrics");
    if (isUnknown(metrics)) {
        return true;
    }
    return metrics.some((m) => {
        const name = read(m, "category");
        return read(m, "enabled") === true && typeof name === "string" && [category.toLowerCase(), "allmetrics"].includes(name.toLowerCase());
    });
}

function expectWorkspace(props: Record<string, unknown>, report: Report): void {
    expectSet(props, "workspaceId", report, "the Log Analytics workspace that keeps the audit trail");
}

export const blobDiagnosticLogging = resourceControl({
    name: "azure-blob-diagnostic-logging",
    controlId: "CIS Azure v3.0.0 4.13 (blob service logging)",
    requirement: "The blob service sends read, write and delete logs and transaction metrics to Log Analytics.",
    remedy: "on the blob service's DiagnosticSetting set workspaceId, enable logs StorageRead, StorageWrite, StorageDelete (or categoryGroup allLogs) and metric Transaction.",
    resourceType: DiagnosticSetting,
    validate: (props, report) => {
        if (!isBlobServiceUri(read(props, "resourceUri"))) {
            return;
        }
        expectWorkspace(props, report);
        const missing = missingLogs(props, BLOB_LOG_CATEGORIES, ["allLogs"]);
        if (missing.length > 0) {
            report(`logs do not enable ${missing.join(", ")}.`);
        }
        if (!hasEnabledMetric(props, "Transaction")) {
            report("metrics do not enable \"Transaction\".");
        }
    },
});

export const vaultDiagnosticLogging = resourceControl({
    name: "azure-keyvault-diagnostic-logging",
    controlId: "CIS Azure v2.0.0 5.1.5 (Key Vault logging)",
    requirement: "The Key Vault sends its AuditEvent log to Log Analytics.",
    remedy: "on the vault's DiagnosticSetting set workspaceId and enable log category AuditEvent (or categoryGroup audit or allLogs).",
    resourceType: DiagnosticSetting,
    validate: (props, report) => {
        if (!isVaultUri(read(props, "resourceUri"))) {
            return;
        }
        expectWorkspace(props, report);
        if (missingLogs(props, ["AuditEvent"], ["audit", "allLogs"]).length > 0) {
            report("logs do not enable \"AuditEvent\".");
        }
    },
});

/** What Azure keeps a workspace's data for when retentionInDays is not set. */
const AZURE_DEFAULT_RETENTION_DAYS = 30;

const retentionDays: PolicyConfigJSONSchema = {
    type: "integer",
    minimum: 30,
    maximum: 730,
    default: Thresholds.developmentLogRetentionDays,
    description: `Fewest days a workspace created for the audit logs keeps them (Azure allows 30-730; prod uses ${Thresholds.productionLogRetentionDays}).`,
};

// A workspace the stack does not create is not a resource here; the program reads how long its tables keep the logs.
export const workspaceRetention = resourceControl<{ minimumRetentionDays: number }>({
    name: "azure-log-analytics-retention",
    controlId: "Baseline: audit log retention (production: 90 days, as the program requires of azureLogRetentionDays)",
    requirement: "A Log Analytics workspace the stack creates keeps what it receives at least the configured number of days.",
    remedy: "set retentionInDays to at least minimumRetentionDays.",
    resourceType: AzureTypes.Workspace,
    config: { minimumRetentionDays: retentionDays },
    validate: (props, report, config) => {
        expectAtLeast(props, "retentionInDays", config.minimumRetentionDays, report, AZURE_DEFAULT_RETENTION_DAYS);
    },
});

export const accountHasBlobDiagnostics = everyHasAttached({
    name: "azure-storage-blob-diagnostics",
    controlId: "CIS Azure v3.0.0 4.13 (blob service logging)",
    requirement: "Every storage account's blob service has a diagnostic setting.",
    remedy: "create an azure-native:insights:DiagnosticSetting with resourceUri \"<account id>/blobServices/default\".",
    subjectType: AzureTypes.StorageAccount,
    relation: blobDiagnosticsOfAccount,
    missing: (account) => `storage account ${account.name} has no diagnostic setting on its blob service.`,
});

export const vaultHasDiagnostics = everyHasAttached({
    name: "azure-keyvault-diagnostics",
    controlId: "CIS Azure v2.0.0 5.1.5 (Key Vault logging)",
    requirement: "Every Key Vault has a diagnostic setting that records AuditEvent.",
    remedy: "create an azure-native:insights:DiagnosticSetting with resourceUri set to the vault id and log category AuditEvent.",
    subjectType: AzureTypes.Vault,
    relation: diagnosticsOfVault,
    missing: (vault) => `Key Vault ${vault.name} has no AuditEvent diagnostic setting.`,
});

export const diagnosticsControls: Control[] = [blobDiagnosticLogging, vaultDiagnosticLogging, workspaceRetention, accountHasBlobDiagnostics, vaultHasDiagnostics];
