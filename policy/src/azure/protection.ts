// Deletion guards: a CanNotDelete lock in Azure and Pulumi's protect option in the program. Dev stacks
// may relax both (the pack config there sets the presence checks to advisory); prod may not.
import { expectProtected, expectValue } from "../common/checks";
import { Control, resourceControl } from "../common/control";
import { everyHasAttached, lockOfAccount, lockOfVault } from "./stack";
import { AzureTypes } from "./types";

export const lockLevel = resourceControl({
    name: "azure-lock-can-not-delete",
    controlId: "CIS Azure v5 9.3.9",
    requirement: "Resource locks on the state resources are CanNotDelete locks.",
    remedy: "set level: \"CanNotDelete\" on the ManagementLockAtResourceLevel.",
    resourceType: AzureTypes.ResourceLock,
    validate: (props, report) => {
        expectValue(props, "level", "CanNotDelete", report);
    },
});

export const accountLocked = everyHasAttached({
    name: "azure-storage-account-locked",
    controlId: "CIS Azure v5 9.3.9",
    requirement: "Every storage account has a resource lock, so it cannot be deleted by accident.",
    remedy: "create an azure-native:authorization:ManagementLockAtResourceLevel (level CanNotDelete, resourceProviderNamespace \"Microsoft.Storage\", resourceType \"storageAccounts\", resourceName the account name).",
    subjectType: AzureTypes.StorageAccount,
    relation: lockOfAccount,
    missing: (account) => `storage account ${account.name} has no resource lock.`,
});

export const vaultLocked = everyHasAttached({
    name: "azure-keyvault-locked",
    controlId: "CIS Azure v5 9.3.9 (applied to the Key Vault holding the state key)",
    requirement: "Every Key Vault has a resource lock: deleting it makes the encrypted state unreadable.",
    remedy: "create an azure-native:authorization:ManagementLockAtResourceLevel (level CanNotDelete, resourceProviderNamespace \"Microsoft.KeyVault\", resourceType \"vaults\", resourceName the vault name).",
    subjectType: AzureTypes.Vault,
    relation: lockOfVault,
    missing: (vault) => `Key Vault ${vault.name} has no resource lock.`,
});

export const azureStateResourcesProtected = resourceControl({
    name: "azure-state-resources-protected",
    controlId: "Baseline: deletion guard in the program (complements CIS Azure v5 9.3.9)",
    requirement: "The resource group the program creates, the storage account, state container, Key Vault and keys carry Pulumi's protect option, so `pulumi destroy` or a refactor cannot delete them.",
    remedy: "pass CustomResourceOptions.protect(true) to these resources.",
    resourceType: [AzureTypes.ResourceGroup, AzureTypes.StorageAccount, AzureTypes.BlobContainer, AzureTypes.Vault, AzureTypes.Key],
    validate: (_props, report, _config, args) => expectProtected(args, report),
});

export const protectionControls: Control[] = [lockLevel, accountLocked, vaultLocked, azureStateResourcesProtected];
