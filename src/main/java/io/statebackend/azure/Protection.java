package io.statebackend.azure;

import com.pulumi.azurenative.authorization.ManagementLockAtResourceLevel;
import com.pulumi.azurenative.authorization.ManagementLockAtResourceLevelArgs;
import com.pulumi.azurenative.authorization.enums.LockLevel;
import com.pulumi.core.Output;


/**
 * Guards against one mistake deleting state: CanNotDelete locks on the storage account and the Key Vault
 * (CIS Azure 9.3.9), which hold even against someone outside Pulumi. Pulumi {@code protect} on the account,
 * container, vault and keys is set where each is declared ({@link AzureScope#stateful}).
 */
final class Protection {

    private static final String LOCK_NOTE = "Holds every Pulumi stack's state or its keys. Remove only after migrating state away.";

    Protection(AzureScope scope, Account account, Encryption encryption) {
        if (!scope.settings().protection().deleteLocks()) {
            return;
        }
        lock(scope, "state-account-lock", "Microsoft.Storage", "storageAccounts", account.account.name());
        lock(scope, "state-vault-lock", "Microsoft.KeyVault", "vaults", encryption.vault.name());
    }

    private static void lock(AzureScope scope, String name, String namespace, String type,
                                                      Output<String> resourceName) {
        new ManagementLockAtResourceLevel(name, ManagementLockAtResourceLevelArgs.builder()
                .resourceGroupName(scope.resourceGroupName())
                .resourceProviderNamespace(namespace)
                .parentResourcePath("")
                .resourceType(type)
                .resourceName(resourceName)
                .lockName("do-not-delete-pulumi-state")
                .level(LockLevel.CanNotDelete)
                .notes(LOCK_NOTE)
                .build(), scope.child());
    }
}
