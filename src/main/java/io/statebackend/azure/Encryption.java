package io.statebackend.azure;

import com.pulumi.azurenative.authorization.RoleAssignment;
import com.pulumi.azurenative.authorization.RoleAssignmentArgs;
import com.pulumi.azurenative.authorization.enums.PrincipalType;
import com.pulumi.azurenative.keyvault.Key;
import com.pulumi.azurenative.keyvault.Vault;
import com.pulumi.azurenative.keyvault.VaultArgs;
import com.pulumi.azurenative.keyvault.enums.JsonWebKeyOperation;
import com.pulumi.azurenative.keyvault.enums.KeyRotationPolicyActionType;
import com.pulumi.azurenative.keyvault.enums.NetworkRuleAction;
import com.pulumi.azurenative.keyvault.enums.NetworkRuleBypassOptions;
import com.pulumi.azurenative.keyvault.enums.SkuFamily;
import com.pulumi.azurenative.keyvault.enums.SkuName;
import com.pulumi.azurenative.keyvault.inputs.ActionArgs;
import com.pulumi.azurenative.keyvault.inputs.IPRuleArgs;
import com.pulumi.azurenative.keyvault.inputs.KeyRotationPolicyAttributesArgs;
import com.pulumi.azurenative.keyvault.inputs.LifetimeActionArgs;
import com.pulumi.azurenative.keyvault.inputs.NetworkRuleSetArgs;
import com.pulumi.azurenative.keyvault.inputs.RotationPolicyArgs;
import com.pulumi.azurenative.keyvault.inputs.SkuArgs;
import com.pulumi.azurenative.keyvault.inputs.TriggerArgs;
import com.pulumi.azurenative.keyvault.inputs.VaultPropertiesArgs;
import com.pulumi.azurenative.managedidentity.UserAssignedIdentity;
import com.pulumi.azurenative.managedidentity.UserAssignedIdentityArgs;
import com.pulumi.core.Output;

/**
 * Customer-managed key encryption of the storage account (CIS Azure v3.0.0 4.11): a hardened Key Vault, an
 * auto-rotating RSA key, and the user-assigned identity through which the account reaches the key.
 */
public final class Encryption {

    static final String CMK_KEY_NAME = "storage-cmk";
    /** Key Vault keeps deleted vaults and keys this long; 90 is the maximum. The pack holds prod to it. */
    public static final int VAULT_SOFT_DELETE_DAYS = 90;
    /** A key version expires this long after its scheduled rotation, so a failed rotation is noticed, not fatal. */
    static final int EXPIRY_MARGIN_DAYS = 90;
    static final String EXPIRY_NOTICE = "P30D";

    final Vault vault;
    final Key cmk;
    final UserAssignedIdentity identity;
    /** The account may only be created once its identity can use the key. */
    final RoleAssignment identityCanUseKey;

    Encryption(AzureScope scope) {
        this.vault = new Vault("state-vault", VaultArgs.builder()
                .resourceGroupName(scope.resourceGroupName())
                .vaultName(scope.names().keyVault())
                .location(scope.location())
                .properties(VaultPropertiesArgs.builder()
                        .tenantId(scope.tenantId())
                        .sku(SkuArgs.builder().family(SkuFamily.A).name(SkuName.Standard).build())
                        // CIS Azure v3.0.0 3.3.6: access through Azure RBAC only, no vault access policies to audit.
                        .enableRbacAuthorization(true)
                        // CIS Azure v3.0.0 3.3.5: deleted keys stay recoverable and cannot be purged early; losing the
                        // CMK loses the state.
                        .enableSoftDelete(true)
                        .softDeleteRetentionInDays(VAULT_SOFT_DELETE_DAYS)
                        .enablePurgeProtection(true)
                        .enabledForDeployment(false)
                        .enabledForDiskEncryption(false)
                        .enabledForTemplateDeployment(false)
                        .publicNetworkAccess(Network.publicNetworkAccess(scope.settings().network()))
                        .networkAcls(NetworkRuleSetArgs.builder()
                                .defaultAction(NetworkRuleAction.Deny)
                                // MCSB NS-2: firewall default Deny. Azure Storage reaches the CMK as a trusted service,
                                // not through the private endpoint.
                                .bypass(NetworkRuleBypassOptions.AzureServices)
                                .ipRules(scope.settings().network().allowedIpRanges().stream()
                                        .map(range -> IPRuleArgs.builder().value(range).build()).toList())
                                .build())
                        .build())
                .tags(scope.tags())
                .build(), scope.stateful());

        int rotationDays = scope.settings().keys().rotationDays();
        // The first version expires like every version the rotation policy creates after it.
        this.cmk = KeyVaultKeys.rsaKey(scope, vault, CMK_KEY_NAME, rotationPolicy(rotationDays),
                versionLifetimeDays(rotationDays), JsonWebKeyOperation.WrapKey, JsonWebKeyOperation.UnwrapKey);

        this.identity = new UserAssignedIdentity("state-cmk-identity", UserAssignedIdentityArgs.builder()
                .resourceGroupName(scope.resourceGroupName())
                .resourceName("id-pulumi-state-cmk")
                .location(scope.location())
                .tags(scope.tags())
                .build(), scope.child());

        this.identityCanUseKey = new RoleAssignment("cmk-identity-crypto-service-encryption-user", RoleAssignmentArgs.builder()
                .scope(cmk.id())
                .principalId(identity.principalId())
                .principalType(PrincipalType.ServicePrincipal)
                .roleDefinitionId(BuiltInRole.KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER.definitionId(scope.subscriptionId()))
                .description("Lets the state storage account wrap and unwrap its data keys with the CMK")
                .build(), scope.child());
    }

    /** The URI of the vault, e.g. https://kv-x.vault.azure.net/, which the account's encryption settings take. */
    Output<String> vaultUri() {
        return vault.properties().applyValue(p -> p.vaultUri().orElseThrow());
    }

    static int versionLifetimeDays(int rotationDays) {
        return rotationDays + EXPIRY_MARGIN_DAYS;
    }

    /**
     * CIS Azure v2.0.0 8.8 (automatic key rotation): rotates each key version {@code rotationDays} after it is
     * created; versions expire a margin later and a notice fires before expiry, so a rotation that failed is noticed
     * long before the key stops wrapping.
     */
    static RotationPolicyArgs rotationPolicy(int rotationDays) {
        return RotationPolicyArgs.builder()
                .attributes(KeyRotationPolicyAttributesArgs.builder()
                        .expiryTime("P" + versionLifetimeDays(rotationDays) + "D").build())
                .lifetimeActions(
                        LifetimeActionArgs.builder()
                                .action(ActionArgs.builder().type(KeyRotationPolicyActionType.Rotate).build())
                                .trigger(TriggerArgs.builder().timeAfterCreate("P" + rotationDays + "D").build())
                                .build(),
                        LifetimeActionArgs.builder()
                                .action(ActionArgs.builder().type(KeyRotationPolicyActionType.Notify).build())
                                .trigger(TriggerArgs.builder().timeBeforeExpiry(EXPIRY_NOTICE).build())
                                .build())
                .build();
    }
}
