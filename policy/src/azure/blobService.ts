// Blob service properties: versioning, soft delete and change feed — what lets a bad state write or a
// deleted stack be recovered.
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { expectAtLeast, expectValue } from "../common/checks";
import { Control, Report, resourceControl } from "../common/control";
import { Thresholds } from "../common/thresholds";
import { blobServiceOfAccount, everyHasAttached } from "./stack";
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
    requirement: "Deleted blobs stay recoverable for at least the configured number of days.",
    remedy: "set deleteRetentionPolicy: { enabled: true, days: <at least minimumSoftDeleteRetentionDays> }.",
    resourceType: BlobService,
    config: { minimumSoftDeleteRetentionDays: softDeleteDays },
    validate: (props, report, config) => expectRetention(props, "deleteRetentionPolicy", config.minimumSoftDeleteRetentionDays, report),
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

export const blobServiceControls: Control[] = [blobVersioning, blobSoftDelete, containerSoftDelete, blobChangeFeed, accountHasBlobService];
