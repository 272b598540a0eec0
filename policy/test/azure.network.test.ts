import { test } from "node:test";
import * as diagnostics from "../src/azure/diagnostics";
import * as network from "../src/azure/network";
import { allControls } from "../src/registry";
import { compliantStack, without } from "./fixtures/stack";
import { assertFires, assertPasses, loadPackConfig, testBreakCases, UNKNOWN_VALUE } from "./helpers";
import { cases, blobDiag, blobDns, vaultDiag, workspace } from "./cases/azure.network";

testBreakCases(compliantStack, allControls, cases);

test("the workspace's retention minimum comes from the stack's pack config (prod asks for 90 days), unset is Azure's 30", () => {
    const file = compliantStack();
    workspace(file).retentionInDays = 60;
    assertPasses(diagnostics.workspaceRetention, file, loadPackConfig("dev"));
    assertFires(diagnostics.workspaceRetention, file, { packConfig: loadPackConfig("prod"), message: /at least 90/ });
    delete workspace(file).retentionInDays;
    assertPasses(diagnostics.workspaceRetention, file, loadPackConfig("dev"));
    assertFires(diagnostics.workspaceRetention, file, { packConfig: loadPackConfig("prod"), message: /not set; it must be at least 90/ });
});

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

test("a DNS zone id unknown in a preview is checked at the update", () => {
    const file = compliantStack();
    blobDns(file).privateDnsZoneConfigs = [{ name: "other", privateDnsZoneId: "/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/privateDnsZones/example.com" }, { name: "blob", privateDnsZoneId: UNKNOWN_VALUE }];
    assertPasses(network.privateDnsZoneGroup, file);
    blobDns(file).privateDnsZoneConfigs = UNKNOWN_VALUE;
    assertPasses(network.privateDnsZoneGroup, file);
});

test("privatelink zone names compare case-insensitively, as Azure's DNS names do", () => {
    const file = compliantStack();
    const config = blobDns(file).privateDnsZoneConfigs[0];
    config.privateDnsZoneId = config.privateDnsZoneId.replace("privateDnsZones/privatelink.blob.core.windows.net", "privatednszones/PrivateLink.Blob.Core.Windows.Net");
    assertPasses(network.privateDnsZoneGroup, file);
});

test("a DNS zone group covers only the endpoint it names", () => {
    const file = without(compliantStack(), "state-vault-dns");
    assertFires(network.endpointHasDnsZoneGroup, file, { resource: "state-vault-endpoint", message: /state-vault-endpoint has no private DNS zone group/ });
});
