package io.statebackend.azure;

import com.pulumi.azurenative.keyvault.Key;
import com.pulumi.azurenative.keyvault.KeyArgs;
import com.pulumi.azurenative.keyvault.Vault;
import com.pulumi.azurenative.keyvault.enums.JsonWebKeyOperation;
import com.pulumi.azurenative.keyvault.enums.JsonWebKeyType;
import com.pulumi.azurenative.keyvault.inputs.KeyAttributesArgs;
import com.pulumi.azurenative.keyvault.inputs.KeyPropertiesArgs;
import com.pulumi.azurenative.keyvault.inputs.RotationPolicyArgs;
import com.pulumi.core.Either;
import com.pulumi.resources.CustomResourceOptions;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * Declares the RSA keys this store keeps in its Key Vault, each limited to the operations its user needs and each
 * with an expiration date (CIS Azure v3.0.0 3.3.1: keys in RBAC Key Vaults expire).
 */
final class KeyVaultKeys {

    /**
     * Set once, when the key is created. Azure Resource Manager only creates keys ("Keys - Create If Not Exist" never
     * updates an existing key), so a date computed on a later run could never be applied and would show as a change on
     * every preview; extending it is a data-plane step of the runbook.
     */
    static final String EXPIRES = "properties.attributes.expires";

    private KeyVaultKeys() {
    }

    /**
     * @param rotation     the automatic rotation policy, or null for a key that must not rotate
     * @param lifetimeDays days from the day of creation (UTC) until the key's first version expires
     */
    static Key rsaKey(AzureScope scope, Vault vault, String keyName, RotationPolicyArgs rotation, int lifetimeDays,
                      JsonWebKeyOperation... operations) {
        KeyPropertiesArgs.Builder properties = KeyPropertiesArgs.builder()
                .kty(JsonWebKeyType.RSA)
                .keySize(scope.settings().keys().size())
                .keyOps(operationsOf(operations))
                .attributes(KeyAttributesArgs.builder().expires(expiresAt(scope.today(), lifetimeDays)).build());
        if (rotation != null) {
            properties.rotationPolicy(rotation);
        }
        return new Key(keyName, KeyArgs.builder()
                .resourceGroupName(scope.resourceGroupName())
                .vaultName(vault.name())
                .keyName(keyName)
                .properties(properties.build())
                .tags(scope.tags())
                .build(), CustomResourceOptions.merge(scope.stateful(),
                CustomResourceOptions.builder().ignoreChanges(EXPIRES).build()));
    }

    /** Key Vault's {@code exp}: seconds since the epoch, at the start of the UTC day {@code lifetimeDays} after today. */
    static double expiresAt(LocalDate today, int lifetimeDays) {
        return today.plusDays(lifetimeDays).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    private static List<Either<String, JsonWebKeyOperation>> operationsOf(JsonWebKeyOperation... operations) {
        return Arrays.stream(operations).map(Either::<String, JsonWebKeyOperation>ofRight).toList();
    }
}
