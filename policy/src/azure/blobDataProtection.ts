// Blob data protection, as BlobDataProtection.java declares it: versioning, soft delete and change feed on the blob
// service (what lets a bad state write or a deleted stack be recovered), and the lifecycle rule that keeps the growth
// of previous versions bounded (with versioning on, every state write leaves one behind:
// https://learn.microsoft.com/azure/storage/blobs/versioning-overview).
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { asNumber, expectAtLeast, expectNotTrue, expectValue } from "../common/checks";
import { Control, Report, resourceControl } from "../common/control";
import { isUnknown, list, read, sameText, show } from "../common/props";
import { MAXIMUM_NONCURRENT_VERSION_DAYS } from "../common/schemas";
import { Thresholds } from "../common/thresholds";
import { blobServiceOfAccount, everyHasAttached, managementPolicyOfAccount } from "./stack";
import { AzureTypes } from "./types";

const BlobService = AzureTypes.BlobServiceProperties;

interface SoftDeleteConfig {
    minimumSoftDeleteRetentionDays: number;
}

const softDeleteDays: PolicyConfigJSONSchema = {
    type: "integer",
    minimum: 1,
    maximum: 365,
    default: Thresholds.developmentSoftDeleteDays,
    description: `Fewest days deleted data stays recoverable (Azure allows 1-365; CIS asks for at least 7, prod uses ${Thresholds.productionSoftDeleteDays}).`,
};

function expectRetention(props: unknown, policyPath: string, minimumDays: number, report: Report): void {
    expectValue(props, `${policyPath}.enabled`, true, report);
    expectAtLeast(props, `${policyPath}.days`, minimumDays, report);
}

export const blobVersioning = resourceControl({
    name: "azure-blob-versioning",
    controlId: "CIS Azure v5 9.2.3",
    requirement: "Blob versioning keeps every previous version of the state files.",
    remedy: "set isVersioningEnabled: true on the BlobServiceProperties.",
    resourceType: BlobService,
    validate: (props, report) => {
        expectValue(props, "isVersioningEnabled", true, report);
    },
});

export const blobSoftDelete = resourceControl<SoftDeleteConfig>({
    name: "azure-blob-soft-delete",
    controlId: "CIS Azure v5 9.2.1",
    requirement: "Deleted blobs stay recoverable for at least the configured number of days, and cannot be deleted for good before then.",
    remedy: "set deleteRetentionPolicy: { enabled: true, days: <at least minimumSoftDeleteRetentionDays>, allowPermanentDelete: false }.",
    resourceType: BlobService,
    config: { minimumSoftDeleteRetentionDays: softDeleteDays },
    validate: (props, report, config) => {
        expectRetention(props, "deleteRetentionPolicy", config.minimumSoftDeleteRetentionDays, report);
        expectNotTrue(props, "deleteRetentionPolicy.allowPermanentDelete", report, "else a soft-deleted blob can be purged at once");
    },
});

export const containerSoftDelete = resourceControl<SoftDeleteConfig>({
    name: "azure-container-soft-delete",
    controlId: "CIS Azure v5 9.2.2",
    requirement: "Deleted containers stay recoverable for at least the configured number of days.",
    remedy: "set containerDeleteRetentionPolicy: { enabled: true, days: <at least minimumSoftDeleteRetentionDays> }.",
    resourceType: BlobService,
    config: { minimumSoftDeleteRetentionDays: softDeleteDays },
    validate: (props, report, config) => expectRetention(props, "containerDeleteRetentionPolicy", config.minimumSoftDeleteRetentionDays, report),
});

export const blobChangeFeed = resourceControl({
    name: "azure-blob-change-feed",
    controlId: "Baseline: blob change log (supports CIS Azure v5 9.2.1-9.2.3 recovery)",
    requirement: "The change feed records every blob create, update and delete, for audit and point-in-time restore.",
    remedy: "set changeFeed: { enabled: true }.",
    resourceType: BlobService,
    validate: (props, report) => {
        expectValue(props, "changeFeed.enabled", true, report);
    },
});

