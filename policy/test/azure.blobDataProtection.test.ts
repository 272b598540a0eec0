import { test } from "node:test";
import * as blob from "../src/azure/blobDataProtection";
import { containerNoPublicAccess } from "../src/azure/stateContainer";
import { allControls } from "../src/registry";
import { compliantStack, inputsOf } from "./fixtures/stack";
import { assertFires, assertPasses, loadPackConfig, testBreakCases, UNKNOWN_VALUE } from "./helpers";
import { cases, expiryFilters, service } from "./cases/azure.blobDataProtection";

testBreakCases(compliantStack, allControls, cases);

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
    assertFires(blob.noncurrentVersionExpiry, file, {
        packConfig: { "azure-blob-noncurrent-version-expiry": { maximumNoncurrentVersionDays: 30 } },
        message: /within 30 days.*90/,
    });
});

test("a version rule whose filters leave no block blob out counts, and so does one whose filters are unknown until the update", () => {
    const filtersThatCover: unknown[] = [
        undefined,
        {},
        { blobTypes: ["blockBlob", "appendBlob"], prefixMatch: [], blobIndexMatch: [] },
        UNKNOWN_VALUE,
        { blobTypes: UNKNOWN_VALUE, prefixMatch: UNKNOWN_VALUE, blobIndexMatch: UNKNOWN_VALUE },
        { blobTypes: [UNKNOWN_VALUE], prefixMatch: [UNKNOWN_VALUE] },
        { prefixMatch: ["pulumi-state/.pulumi/backups/", UNKNOWN_VALUE] },
        { blobIndexMatch: [UNKNOWN_VALUE] },
    ];
    for (const filters of filtersThatCover) {
        const file = compliantStack();
        inputsOf(file, "state-lifecycle").policy.rules[0].definition.filters = filters;
        assertPasses(blob.noncurrentVersionExpiry, file);
    }
});

test("a prefix-filtered version rule does not count, even beside a rule for every block blob that keeps versions too long", () => {
    const file = compliantStack();
    const rules = inputsOf(file, "state-lifecycle").policy.rules;
    rules.push({ ...structuredClone(rules[0]), name: "expire-backups" });
    expiryFilters(file).prefixMatch = ["pulumi-state/.pulumi/backups/"];
    rules[1].definition.actions.version.delete.daysAfterCreationGreaterThan = 400;
    assertFires(blob.noncurrentVersionExpiry, file, { message: /within 365 days.*found: 400\)/ });
});
