import { test } from "node:test";
import * as blob from "../src/azure/blobDataProtection";
import { containerNoPublicAccess } from "../src/azure/stateContainer";
import { allControls } from "../src/registry";
import { compliantStack, inputsOf } from "./fixtures/stack";
import { assertFires, assertPasses, loadPackConfig, testBreakCases } from "./helpers";
import { cases, service } from "./cases/azure.blobDataProtection";

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
