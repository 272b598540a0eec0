package io.statebackend.azure;

import com.pulumi.azurenative.storage.StorageAccount;
import com.pulumi.azurenative.storage.StorageAccountArgs;
import com.pulumi.azurenative.storage.enums.AccessTier;
import com.pulumi.azurenative.storage.enums.Bypass;
import com.pulumi.azurenative.storage.enums.DefaultAction;
import com.pulumi.azurenative.storage.enums.IdentityType;
import com.pulumi.azurenative.storage.enums.KeySource;
import com.pulumi.azurenative.storage.enums.KeyType;
import com.pulumi.azurenative.storage.enums.Kind;
import com.pulumi.azurenative.storage.enums.MinimumTlsVersion;
import com.pulumi.azurenative.storage.inputs.EncryptionArgs;
import com.pulumi.azurenative.storage.inputs.EncryptionIdentityArgs;
import com.pulumi.azurenative.storage.inputs.EncryptionServiceArgs;
import com.pulumi.azurenative.storage.inputs.EncryptionServicesArgs;
import com.pulumi.azurenative.storage.inputs.IPRuleArgs;
import com.pulumi.azurenative.storage.inputs.IdentityArgs;
import com.pulumi.azurenative.storage.inputs.KeyVaultPropertiesArgs;
import com.pulumi.azurenative.storage.inputs.NetworkRuleSetArgs;
import com.pulumi.azurenative.storage.inputs.SkuArgs;
import com.pulumi.azurenative.storage.enums.Action;
import com.pulumi.core.Output;

import java.util.List;

/** The storage account that holds state, with every account-level control (CIS Azure v5 section 9.3). */
final class Account {

    final StorageAccount account;

    Account(AzureScope scope, Encryption encryption) {
        var settings = scope.settings();
        this.account = new StorageAccount("state-account", StorageAccountArgs.builder()
                .resourceGroupName(scope.resourceGroupName())
                .accountName(scope.names().storageAccount())
                .location(scope.location())
                .kind(Kind.StorageV2)
                // CIS 9.3.11: geo-redundant in production (validated with the settings); LRS/ZRS only in development.
                .sku(SkuArgs.builder().name(settings.storage().skuName()).build())
                .accessTier(AccessTier.Hot)
                // CIS 9.3.4: HTTPS only.
                .enableHttpsTrafficOnly(true)
                // CIS 9.3.6: TLS 1.2 minimum.
                .minimumTlsVersion(MinimumTlsVersion.TLS1_2)
                // CIS 9.3.8: no anonymous blob access.
                .allowBlobPublicAccess(false)
                // CIS 9.3.1.3: no shared keys; every request carries an Entra identity that RBAC and the logs can name.
                .allowSharedKeyAccess(false)
                .defaultToOAuthAuthentication(true)
                // CIS 9.3.7: no cross-tenant object replication, except where vaulted backup needs it (see below).
                .allowCrossTenantReplication(crossTenantReplicationRequiredByBackup(scope))
                .isLocalUserEnabled(false)
                .isSftpEnabled(false)
                .isHnsEnabled(false)
                // CIS 9.3.2.2 / 9.3.2.3 / 9.3.5: no public network path by default, firewall default Deny,
                // trusted Azure services (Azure Backup, diagnostics) let through.
                .publicNetworkAccess(Network.publicNetworkAccess(settings.network()))
                .networkRuleSet(NetworkRuleSetArgs.builder()
                        .defaultAction(DefaultAction.Deny)
                        .bypass(Bypass.AzureServices)
                        .ipRules(settings.network().allowedIpRanges().stream()
                                .map(range -> IPRuleArgs.builder().iPAddressOrRange(range).action(Action.Allow).build())
                                .toList())
                        .build())
                .identity(IdentityArgs.builder()
                        .type(IdentityType.UserAssigned)
                        .userAssignedIdentities(encryption.identity.id().applyValue(List::of))
                        .build())
                .encryption(EncryptionArgs.builder()
                        // CMK (CIS Azure v3.0.0 4.11) through the user-assigned identity. No key version: the account
                        // follows the key's latest version, so the vault's rotation policy is picked up automatically.
                        .keySource(KeySource.Microsoft_Keyvault)
                        .keyVaultProperties(KeyVaultPropertiesArgs.builder()
                                .keyName(encryption.cmk.name())
                                .keyVaultUri(encryption.vaultUri())
                                .build())
                        .encryptionIdentity(EncryptionIdentityArgs.builder()
                                .encryptionUserAssignedIdentity(encryption.identity.id()).build())
                        // CIS Azure v2.0.0 3.2: infrastructure (double) encryption; can only be chosen when the account
                        // is created.
                        .requireInfrastructureEncryption(true)
                        .services(EncryptionServicesArgs.builder()
                                .blob(EncryptionServiceArgs.builder().enabled(true).keyType(KeyType.Account).build())
                                .file(EncryptionServiceArgs.builder().enabled(true).keyType(KeyType.Account).build())
                                .build())
                        .build())
                .tags(scope.tags())
                .build(), scope.stateful(encryption.identityCanUseKey));
    }

    /**
     * Microsoft documents that vaulted blob backup copies data with object replication into a vault whose storage
     * lives in a Microsoft tenant, and that the source account must allow cross-tenant replication. So the CIS 9.3.7
     * control holds exactly when vaulted backup is off; docs/controls.md records this as a documented exception.
     */
    static boolean crossTenantReplicationRequiredByBackup(AzureScope scope) {
        return scope.settings().backup().isPresent();
    }

    Output<String> blobEndpoint() {
        return account.primaryEndpoints().applyValue(e -> e.blob());
    }
}
