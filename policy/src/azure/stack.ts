// How the Azure stack policies tell which account or vault a lock, private endpoint, diagnostic
// setting, blob service, lifecycle policy or backup instance belongs to. The generic matching order
// (name, then dependency, then count) is in common/relations.ts; this file says, per relationship,
// which input carries the reference and which candidates are even eligible.
import { PolicyResource } from "@pulumi/policy";
import { Control, ControlSpec, ofType, stackControl } from "../common/control";
import { isUnknown, list, read, sameText, UNKNOWN, Unknown } from "../common/props";
import { asRef, Relation, RelationRule, uncoveredTargets } from "../common/relations";
import { AzureTypes } from "./types";

/** The name in an ARM id after `/<segment>/`, e.g. the account in ".../storageAccounts/st1/blobServices/default". */
export function armName(id: unknown, segment: string): string | Unknown | undefined {
    if (isUnknown(id)) {
        return UNKNOWN;
    }
    if (typeof id !== "string") {
        return undefined;
    }
    const match = new RegExp(`/${segment}/([^/]+)`, "i").exec(id);
    return match ? match[1] : undefined;
}

const accountNames: RelationRule["targetNames"] = (account) => [asRef(read(account.props, "accountName")), asRef(read(account.props, "name"))];
const vaultNames: RelationRule["targetNames"] = (vault) => [asRef(read(vault.props, "vaultName")), asRef(read(vault.props, "name"))];

/** Targets of `targetType` with nothing of `relation` attached. */
export function uncovered(resources: readonly PolicyResource[], targetType: string, relation: Relation): PolicyResource[] {
    return uncoveredTargets(ofType(resources, targetType), resources, relation);
}

interface AttachmentSpec extends ControlSpec {
    /** Every resource of this type... */
    subjectType: string;
    /** ...has something of this relation attached. */
    relation: Relation;
    /** The violation message for a resource that has nothing attached. */
    missing(target: PolicyResource): string;
    /** When the control applies at all (always, if absent). */
    appliesWhen?(resources: PolicyResource[]): boolean;
}

/** A stack control for "every account (or vault, or endpoint) has its lock, endpoint, setting... in the stack". */
export function everyHasAttached(spec: AttachmentSpec): Control {
    const { subjectType, relation, missing, appliesWhen, ...control } = spec;
    return stackControl({
        ...control,
        subjectTypes: [subjectType],
        validate: (resources, report) => {
            if (appliesWhen && !appliesWhen(resources)) {
                return;
            }
            for (const target of uncovered(resources, subjectType, relation)) {
                report(missing(target), target);
            }
        },
    });
}

// --- storage account relations ---------------------------------------------------------------

export const blobServiceOfAccount = childNaming(AzureTypes.BlobServiceProperties, "accountName");
export const managementPolicyOfAccount = childNaming(AzureTypes.ManagementPolicy, "accountName");

/** "Microsoft.Storage" + "storageAccounts", or "Microsoft.Storage/storageAccounts" in resourceType alone. */
function lockTargetType(lock: PolicyResource): string | Unknown | undefined {
    const namespace = read(lock.props, "resourceProviderNamespace");
    const type = read(lock.props, "resourceType");
    if (isUnknown(namespace) || isUnknown(type)) {
        return UNKNOWN;
    }
    if (typeof type !== "string") {
        return undefined;
    }
    return type.includes("/") ? type : `${namespace}/${type}`;
}

function lockOn(fullType: string): Relation {
    return {
        candidateType: AzureTypes.ResourceLock,
        eligible: (lock) => {
            const type = lockTargetType(lock);
            return type === undefined || isUnknown(type) || sameText(type, fullType);
        },
        rule: {
            targetNames: fullType === "Microsoft.Storage/storageAccounts" ? accountNames : vaultNames,
            candidateRef: (lock) => asRef(read(lock.props, "resourceName")),
            refProperty: "resourceName",
        },
    };
}

export const lockOfAccount = lockOn("Microsoft.Storage/storageAccounts");
export const lockOfVault = lockOn("Microsoft.KeyVault/vaults");

