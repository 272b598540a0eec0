import { test } from "node:test";
import * as diagnostics from "../src/azure/diagnostics";
import { allControls } from "../src/registry";
import { compliantStack } from "./fixtures/stack";
import { assertFires, assertPasses, testBreakCases } from "./helpers";
import { cases, blobDiag, vaultDiag } from "./cases/azure.network";

testBreakCases(compliantStack, allControls, cases);

test("category groups cover the individual log categories", () => {
    const file = compliantStack();
    blobDiag(file).logs = [{ categoryGroup: "allLogs", enabled: true }];
    vaultDiag(file).logs = [{ categoryGroup: "audit", enabled: true }];
    assertPasses([diagnostics.blobDiagnosticLogging, diagnostics.vaultDiagnosticLogging], file);
});

test("a diagnostic setting on the account rather than its blob service does not count", () => {
    const file = compliantStack();
    blobDiag(file).resourceUri = blobDiag(file).resourceUri.replace("/blobServices/default", "");
    assertFires(diagnostics.accountHasBlobDiagnostics, file, { resource: "state-account" });
});