export const accountHasBlobService = everyHasAttached({
    name: "azure-storage-blob-service-configured",
    controlId: "CIS Azure v5 9.2.1-9.2.3",
    requirement: "Every storage account has its BlobServiceProperties managed in the stack, so the recovery settings above apply to it.",
    remedy: "create an azure-native:storage:BlobServiceProperties (blobServicesName \"default\") for the account.",
    subjectType: AzureTypes.StorageAccount,
    relation: blobServiceOfAccount,
    missing: (account) => `storage account ${account.name} has no BlobServiceProperties in the stack.`,
});

const VERSION_DELETE_DAYS = "definition.actions.version.delete.daysAfterCreationGreaterThan";

/**
 * Whether a rule's filters take in every block blob, as the state files are: no prefixMatch, no blobIndexMatch, and
 * blobTypes absent or naming blockBlob. A rule narrowed to a prefix or an index tag leaves the versions of the state
 * files outside it unexpired. A value not known until the update counts as covering, as every check here treats
 * unknowns.
 */
function coversEveryBlockBlob(rule: unknown): boolean {
    // Prefixes are alternatives, so one unknown prefix may be "" (every blob); index tag conditions must all hold, so
    // one known tag narrows the rule whatever the others are.
    const prefixes = list(rule, "definition.filters.prefixMatch");
    const narrowedByPrefix = !isUnknown(prefixes) && prefixes.length > 0 && prefixes.every((p) => !isUnknown(p) && p !== "");
    const tags = list(rule, "definition.filters.blobIndexMatch");
    const narrowedByTag = !isUnknown(tags) && tags.some((t) => !isUnknown(t));
    const types = list(rule, "definition.filters.blobTypes");
    const takesBlockBlobs = isUnknown(types) || types.length === 0 || types.some((t) => isUnknown(t) || sameText(t, "blockBlob"));
    return takesBlockBlobs && !narrowedByPrefix && !narrowedByTag;
}

export const noncurrentVersionExpiry = resourceControl<{ maximumNoncurrentVersionDays: number }>({
    name: "azure-blob-noncurrent-version-expiry",
    controlId: "Baseline: bounded version growth (complements CIS Azure v5 9.2.3)",
    requirement: "An enabled lifecycle rule that applies to every block blob deletes previous blob versions after at most the configured number of days.",
    remedy: `add an enabled rule to policy.rules, with no prefixMatch or blobIndexMatch filter, with ${VERSION_DELETE_DAYS} set to at most maximumNoncurrentVersionDays.`,
    resourceType: AzureTypes.ManagementPolicy,
    config: {
        maximumNoncurrentVersionDays: MAXIMUM_NONCURRENT_VERSION_DAYS,
    },
    validate: (props, report, config) => {
        const rules = list(props, "policy.rules");
        if (isUnknown(rules)) {
            return;
        }
        const days = rules
            .filter((rule) => read(rule, "enabled") !== false && coversEveryBlockBlob(rule))
            .map((rule) => read(rule, VERSION_DELETE_DAYS));
        if (days.some(isUnknown)) {
            return;
        }
        const bounded = days.map(asNumber).filter((d): d is number => d !== undefined && d <= config.maximumNoncurrentVersionDays);
        if (bounded.length === 0) {
            report(
                `no enabled rule in policy.rules that covers every block blob (no prefixMatch or blobIndexMatch filter) ` +
                    `deletes previous versions within ${config.maximumNoncurrentVersionDays} days ` +
                    `(${VERSION_DELETE_DAYS} found: ${days.length ? days.map(show).join(", ") : "none"}).`,
            );
        }
    },
});

export const accountHasLifecyclePolicy = everyHasAttached({
    name: "azure-storage-lifecycle-configured",
    controlId: "Baseline: bounded version growth (complements CIS Azure v5 9.2.3)",
    requirement: "Every storage account has a lifecycle management policy in the stack.",
    remedy: "create an azure-native:storage:ManagementPolicy (managementPolicyName \"default\") for the account.",
    subjectType: AzureTypes.StorageAccount,
    relation: managementPolicyOfAccount,
    missing: (account) => `storage account ${account.name} has no ManagementPolicy in the stack.`,
});

export const blobDataProtectionControls: Control[] = [
    blobVersioning,
    blobSoftDelete,
    containerSoftDelete,
    blobChangeFeed,
    accountHasBlobService,
    noncurrentVersionExpiry,
    accountHasLifecyclePolicy,
];
