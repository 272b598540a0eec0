// Storage account settings: one policy per CIS control. Input names are the azure-native 2.x schema's.
import { expectNotTrue, expectSet, expectValue } from "../common/checks";
import { PolicyResource } from "@pulumi/policy";
import { Control, ofType, resourceControl, stackControl } from "../common/control";
import { isUnknown, read, sameText, show } from "../common/props";
import { coverageOf } from "../common/relations";
import { backupInstanceOfAccount } from "./stack";
import { GeoRedundantSkus } from "../common/thresholds";
import { AzureTypes } from "./types";

const StorageAccount = AzureTypes.StorageAccount;

export const storageAccountKind = resourceControl({
    name: "azure-storage-account-kind-storagev2",
    controlId: "CIS Azure v5 9.2.1-9.2.3 (prerequisite)",
    requirement: "The state storage account is general-purpose v2, the kind that supports blob versioning, soft delete and change feed.",
    remedy: "set kind: \"StorageV2\".",
    resourceType: StorageAccount,
    validate: (props, report) => {
        expectValue(props, "kind", "StorageV2", report);
    },
});

export const storageGeoRedundancy = resourceControl<{ allowedRedundancySkus: string[] }>({
    name: "azure-storage-geo-redundant-sku",
    controlId: "CIS Azure v5 9.3.11",
    requirement: "The storage account replicates to a second region (geo-redundant SKU).",
    remedy: "set sku.name to a geo-redundant SKU such as \"Standard_GZRS\" or \"Standard_RAGRS\".",
    resourceType: StorageAccount,
    config: {
        allowedRedundancySkus: {
            type: "array",
            items: { type: "string", pattern: "^(Standard|Premium)_[A-Z]+$" },
            minItems: 1,
            uniqueItems: true,
            default: GeoRedundantSkus,
            description: "SKU names accepted as geo-redundant.",
        },
    },
    validate: (props, report, config) => {
        expectValue(props, "sku.name", config.allowedRedundancySkus, report);
    },
});

export const storageSecureTransfer = resourceControl({
    name: "azure-storage-secure-transfer",
    controlId: "CIS Azure v5 9.3.4",
    requirement: "The storage account accepts HTTPS requests only (secure transfer required).",
    remedy: "set enableHttpsTrafficOnly: true.",
    resourceType: StorageAccount,
    validate: (props, report) => {
        expectValue(props, "enableHttpsTrafficOnly", true, report);
    },
});

export const storageMinimumTls = resourceControl({
    name: "azure-storage-minimum-tls-1-2",
    controlId: "CIS Azure v5 9.3.6",
    requirement: "The storage account refuses TLS versions below 1.2.",
    remedy: "set minimumTlsVersion: \"TLS1_2\".",
    resourceType: StorageAccount,
    validate: (props, report) => {
        expectValue(props, "minimumTlsVersion", "TLS1_2", report);
    },
});

export const storageNoAnonymousBlobAccess = resourceControl({
    name: "azure-storage-no-anonymous-blob-access",
    controlId: "CIS Azure v5 9.3.8",
    requirement: "Anonymous (public) read access to blobs is disallowed on the account.",
    remedy: "set allowBlobPublicAccess: false.",
    resourceType: StorageAccount,
    validate: (props, report) => {
        expectValue(props, "allowBlobPublicAccess", false, report);
    },
});

export const storageSharedKeyDisabled = resourceControl({
    name: "azure-storage-shared-key-disabled",
    controlId: "CIS Azure v5 9.3.1.3",
    requirement: "Shared key (account key and SAS) authorization is disabled; state users authenticate with Entra ID.",
    remedy: "set allowSharedKeyAccess: false and grant state users Storage Blob Data Contributor on the container.",
    resourceType: StorageAccount,
    validate: (props, report) => {
        expectValue(props, "allowSharedKeyAccess", false, report);
    },
});

// Hardening without a benchmark id: with shared keys off, these are the account's remaining ways in that skip Entra.
export const storageEntraOnlyAccess = resourceControl({
    name: "azure-storage-entra-only-access",
    controlId: "Baseline: Entra-only access paths",
    requirement: "Requests are authorized with Entra ID by default, and the account has no local users and no SFTP endpoint.",
    remedy: "set defaultToOAuthAuthentication: true, isLocalUserEnabled: false and isSftpEnabled: false.",
    resourceType: StorageAccount,
    validate: (props, report) => {
        expectValue(props, "defaultToOAuthAuthentication", true, report);
        expectValue(props, "isLocalUserEnabled", false, report);
        expectNotTrue(props, "isSftpEnabled", report, "SFTP signs in with local users' keys or passwords");
    },
});

export const storageInfrastructureEncryption = resourceControl({
    name: "azure-storage-infrastructure-encryption",
    controlId: "CIS Azure v2.0.0 3.2",
    requirement: "Data is encrypted twice at rest (infrastructure encryption under the service encryption).",
    remedy: "set encryption.requireInfrastructureEncryption: true (it can only be set when the account is created).",
    resourceType: StorageAccount,
    validate: (props, report) => {
        expectValue(props, "encryption.requireInfrastructureEncryption", true, report);
    },
});