function privateEndpointFor(groupId: string, segment: string, targetNames: RelationRule["targetNames"]): Relation {
    const connections = (pe: PolicyResource) => {
        const items = list(pe.props, "privateLinkServiceConnections");
        return isUnknown(items) ? [] : items;
    };
    return {
        candidateType: AzureTypes.PrivateEndpoint,
        eligible: (pe) => {
            const items = list(pe.props, "privateLinkServiceConnections");
            if (isUnknown(items)) {
                return true;
            }
            return items.some((conn) => {
                const groups = list(conn, "groupIds");
                return isUnknown(groups) || groups.some((g) => isUnknown(g) || sameText(g, groupId));
            });
        },
        rule: {
            targetNames,
            candidateRef: (pe) => {
                const refs = connections(pe).map((conn) => armName(read(conn, "privateLinkServiceId"), segment));
                return refs.find((r) => typeof r === "string" && !isUnknown(r)) ?? (refs.some(isUnknown) ? UNKNOWN : undefined);
            },
            refProperty: "privateLinkServiceConnections",
        },
    };
}

export const blobPrivateEndpointOfAccount = privateEndpointFor("blob", "storageAccounts", accountNames);
export const privateEndpointOfVault = privateEndpointFor("vault", "vaults", vaultNames);

/**
 * A child resource that names its parent in the same resource group by the parent's own name input (`nameProperty`,
 * which azure-native also returns as the parent's `name`).
 */
function childNaming(candidateType: string, nameProperty: string): Relation {
    return {
        candidateType,
        rule: {
            targetNames: (parent) => [asRef(read(parent.props, nameProperty)), asRef(read(parent.props, "name"))],
            candidateRef: (child) => asRef(read(child.props, nameProperty)),
            refProperty: nameProperty,
        },
    };
}

/** A private endpoint's DNS zone group: by privateEndpointName. */
export const dnsZoneGroupOfEndpoint = childNaming(AzureTypes.PrivateDnsZoneGroup, "privateEndpointName");

/** A private DNS zone's virtual network links: by privateZoneName. */
export const vnetLinkOfZone = childNaming(AzureTypes.PrivateDnsZoneLink, "privateZoneName");

/** Enabled log categories (and category groups) of a diagnostic setting, lowercased. */
export function enabledLogCategories(props: Record<string, unknown>): string[] {
    const logs = list(props, "logs");
    if (isUnknown(logs)) {
        return [];
    }
    return logs
        .filter((l) => read(l, "enabled") === true)
        .map((l) => read(l, "category") ?? read(l, "categoryGroup"))
        .filter((c): c is string => typeof c === "string")
        .map((c) => c.toLowerCase());
}

export const BLOB_SERVICE_SUFFIX = "/blobServices/default";

export function isBlobServiceUri(uri: unknown): boolean {
    return typeof uri === "string" && uri.toLowerCase().replace(/\/$/, "").endsWith(BLOB_SERVICE_SUFFIX.toLowerCase());
}

export function isVaultUri(uri: unknown): boolean {
    return typeof uri === "string" && /microsoft\.keyvault\/vaults\//i.test(uri);
}

// When the target's id is not known yet, the categories tell a blob-service setting from a vault one.
export const blobDiagnosticsOfAccount: Relation = {
    candidateType: AzureTypes.DiagnosticSetting,
    eligible: (ds) => {
        const uri = read(ds.props, "resourceUri");
        if (isUnknown(uri) || uri === undefined) {
            return enabledLogCategories(ds.props).some((c) => c.startsWith("storage") || c === "alllogs");
        }
        return isBlobServiceUri(uri);
    },
    rule: { targetNames: accountNames, candidateRef: (ds) => armName(read(ds.props, "resourceUri"), "storageAccounts"), refProperty: "resourceUri" },
};

export const diagnosticsOfVault: Relation = {
    candidateType: AzureTypes.DiagnosticSetting,
    eligible: (ds) => {
        const uri = read(ds.props, "resourceUri");
        if (isUnknown(uri) || uri === undefined) {
            return enabledLogCategories(ds.props).some((c) => c === "auditevent" || c === "audit" || c === "alllogs");
        }
        return isVaultUri(uri);
    },
    rule: { targetNames: vaultNames, candidateRef: (ds) => armName(read(ds.props, "resourceUri"), "vaults"), refProperty: "resourceUri" },
};

/** A backup instance protecting the account: by dataSourceInfo.resourceName, else the account in resourceID. */
export const backupInstanceOfAccount: Relation = {
    candidateType: AzureTypes.BackupInstance,
    rule: {
        targetNames: accountNames,
        candidateRef: (bi) => {
            const name = asRef(read(bi.props, "properties.dataSourceInfo.resourceName"));
            if (typeof name === "string" && !isUnknown(name)) {
                return name;
            }
            const fromId = armName(read(bi.props, "properties.dataSourceInfo.resourceID"), "storageAccounts");
            return fromId ?? name;
        },
        refProperty: "properties",
    },
};
