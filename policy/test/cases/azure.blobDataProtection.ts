// Break cases for the azure.blobService policies: see testBreakCases in ../helpers.ts.
import * as blob from "../../src/azure/blobDataProtection";
import { containerNoPublicAccess } from "../../src/azure/stateContainer";
import { compliantStack, inputsOf, without } from "../fixtures/stack";
import { BreakCase, UNKNOWN_VALUE } from "../helpers";

export type File = ReturnType<typeof compliantStack>;
export const service = (f: File) => inputsOf(f, "state-blob-service");
export const expiryFilters = (f: File) => inputsOf(f, "state-lifecycle").policy.rules[0].definition.filters;

export const cases: BreakCase[] = [
    { control: blob.blobVersioning, breaks: "versioning is off", mutate: (f) => void (service(f).isVersioningEnabled = false), resource: "state-blob-service" },
    { control: blob.blobSoftDelete, breaks: "blob soft delete is off", mutate: (f) => void (service(f).deleteRetentionPolicy.enabled = false), resource: "state-blob-service", message: /deleteRetentionPolicy\.enabled/ },
    { control: blob.blobSoftDelete, breaks: "soft-deleted blobs may be deleted for good", mutate: (f) => void (service(f).deleteRetentionPolicy.allowPermanentDelete = true), resource: "state-blob-service", message: /allowPermanentDelete is true/ },
    { control: blob.blobSoftDelete, breaks: "blobs are kept 3 days", mutate: (f) => void (service(f).deleteRetentionPolicy.days = 3), resource: "state-blob-service", message: /at least 7/ },
    { control: blob.containerSoftDelete, breaks: "container soft delete is missing", mutate: (f) => void delete service(f).containerDeleteRetentionPolicy, resource: "state-blob-service", message: /containerDeleteRetentionPolicy/ },
    { control: blob.blobChangeFeed, breaks: "the change feed is off", mutate: (f) => void (service(f).changeFeed = { enabled: false }), resource: "state-blob-service" },
    { control: blob.accountHasBlobService, breaks: "the BlobServiceProperties is missing", mutate: (f) => without(f, "state-blob-service"), resource: "state-account" },
    { control: containerNoPublicAccess, breaks: "the container is publicly readable", mutate: (f) => void (inputsOf(f, "state-container").publicAccess = "Blob"), resource: "state-container" },
    {
        control: blob.noncurrentVersionExpiry,
        breaks: "old versions are kept forever",
        mutate: (f) => void delete inputsOf(f, "state-lifecycle").policy.rules[0].definition.actions.version,
        resource: "state-lifecycle",
    },
    { control: blob.noncurrentVersionExpiry, breaks: "the only version rule is disabled", mutate: (f) => void (inputsOf(f, "state-lifecycle").policy.rules[0].enabled = false), resource: "state-lifecycle" },
    {
        control: blob.noncurrentVersionExpiry,
        breaks: "the only version rule is filtered to the checkpoint backups prefix",
        mutate: (f) => void (expiryFilters(f).prefixMatch = ["pulumi-state/.pulumi/backups/"]),
        resource: "state-lifecycle",
        message: /covers every block blob/,
    },
    {
        control: blob.noncurrentVersionExpiry,
        breaks: "the only version rule is filtered to blobs with an index tag",
        mutate: (f) => void (expiryFilters(f).blobIndexMatch = [{ name: "keep", op: "==", value: "short" }]),
        resource: "state-lifecycle",
        message: /covers every block blob/,
    },
    {
        control: blob.noncurrentVersionExpiry,
        breaks: "the only version rule is filtered to an index tag beside one unknown until the update",
        mutate: (f) => void (expiryFilters(f).blobIndexMatch = [{ name: "keep", op: "==", value: "short" }, UNKNOWN_VALUE]),
        resource: "state-lifecycle",
        message: /covers every block blob/,
    },
    {
        control: blob.noncurrentVersionExpiry,
        breaks: "the only version rule is for append blobs",
        mutate: (f) => void (expiryFilters(f).blobTypes = ["appendBlob"]),
        resource: "state-lifecycle",
        message: /covers every block blob/,
    },
    { control: blob.accountHasLifecyclePolicy, breaks: "the ManagementPolicy is missing", mutate: (f) => without(f, "state-lifecycle"), resource: "state-account" },
];
