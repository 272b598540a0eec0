// Private endpoints: with public network access disabled they are the only way to the state. Clients
// still connect to <account>.blob.core.windows.net and <vault>.vault.azure.net; those names resolve to
// the endpoint's private address only through the privatelink zone's A record, which the endpoint's
// private DNS zone group maintains (https://learn.microsoft.com/azure/private-link/private-endpoint-dns).
import { expectNotTrue, expectSet } from "../common/checks";
import { Control, ofType, resourceControl, stackControl } from "../common/control";
import { coverageOf } from "../common/relations";
import { isUnknown, list, read, sameText, show } from "../common/props";
import { armName, blobPrivateEndpointOfAccount, dnsZoneGroupOfEndpoint, everyHasAttached, privateEndpointOfVault, vnetLinkOfZone } from "./stack";
import { AzureTypes } from "./types";

/** The group id a private endpoint must use for the resource it connects to, if recognisable. */
function expectedGroupId(privateLinkServiceId: unknown): string | undefined {
    if (typeof armName(privateLinkServiceId, "storageAccounts") === "string") {
        return "blob";
    }
    if (typeof armName(privateLinkServiceId, "vaults") === "string") {
        return "vault";
    }
    return undefined;
}

export const privateEndpointShape = resourceControl({
    name: "azure-private-endpoint-connection",
    controlId: "CIS Azure v5 9.3.2.1",
    requirement: "Each private endpoint sits in a subnet and connects to a named sub-resource: \"blob\" for a storage account, \"vault\" for a Key Vault.",
    remedy: "set subnet.id and privateLinkServiceConnections[].groupIds ([\"blob\"] for the account, [\"vault\"] for the vault).",
    resourceType: AzureTypes.PrivateEndpoint,
    validate: (props, report) => {
        expectSet(props, "subnet.id", report);
        const connections = list(props, "privateLinkServiceConnections");
        if (isUnknown(connections)) {
            return;
        }
        if (connections.length === 0) {
            report("privateLinkServiceConnections is empty; the endpoint must connect to the account or vault.");
            return;
        }
        connections.forEach((conn, i) => {
            const groups = list(conn, "groupIds");
            if (isUnknown(groups)) {
                return;
            }
            const expected = expectedGroupId(read(conn, "privateLinkServiceId"));
            if (groups.length === 0) {
                report(`privateLinkServiceConnections[${i}].groupIds is empty; it must name the sub-resource (${expected ?? "blob or vault"}).`);
            } else if (expected && !groups.some((g) => isUnknown(g) || sameText(g, expected))) {
                report(`privateLinkServiceConnections[${i}].groupIds is ${JSON.stringify(groups)}; it must include "${expected}".`);
            }
        });
    },
});

export const accountHasPrivateEndpoint = everyHasAttached({
    name: "azure-storage-private-endpoint",
    controlId: "CIS Azure v5 9.3.2.1",
    requirement: "Every storage account has a private endpoint for its blob service.",
    remedy: "create an azure-native:network:PrivateEndpoint connected to the account with groupIds [\"blob\"].",
    subjectType: AzureTypes.StorageAccount,
    relation: blobPrivateEndpointOfAccount,
    missing: (account) => `storage account ${account.name} has no private endpoint with group "blob".`,
});

export const vaultHasPrivateEndpoint = everyHasAttached({
    name: "azure-keyvault-private-endpoint",
    controlId: "CIS Azure v2.0.0 8.7 (Key Vault private endpoints)",
    requirement: "Every Key Vault has a private endpoint, so state users inside the network can reach the secrets-provider key.",
    remedy: "create an azure-native:network:PrivateEndpoint connected to the vault with groupIds [\"vault\"].",
    subjectType: AzureTypes.Vault,
    relation: privateEndpointOfVault,
    missing: (vault) => `Key Vault ${vault.name} has no private endpoint with group "vault".`,
});

/**
 * The privatelink zone each sub-resource the state uses resolves through: "blob" (storage account) and "vault"
 * (Key Vault).
 */
const ZONE_OF_GROUP: Record<string, string> = {
    blob: "privatelink.blob.core.windows.net",
    vault: "privatelink.vaultcore.azure.net",
};
const PRIVATE_LINK_ZONES = Object.values(ZONE_OF_GROUP);

export const privateDnsZoneGroup = resourceControl({
    name: "azure-private-dns-zone-group",
    controlId: "CIS Azure v5 9.3.2.1 (private endpoint name resolution)",
    requirement: `Each private DNS zone group registers its endpoint in a privatelink zone of the state (${PRIVATE_LINK_ZONES.join(" or ")}).`,
    remedy:
        "set privateDnsZoneConfigs[].privateDnsZoneId to the id of the privateDnsZones/privatelink.blob.core.windows.net zone (account endpoint) or the privateDnsZones/privatelink.vaultcore.azure.net zone (vault endpoint).",
    resourceType: AzureTypes.PrivateDnsZoneGroup,
    validate: (props, report) => {
        const configs = list(props, "privateDnsZoneConfigs");
        if (isUnknown(configs)) {
            return;
        }
        if (configs.length === 0) {
            report(`privateDnsZoneConfigs is empty; it must name the ${PRIVATE_LINK_ZONES.join(" or ")} zone.`);
            return;
        }
        const ids = configs.map((config) => read(config, "privateDnsZoneId"));
        const zones = ids.map((id) => armName(id, "privateDnsZones"));
        // A zone id unknown in a preview (the zone is created in the same update) is checked at the update.
        if (zones.some((zone) => isUnknown(zone) || PRIVATE_LINK_ZONES.some((z) => sameText(zone, z)))) {
            return;
        }
        report(`privateDnsZoneConfigs[].privateDnsZoneId is ${ids.map(show).join(", ")}; one must be a privateDnsZones/${PRIVATE_LINK_ZONES.join(" or privateDnsZones/")} zone.`);
    },
});

