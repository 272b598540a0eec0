import { test } from "node:test";
import * as blob from "../src/azure/blobService";
import { containerNoPublicAccess } from "../src/azure/container";
import * as lifecycle from "../src/azure/lifecycle";
import { allControls } from "../src/registry";
import { compliantStack, inputsOf, without } from "./fixtures/stack";
import { assertFires, assertPasses, loadPackConfig, testBreakCases } from "./helpers";

type File = ReturnType<typeof compliantStack>;
const service = (f: File) => inputsOf(f, "state-blob-service");

testBreakCases(compliantStack, allControls, [
    { control: blob.blobVersioning, breaks: "versioning is off", mutate: (f) => void (service(f).isVersioningEnabled = false), resource: "state-blob-service" },
    { control: blob.blobSoftDelete, breaks: "blob soft delete is off", mutate: (f) => void (service(f).deleteRetentionPolicy.enabled = false), resource: "state-blob-service", message: /deleteRetentionPolicy\.enabled/ },
    { control: blob.blobSoftDelete, breaks: "blobs are kept 3 days", mutate: (f) => void (service(f).deleteRetentionPolicy.days = 3), resource: "state-blob-service", message: /at least 7/ },
    { control: blob.containerSoftDelete, breaks: "container soft delete is missing", mutate: (f) => void delete service(f).containerDeleteRetentionPolicy, resource: "state-blob-service", message: /containerDeleteRetentionPolicy/ },
    { control: blob.blobChangeFeed, breaks: "the change feed is off", mutate: (f) => void (service(f).changeFeed = { enabled: false }), resource: "state-blob-service" },
    { control: blob.accountHasBlobService, breaks: "the BlobServiceProperties is missing", mutate: (f) => without(f, "state-blob-service"), resource: "state-account" },
    { control: containerNoPublicAccess, breaks: "the container is publicly readable", mutate: (f) => void (inputsOf(f, "state-container").publicAccess = "Blob"), resource: "state-container" },
    {
        control: lifecycle.noncurrentVersionExpiry,
        breaks: "old versions are kept forever",
        mutate: (f) => void delete inputsOf(f, "state-lifecycle").policy.rules[0].definition.actions.version,
        resource: "state-lifecycle",
    },
    { control: lifecycle.noncurrentVersionExpiry, breaks: "the only version rule is disabled", mutate: (f) => void (inputsOf(f, "state-lifecycle").policy.rules[0].enabled = false), resource: "state-lifecycle" },
    { control: lifecycle.accountHasLifecyclePolicy, breaks: "the ManagementPolicy is missing", mutate: (f) => without(f, "state-lifecycle"), resource: "state-account" },
]);

test("soft delete minimums come from the stack's pack config (prod asks for 30 days)", () => {
    const file = compliantStack();
    service(file).deleteRetentionPolicy.days = 14;
    service(file).containerDeleteRetentionPolicy.days = 14;
    assertPasses([blob.blobSoftDelete, blob.containerSoftDelete], file, loadPackConfig("dev"));
    assertFires(blob.blobSoftDelete, file, { packConfig: loadPackConfig("prod"), message: /at least 30/ });
    assertFires(blob.containerSoftDelete, file, { packConfig: loadPackConfig("prod"), message: /at least 30/ });
});

test("an unset publicAccess on a container is private", () => {
    const file = compliantStack();
    delete inputsOf(file, "state-container").publicAccess;
    assertPasses(containerNoPublicAccess, file);
});

test("versions kept longer than the configured maximum fire", () => {
    const file = compliantStack();
    assertFires(lifecycle.noncurrentVersionExpiry, file, {
        packConfig: { "azure-blob-noncurrent-version-expiry": { maximumNoncurrentVersionDays: 30 } },
        message: /within 30 days.*90/,
    });
});