export const storageCustomerManagedKey = resourceControl({
    name: "azure-storage-customer-managed-key",
    controlId: "CIS Azure v3.0.0 4.11 (CMK)",
    requirement:
        "Blob data is encrypted with a customer-managed Key Vault key, referenced without a version so Azure follows key rotation, through a user-assigned identity.",
    remedy:
        "set encryption.keySource: \"Microsoft.Keyvault\", encryption.keyVaultProperties.keyName and keyVaultUri (no keyVersion), and encryption.encryptionIdentity.encryptionUserAssignedIdentity.",
    resourceType: StorageAccount,
    validate: (props, report) => {
        expectValue(props, "encryption.keySource", "Microsoft.Keyvault", report);
        expectSet(props, "encryption.keyVaultProperties.keyName", report);
        expectSet(props, "encryption.keyVaultProperties.keyVaultUri", report);
        const keyVersion = read(props, "encryption.keyVaultProperties.keyVersion");
        if (keyVersion !== undefined && keyVersion !== null && keyVersion !== "") {
            report(`encryption.keyVaultProperties.keyVersion is ${show(keyVersion)}; leave it unset so the account picks up rotated key versions automatically.`);
        }
        expectSet(props, "encryption.encryptionIdentity.encryptionUserAssignedIdentity", report, "the identity that reads the key");
    },
});

export const storagePublicNetworkDisabled = resourceControl({
    name: "azure-storage-public-network-disabled",
    controlId: "CIS Azure v5 9.3.2.2",
    requirement: "The storage account is not reachable over its public endpoint.",
    remedy: "set publicNetworkAccess: \"Disabled\" and reach the account through its private endpoint.",
    resourceType: StorageAccount,
    validate: (props, report) => {
        expectValue(props, "publicNetworkAccess", "Disabled", report);
    },
});

export const storageDefaultNetworkDeny = resourceControl({
    name: "azure-storage-default-network-deny",
    controlId: "CIS Azure v5 9.3.2.3",
    requirement: "The account's firewall denies traffic by default.",
    remedy: "set networkRuleSet.defaultAction: \"Deny\" (allow-list IPs explicitly if an escape hatch is needed).",
    resourceType: StorageAccount,
    validate: (props, report) => {
        expectValue(props, "networkRuleSet.defaultAction", "Deny", report);
    },
});

/** Whether a comma-separated bypass value (e.g. "Logging, Metrics, AzureServices") includes AzureServices. */
export function bypassIncludesAzureServices(bypass: unknown): boolean {
    return typeof bypass === "string" && bypass.split(",").some((b) => sameText(b.trim(), "AzureServices"));
}

export const storageTrustedServicesBypass = resourceControl({
    name: "azure-storage-trusted-services-bypass",
    controlId: "CIS Azure v5 9.3.5",
    requirement: "Trusted Azure services (Azure Backup, Azure Monitor) can reach the account through the firewall.",
    remedy: "set networkRuleSet.bypass: \"AzureServices\".",
    resourceType: StorageAccount,
    validate: (props, report) => {
        const bypass = read(props, "networkRuleSet.bypass");
        if (!isUnknown(bypass) && !bypassIncludesAzureServices(bypass)) {
            report(`networkRuleSet.bypass is ${show(bypass)}; it must include "AzureServices".`);
        }
    },
});

/** Accounts that a BackupInstance in the same stack protects, by URN. */
function backedUpAccounts(resources: PolicyResource[]): Set<string> {
    return new Set(
        coverageOf(ofType(resources, StorageAccount), resources, backupInstanceOfAccount)
            .filter((c) => c.attachments.length > 0)
            .map((c) => c.target.urn),
    );
}

// A stack policy, not a resource policy, because of one documented exception: Azure Backup's vaulted
// blob backup needs cross-tenant replication allowed on the source account. An account protected by a
// BackupInstance in the same stack may therefore leave it on; every other account must turn it off.
export const storageNoCrossTenantReplication = stackControl({
    name: "azure-storage-no-cross-tenant-replication",
    controlId: "CIS Azure v5 9.3.7",
    requirement:
        "Cross-tenant object replication is disallowed, except on an account that a Backup vault protects with vaulted blob backup (Microsoft documents that vaulted backup requires it allowed on the source account).",
    remedy: "set allowCrossTenantReplication: false, or protect the account with an azure-native:dataprotection:BackupInstance in the same stack.",
    subjectTypes: [StorageAccount],
    validate: (resources, report) => {
        const protectedAccounts = backedUpAccounts(resources);
        for (const account of ofType(resources, StorageAccount)) {
            const allowed = read(account.props, "allowCrossTenantReplication");
            if (allowed === false || isUnknown(allowed) || protectedAccounts.has(account.urn)) {
                continue;
            }
            report(
                `allowCrossTenantReplication is ${show(allowed)} on ${account.name} and no BackupInstance protects it; set it to false.`,
                account,
            );
        }
    },
    exceptions: (resources) => {
        const protectedAccounts = backedUpAccounts(resources);
        return ofType(resources, StorageAccount)
            .filter((account) => read(account.props, "allowCrossTenantReplication") === true && protectedAccounts.has(account.urn))
            .map((account) => [
                account,
                {
                    reason: "cross-tenant replication is allowed: Azure Backup's vaulted blob backup copies blobs by object replication into a Microsoft-managed tenant and requires it on the source account",
                    cause: "azureBackupEnabled: true",
                },
            ]);
    },
});

export const accountControls: Control[] = [
    storageAccountKind,
    storageGeoRedundancy,
    storageSecureTransfer,
    storageMinimumTls,
    storageNoAnonymousBlobAccess,
    storageSharedKeyDisabled,
    storageEntraOnlyAccess,
    storageInfrastructureEncryption,
    storageCustomerManagedKey,
    storagePublicNetworkDisabled,
    storageDefaultNetworkDeny,
    storageTrustedServicesBypass,
    storageNoCrossTenantReplication,
];
