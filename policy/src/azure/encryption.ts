// The Key Vault, as Encryption.java declares it: it holds the key that encrypts the state account and the key behind
// the azurekeyvault:// secrets provider, so losing it loses the state.
import { expectAtLeast, expectNotTrue, expectValue } from "../common/checks";
import { Control, resourceControl } from "../common/control";
import { read } from "../common/props";
import { Thresholds } from "../common/thresholds";
import { AzureTypes } from "./types";

const Vault = AzureTypes.Vault;

// Azure's default when softDeleteRetentionInDays is not given (and the most it allows).
const AZURE_DEFAULT_SOFT_DELETE_DAYS = 90;

export const vaultRbacAuthorization = resourceControl({
    name: "azure-keyvault-rbac-authorization",
    controlId: "CIS Azure v3.0.0 3.3.6",
    requirement: "The vault authorizes data-plane access with Azure RBAC, not access policies.",
    remedy: "set properties.enableRbacAuthorization: true and grant Key Vault Crypto roles through RoleAssignments.",
    resourceType: Vault,
    validate: (props, report) => {
        expectValue(props, "properties.enableRbacAuthorization", true, report);
    },
});

export const vaultPurgeProtection = resourceControl({
    name: "azure-keyvault-purge-protection",
    controlId: "CIS Azure v3.0.0 3.3.5",
    requirement: "Purge protection stops anyone from permanently deleting the vault or its keys during the retention period.",
    remedy: "set properties.enablePurgeProtection: true (it cannot be turned off again).",
    resourceType: Vault,
    validate: (props, report) => {
        expectValue(props, "properties.enablePurgeProtection", true, report);
    },
});

export const vaultSoftDeleteRetention = resourceControl<{ minimumSoftDeleteRetentionDays: number }>({
    name: "azure-keyvault-soft-delete-retention",
    controlId: "CIS Azure v3.0.0 3.3.5",
    requirement: "Deleted vaults and keys stay recoverable for at least the configured number of days.",
    remedy: `leave properties.enableSoftDelete unset or true, and set properties.softDeleteRetentionInDays to at least minimumSoftDeleteRetentionDays (${Thresholds.keyVaultSoftDeleteDays} by default).`,
    resourceType: Vault,
    config: {
        minimumSoftDeleteRetentionDays: {
            type: "integer",
            minimum: 7,
            maximum: 90,
            default: Thresholds.keyVaultSoftDeleteDays,
            description: "Fewest days a deleted vault or key stays recoverable (Azure allows 7-90).",
        },
    },
    validate: (props, report, config) => {
        if (read(props, "properties.enableSoftDelete") === false) {
            report("properties.enableSoftDelete is false; soft delete must stay on.");
        }
        expectAtLeast(props, "properties.softDeleteRetentionInDays", config.minimumSoftDeleteRetentionDays, report,
            AZURE_DEFAULT_SOFT_DELETE_DAYS);
    },
});

export const vaultPublicNetworkDisabled = resourceControl({
    name: "azure-keyvault-public-network-disabled",
    controlId: "MCSB NS-2 (Key Vault private access)",
    requirement: "The vault is not reachable over its public endpoint.",
    remedy: "set properties.publicNetworkAccess: \"Disabled\" and reach the vault through a private endpoint.",
    resourceType: Vault,
    validate: (props, report) => {
        expectValue(props, "properties.publicNetworkAccess", "Disabled", report);
    },
});

export const vaultNetworkAclsDeny = resourceControl({
    name: "azure-keyvault-network-acls-deny",
    controlId: "MCSB NS-2 (Key Vault firewall)",
    requirement: "The vault firewall denies by default and lets trusted Azure services through (the storage account reads its key that way).",
    remedy: "set properties.networkAcls: { defaultAction: \"Deny\", bypass: \"AzureServices\" }.",
    resourceType: Vault,
    validate: (props, report) => {
        expectValue(props, "properties.networkAcls.defaultAction", "Deny", report);
        expectValue(props, "properties.networkAcls.bypass", "AzureServices", report);
    },
});

const OTHER_USES = ["enabledForDeployment", "enabledForDiskEncryption", "enabledForTemplateDeployment"];

// Hardening without a benchmark id: each of these lets a platform service (VM deployment, disk encryption, ARM
// templates) read the vault's secrets outside its RBAC grants.
export const vaultKeysOnly = resourceControl({
    name: "azure-keyvault-keys-only",
    controlId: "Baseline: the vault serves this store's keys only",
    requirement: "The vault is not enabled for VM deployment, disk encryption or template deployment.",
    remedy: `leave ${OTHER_USES.map((use) => `properties.${use}`).join(", ")} false.`,
    resourceType: Vault,
    validate: (props, report) => {
        OTHER_USES.forEach((use) => expectNotTrue(props, `properties.${use}`, report));
    },
});

export const encryptionControls: Control[] = [
    vaultRbacAuthorization,
    vaultPurgeProtection,
    vaultSoftDeleteRetention,
    vaultPublicNetworkDisabled,
    vaultNetworkAclsDeny,
    vaultKeysOnly,
];
