// Role assignments: only the few data-plane roles the state backend needs, at the narrowest scope.
import { Control, resourceControl } from "../common/control";
import { isUnknown, read, show } from "../common/props";
import { AzureTypes } from "./types";

// Built-in role definition ids (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
export const Roles = {
    StorageBlobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    KeyVaultCryptoServiceEncryptionUser: "e147488a-f6f5-4113-8e2d-b22465e65bf6",
    KeyVaultCryptoUser: "12338af0-0e69-4776-bea7-57ae8d297424",
    StorageAccountBackupContributor: "e5e2a7ff-d759-4cd2-bb51-3152d37e2eb1",
} as const;

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** The role's GUID: the last GUID in a role definition id (the subscription id is a GUID too). */
export function roleGuid(roleDefinitionId: unknown): string | undefined {
    if (typeof roleDefinitionId !== "string") {
        return undefined;
    }
    const guids = roleDefinitionId.match(GUID);
    return guids ? guids[guids.length - 1].toLowerCase() : undefined;
}

export const CONTAINER_SCOPE_MARKER = "/blobServices/default/containers/";

export const allowedRoles = resourceControl<{ allowedRoleDefinitionIds: string[] }>({
    name: "azure-role-assignment-allowed-roles",
    controlId: "MCSB PA-7 (least privilege)",
    requirement: "Role assignments in the stack use only the data-plane roles the backend needs, never Owner, Contributor or Key Vault Administrator.",
    remedy: "assign Storage Blob Data Contributor, Key Vault Crypto Service Encryption User, Key Vault Crypto User or Storage Account Backup Contributor instead.",
    resourceType: AzureTypes.RoleAssignment,
    config: {
        allowedRoleDefinitionIds: {
            type: "array",
            items: { type: "string", pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" },
            minItems: 1,
            uniqueItems: true,
            default: Object.values(Roles),
            description: "Role definition GUIDs that may be assigned.",
        },
    },
    validate: (props, report, config) => {
        const id = read(props, "roleDefinitionId");
        if (isUnknown(id)) {
            return;
        }
        const guid = roleGuid(id);
        if (!guid || !config.allowedRoleDefinitionIds.map((r) => r.toLowerCase()).includes(guid)) {
            report(`roleDefinitionId ${show(id)} is not one of the allowed roles (${config.allowedRoleDefinitionIds.join(", ")}).`);
        }
    },
});

export const blobDataRoleContainerScope = resourceControl({
    name: "azure-blob-data-role-container-scope",
    controlId: "MCSB PA-7 (least privilege)",
    requirement: "Storage Blob Data Contributor is granted on the state container, not on the whole account.",
    remedy: "set scope to the container id (\"<account id>/blobServices/default/containers/<container>\").",
    resourceType: AzureTypes.RoleAssignment,
    validate: (props, report) => {
        if (roleGuid(read(props, "roleDefinitionId")) !== Roles.StorageBlobDataContributor) {
            return;
        }
        const scope = read(props, "scope");
        if (isUnknown(scope)) {
            return;
        }
        if (typeof scope !== "string" || !scope.toLowerCase().includes(CONTAINER_SCOPE_MARKER.toLowerCase())) {
            report(`scope is ${show(scope)}; Storage Blob Data Contributor must be scoped to a container (…${CONTAINER_SCOPE_MARKER}<name>).`);
        }
    },
});

export const accessControls: Control[] = [allowedRoles, blobDataRoleContainerScope];