export const endpointHasDnsZoneGroup = everyHasAttached({
    name: "azure-private-endpoint-dns",
    controlId: "CIS Azure v5 9.3.2.1 (private endpoint name resolution)",
    requirement: "Every private endpoint has a private DNS zone group, so the account and vault host names resolve to its private address.",
    remedy:
        "create an azure-native:network:PrivateDnsZoneGroup with privateEndpointName set to the endpoint's privateEndpointName and a privateDnsZoneConfigs entry for its privatelink zone.",
    subjectType: AzureTypes.PrivateEndpoint,
    relation: dnsZoneGroupOfEndpoint,
    missing: (endpoint) => `private endpoint ${endpoint.name} has no private DNS zone group.`,
});

export const dnsZoneMatchesEndpoint = stackControl({
    name: "azure-private-dns-zone-matches-endpoint",
    controlId: "CIS Azure v5 9.3.2.1 (private endpoint name resolution)",
    requirement:
        "A private endpoint's DNS zone group registers it in the zone of its sub-resource: a blob endpoint in privatelink.blob.core.windows.net, a vault endpoint in privatelink.vaultcore.azure.net. In another privatelink zone the host name keeps resolving to the public address.",
    remedy: "point the zone group's privateDnsZoneConfigs[].privateDnsZoneId at the zone of the endpoint's groupIds.",
    subjectTypes: [AzureTypes.PrivateEndpoint],
    validate: (resources, report) => {
        for (const { target: endpoint, attachments } of coverageOf(ofType(resources, AzureTypes.PrivateEndpoint), resources, dnsZoneGroupOfEndpoint)) {
            const connections = list(endpoint.props, "privateLinkServiceConnections");
            if (isUnknown(connections)) {
                continue;
            }
            const groups = connections.flatMap((c) => { const ids = list(c, "groupIds"); return isUnknown(ids) ? [] : ids; });
            if (groups.some(isUnknown)) {
                continue;
            }
            const expected = groups.map((g) => ZONE_OF_GROUP[String(g).toLowerCase()]).filter((z): z is string => z !== undefined);
            for (const { candidate: group } of attachments) {
                const configs = list(group.props, "privateDnsZoneConfigs");
                if (isUnknown(configs)) {
                    continue;
                }
                const zones = configs.map((config) => armName(read(config, "privateDnsZoneId"), "privateDnsZones"));
                if (zones.some(isUnknown)) {
                    continue;
                }
                const missing = expected.filter((zone) => !zones.some((z) => sameText(z, zone)));
                if (missing.length > 0) {
                    report(`the DNS zone group ${group.name} of private endpoint ${endpoint.name} (group ${groups.map(String).join(", ")}) is in ${zones.map(show).join(", ")}, not ${missing.join(", ")}.`, group);
                }
            }
        }
    },
});

export const zoneHasVnetLink = everyHasAttached({
    name: "azure-private-dns-zone-vnet-link",
    controlId: "CIS Azure v5 9.3.2.1 (private endpoint name resolution)",
    requirement: "Every private DNS zone the stack creates is linked to a virtual network; an unlinked zone answers no one, and the host names resolve to the public addresses.",
    remedy: "create an azure-native:network:VirtualNetworkLink with privateZoneName set to the zone's name and virtualNetwork.id set to the endpoints' VNet.",
    subjectType: AzureTypes.PrivateDnsZone,
    relation: vnetLinkOfZone,
    missing: (zone) => `private DNS zone ${zone.name} has no virtual network link.`,
});

export const vnetLinkWithoutRegistration = resourceControl({
    name: "azure-private-dns-link-no-registration",
    controlId: "Baseline: privatelink zones hold only their endpoints' records",
    requirement: "A virtual network link does not register the VNet's virtual machines in the zone, so nothing but the endpoints' records can answer for the account's and vault's host names.",
    remedy: "set registrationEnabled: false on the VirtualNetworkLink.",
    resourceType: AzureTypes.PrivateDnsZoneLink,
    validate: (props, report) => {
        expectNotTrue(props, "registrationEnabled", report, "the VNet's machines would register their names in the privatelink zone");
    },
});

export const networkControls: Control[] = [
    privateEndpointShape,
    accountHasPrivateEndpoint,
    vaultHasPrivateEndpoint,
    privateDnsZoneGroup,
    endpointHasDnsZoneGroup,
    dnsZoneMatchesEndpoint,
    zoneHasVnetLink,
    vnetLinkWithoutRegistration,
];
