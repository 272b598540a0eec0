// Private endpoints: with public network access disabled they are the only way to the state.
import { expectSet } from "../common/checks";
import { Control, resourceControl, stackControl } from "../common/control";
import { isUnknown, list, read, sameText } from "../common/props";
import { armName, blobPrivateEndpointOfAccount, privateEndpointOfVault, uncovered } from "./stack";
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

export const accountHasPrivateEndpoint = stackControl({
    name: "azure-storage-private-endpoint",
    controlId: "CIS Azure v5 9.3.2.1",
    requirement: "Every storage account has a private endpoint for its blob service.",
    remedy: "create an azure-native:network:PrivateEndpoint connected to the account with groupIds [\"blob\"].",
    subjectTypes: [AzureTypes.StorageAccount],
    validate: (resources, report) => {
        for (const account of uncovered(resources, AzureTypes.StorageAccount, blobPrivateEndpointOfAccount)) {
            report(`storage account ${account.name} has no private endpoint with group "blob".`, account);
        }
    },
});

export const vaultHasPrivateEndpoint = stackControl({
    name: "azure-keyvault-private-endpoint",
    controlId: "CIS Azure v2.0.0 8.7 (Key Vault private endpoints)",
    requirement: "Every Key Vault has a private endpoint, so state users inside the network can reach the secrets-provider key.",
    remedy: "create an azure-native:network:PrivateEndpoint connected to the vault with groupIds [\"vault\"].",
    subjectTypes: [AzureTypes.Vault],
    validate: (resources, report) => {
        for (const vault of uncovered(resources, AzureTypes.Vault, privateEndpointOfVault)) {
            report(`Key Vault ${vault.name} has no private endpoint with group "vault".`, vault);
        }
    },
});

export const networkControls: Control[] = [privateEndpointShape, accountHasPrivateEndpoint, vaultHasPrivateEndpoint];
