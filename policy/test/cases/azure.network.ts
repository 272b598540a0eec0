// Break cases for the azure.network policies: see testBreakCases in ../helpers.ts.
import * as diagnostics from "../../src/azure/diagnostics";
import * as network from "../../src/azure/network";
import { compliantStack, inputsOf, without } from "../fixtures/stack";
import { BreakCase } from "../helpers";

export type File = ReturnType<typeof compliantStack>;
export const blobDiag = (f: File) => inputsOf(f, "state-blob-diagnostics");
export const vaultDiag = (f: File) => inputsOf(f, "state-vault-diagnostics");
export const blobDns = (f: File) => inputsOf(f, "state-blob-dns");
export const workspace = (f: File) => inputsOf(f, "state-logs");

export const cases: BreakCase[] = [
    { control: network.zoneHasVnetLink, breaks: "the blob zone is linked to no VNet", mutate: (f) => without(f, "state-blob-zone-link"), resource: "state-blob-zone" },
    { control: network.vnetLinkWithoutRegistration, breaks: "the VNet's machines register in the vault zone", mutate: (f) => void (inputsOf(f, "state-vault-zone-link").registrationEnabled = true), resource: "state-vault-zone-link", message: /registrationEnabled/ },
    { control: diagnostics.workspaceRetention, breaks: "the workspace keeps the audit logs a week", mutate: (f) => void (workspace(f).retentionInDays = 7), resource: "state-logs", message: /at least 30/ },
    {
        control: network.dnsZoneMatchesEndpoint,
        breaks: "the blob endpoint is registered in the vault's zone",
        mutate: (f) => void (blobDns(f).privateDnsZoneConfigs = inputsOf(f, "state-vault-dns").privateDnsZoneConfigs),
        resource: "state-blob-dns",
        message: /is in "privatelink.vaultcore.azure.net", not privatelink.blob.core.windows.net/,
    },
    { control: network.privateEndpointShape, breaks: "the endpoint has no subnet", mutate: (f) => void delete inputsOf(f, "state-blob-endpoint").subnet, resource: "state-blob-endpoint", message: /subnet\.id/ },
    {
        control: network.privateEndpointShape,
        breaks: "the account endpoint names the wrong sub-resource",
        mutate: (f) => void (inputsOf(f, "state-blob-endpoint").privateLinkServiceConnections[0].groupIds = ["file"]),
        resource: "state-blob-endpoint",
        message: /"blob"/,
        // Without a "blob" endpoint the account has no usable private endpoint either.
        alsoFires: [network.accountHasPrivateEndpoint],
    },
    { control: network.accountHasPrivateEndpoint, breaks: "the account has no private endpoint", mutate: (f) => without(f, "state-blob-endpoint"), resource: "state-account" },
    { control: network.vaultHasPrivateEndpoint, breaks: "the vault has no private endpoint", mutate: (f) => without(f, "state-vault-endpoint"), resource: "state-vault" },
    {
        control: network.privateDnsZoneGroup,
        breaks: "the blob endpoint's DNS zone group names a zone the account is not resolved in",
        mutate: (f) => void (blobDns(f).privateDnsZoneConfigs[0].privateDnsZoneId = blobDns(f).privateDnsZoneConfigs[0].privateDnsZoneId.replace("privatelink.blob.", "privatelink.file.")),
        resource: "state-blob-dns",
        message: /privatelink\.file\.core\.windows\.net/,
        alsoFires: [network.dnsZoneMatchesEndpoint],
    },
    { control: network.privateDnsZoneGroup, breaks: "the DNS zone group has no zone", mutate: (f) => void (blobDns(f).privateDnsZoneConfigs = []), resource: "state-blob-dns", message: /empty/, alsoFires: [network.dnsZoneMatchesEndpoint] },
    { control: network.endpointHasDnsZoneGroup, breaks: "the vault endpoint has no DNS zone group", mutate: (f) => without(f, "state-vault-dns"), resource: "state-vault-endpoint" },
    {
        control: network.endpointHasDnsZoneGroup,
        breaks: "the DNS zone group names another endpoint",
        mutate: (f) => void (blobDns(f).privateEndpointName = "pe-elsewhere"),
        resource: "state-blob-endpoint",
        message: /state-blob-endpoint has no private DNS zone group/,
    },
    { control: diagnostics.blobDiagnosticLogging, breaks: "blob deletes are not logged", mutate: (f) => void blobDiag(f).logs.pop(), resource: "state-blob-diagnostics", message: /StorageDelete/ },
    { control: diagnostics.blobDiagnosticLogging, breaks: "transactions are not measured", mutate: (f) => void (blobDiag(f).metrics = []), resource: "state-blob-diagnostics", message: /Transaction/ },
    { control: diagnostics.blobDiagnosticLogging, breaks: "the blob logs go nowhere", mutate: (f) => void delete blobDiag(f).workspaceId, resource: "state-blob-diagnostics", message: /workspaceId/ },
    { control: diagnostics.vaultDiagnosticLogging, breaks: "AuditEvent is disabled", mutate: (f) => void (vaultDiag(f).logs[0].enabled = false), resource: "state-vault-diagnostics", message: /AuditEvent/ },
    { control: diagnostics.vaultDiagnosticLogging, breaks: "the vault's audit log goes nowhere", mutate: (f) => void delete vaultDiag(f).workspaceId, resource: "state-vault-diagnostics", message: /workspaceId/ },
    { control: diagnostics.accountHasBlobDiagnostics, breaks: "the blob service has no diagnostic setting", mutate: (f) => without(f, "state-blob-diagnostics"), resource: "state-account" },
    { control: diagnostics.vaultHasDiagnostics, breaks: "the vault has no diagnostic setting", mutate: (f) => without(f, "state-vault-diagnostics"), resource: "state-vault" },
];
