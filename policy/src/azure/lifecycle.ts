// Lifecycle management: with versioning on, every state write leaves a previous version behind
// (https://learn.microsoft.com/azure/storage/blobs/versioning-overview); a rule that deletes old versions
// keeps that growth bounded.
import { asNumber } from "../common/checks";
import { MAXIMUM_NONCURRENT_VERSION_DAYS } from "../common/schemas";
import { Control, resourceControl } from "../common/control";
import { isUnknown, list, read, show } from "../common/props";
import { everyHasAttached, managementPolicyOfAccount } from "./stack";
import { AzureTypes } from "./types";

const VERSION_DELETE_DAYS = "definition.actions.version.delete.daysAfterCreationGreaterThan";

export const noncurrentVersionExpiry = resourceControl<{ maximumNoncurrentVersionDays: number }>({
    name: "azure-blob-noncurrent-version-expiry",
    controlId: "Baseline: bounded version growth (complements CIS Azure v5 9.2.3)",
    requirement: "An enabled lifecycle rule deletes previous blob versions after at most the configured number of days.",
    remedy: `add an enabled rule to policy.rules with ${VERSION_DELETE_DAYS} set to at most maximumNoncurrentVersionDays.`,
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
            .filter((rule) => read(rule, "enabled") !== false)
            .map((rule) => read(rule, VERSION_DELETE_DAYS));
        if (days.some(isUnknown)) {
            return;
        }
        const bounded = days.map(asNumber).filter((d): d is number => d !== undefined && d <= config.maximumNoncurrentVersionDays);
        if (bounded.length === 0) {
            report(
                `no enabled rule in policy.rules deletes previous versions within ${config.maximumNoncurrentVersionDays} days ` +
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

export const lifecycleControls: Control[] = [noncurrentVersionExpiry, accountHasLifecyclePolicy];
