// Role assignments: only the few data-plane roles the state backend needs, at the narrowest scope; the one custom
// role (the state readers' decrypt-only role) grants a single data action.
import { Control, ofType, Report, resourceControl, stackControl } from "../common/control";
import { isUnknown, read, show } from "../common/props";
import { AzureTypes } from "./types";

// Built-in role definition ids (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
export const Roles = {
    StorageBlobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    StorageBlobDataReader: "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
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

export const allowedRoles = stackControl<{ allowedRoleDefinitionIds: string[] }>({
    name: "azure-role-assignment-allowed-roles",
    controlId: "MCSB PA-7 (least privilege)",
    requirement: "Role assignments in the stack use only the data-plane roles the backend needs, never Owner, Contributor or Key Vault Administrator, or a custom role the stack itself defines (held to a single data action by azure-custom-role-decrypt-only).",
    remedy: "assign Storage Blob Data Contributor or Reader, Key Vault Crypto Service Encryption User, Key Vault Crypto User, Storage Account Backup Contributor, or the stack's decrypt-only role instead.",
    subjectTypes: [AzureTypes.RoleAssignment],
    config: {
        allowedRoleDefinitionIds: {
            type: "array",
            items: { type: "string", pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" },
            minItems: 1,
            uniqueItems: true,
            default: Object.values(Roles),
            description: "Built-in role definition GUIDs that may be assigned.",
        },
    },
    validate: (resources, report, config) => {
        const allowed = new Set(config.allowedRoleDefinitionIds.map((r) => r.toLowerCase()));
        // A role definition's outputs name its GUID `name` (azure-native returns no roleDefinitionId).
        for (const definition of ofType(resources, AzureTypes.RoleDefinition)) {
            const guid = read(definition.props, "name");
            if (typeof guid === "string") {
                allowed.add(guid.toLowerCase());
            }
        }
        for (const assignment of ofType(resources, AzureTypes.RoleAssignment)) {
            const id = read(assignment.props, "roleDefinitionId");
            if (isUnknown(id)) {
                continue;
            }
            const guid = roleGuid(id);
            if (!guid || !allowed.has(guid)) {
                report(`roleDefinitionId ${show(id)} is not one of the allowed roles (${config.allowedRoleDefinitionIds.join(", ")}) nor a role this stack defines.`, assignment);
            }
        }
    },
});

/** The one data action a state reader needs on the secrets key. */
export const DECRYPT_DATA_ACTION = "Microsoft.KeyVault/vaults/keys/decrypt/action";
const RESOURCE_GROUP_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+$/i;

export const customRoleDecryptOnly = resourceControl({
    name: "azure-custom-role-decrypt-only",
    controlId: "MCSB PA-7 (least privilege)",
    requirement: "A custom role the stack defines grants the Key Vault decrypt data action and nothing else, assignable in a resource group at most.",
    remedy: `give the role one permission with dataActions ["${DECRYPT_DATA_ACTION}"] and no actions, and a resource group as its only assignable scope.`,
    resourceType: AzureTypes.RoleDefinition,
    validate: (props, report) => {
        const permissions = read(props, "permissions");
        if (!isUnknown(permissions)) {
            const list = Array.isArray(permissions) ? permissions : [];
            const grants = list.flatMap((p) => {
                const entry = (p ?? {}) as Record<string, unknown>;
                return [...asStrings(entry.actions), ...asStrings(entry.notActions), ...asStrings(entry.notDataActions),
                    ...asStrings(entry.dataActions).filter((a) => a !== DECRYPT_DATA_ACTION)];
            });
            if (grants.length > 0 || list.length === 0) {
                report(`permissions ${show(permissions)} grant more than ${DECRYPT_DATA_ACTION} alone.`);
            }
        }
        const scopes = read(props, "assignableScopes");
        if (!isUnknown(scopes) && (!Array.isArray(scopes) || scopes.some((s) => typeof s !== "string" || !RESOURCE_GROUP_ID.test(s)))) {
            report(`assignableScopes ${show(scopes)} reach beyond a resource group.`);
        }
    },
});

const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

/** Where a role may be granted: scopes that hold this marker, as the report says. */
interface ScopeRule {
    marker: string;
    what: string;
}

/** Reports a role assignment whose role has a rule in {@code rules} and whose scope breaks it. */
function expectNarrowScope(props: unknown, report: Report, rules: Record<string, ScopeRule>): void {
    const role = roleGuid(read(props, "roleDefinitionId"));
    const rule = role === undefined ? undefined : rules[role];
    const scope = read(props, "scope");
    if (rule === undefined || isUnknown(scope)) {
        return;
    }
    if (typeof scope !== "string" || !scope.toLowerCase().includes(rule.marker.toLowerCase())) {
        report(`scope is ${show(scope)}; this role must be scoped to ${rule.what} (…${rule.marker}<name>).`);
    }
}

const CONTAINER: ScopeRule = { marker: CONTAINER_SCOPE_MARKER, what: "a container" };
const VAULT_OR_KEY: ScopeRule = { marker: "/providers/Microsoft.KeyVault/vaults/", what: "the vault or one of its keys" };
const STORAGE_ACCOUNT: ScopeRule = { marker: "/providers/Microsoft.Storage/storageAccounts/", what: "the storage account it backs up" };

export const blobDataRoleContainerScope = resourceControl({
    name: "azure-blob-data-role-container-scope",
    controlId: "MCSB PA-7 (least privilege)",
    requirement: "Storage Blob Data Contributor and Reader are granted on the state container, not on the whole account.",
    remedy: "set scope to the container id (\"<account id>/blobServices/default/containers/<container>\").",
    resourceType: AzureTypes.RoleAssignment,
    validate: (props, report) =>
        expectNarrowScope(props, report, { [Roles.StorageBlobDataContributor]: CONTAINER, [Roles.StorageBlobDataReader]: CONTAINER }),
});

export const keyAndBackupRoleScope = resourceControl({
    name: "azure-key-and-backup-role-scope",
    controlId: "MCSB PA-7 (least privilege)",
    requirement: "Key Vault Crypto User and Crypto Service Encryption User are granted on the vault or a key, and Storage Account Backup Contributor on the storage account, not on a resource group or the subscription.",
    remedy: "set scope to the key's (or vault's) id, or to the storage account's id.",
    resourceType: AzureTypes.RoleAssignment,
    validate: (props, report) =>
        expectNarrowScope(props, report, {
            [Roles.KeyVaultCryptoUser]: VAULT_OR_KEY,
            [Roles.KeyVaultCryptoServiceEncryptionUser]: VAULT_OR_KEY,
            [Roles.StorageAccountBackupContributor]: STORAGE_ACCOUNT,
        }),
});

export const accessControls: Control[] = [allowedRoles, blobDataRoleContainerScope, keyAndBackupRoleScope, customRoleDecryptOnly];
