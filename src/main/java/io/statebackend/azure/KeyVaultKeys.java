package io.statebackend.azure;

import com.pulumi.azurenative.keyvault.Key;
import com.pulumi.azurenative.keyvault.KeyArgs;
import com.pulumi.azurenative.keyvault.Vault;
import com.pulumi.azurenative.keyvault.enums.JsonWebKeyOperation;
import com.pulumi.azurenative.keyvault.enums.JsonWebKeyType;
import com.pulumi.azurenative.keyvault.inputs.KeyPropertiesArgs;
import com.pulumi.azurenative.keyvault.inputs.RotationPolicyArgs;
import com.pulumi.core.Either;

import java.util.Arrays;
import java.util.List;

/** Declares the RSA keys this store keeps in its Key Vault, each limited to the operations its user needs. */
final class KeyVaultKeys {

    private KeyVaultKeys() {
    }

    static Key rsaKey(AzureScope scope, Vault vault, String keyName, RotationPolicyArgs rotation,
                      JsonWebKeyOperation... operations) {
        KeyPropertiesArgs.Builder properties = KeyPropertiesArgs.builder()
                .kty(JsonWebKeyType.RSA)
                .keySize(scope.settings().keySize())
                .keyOps(operationsOf(operations));
        if (rotation != null) {
            properties.rotationPolicy(rotation);
        }
        return new Key(keyName, KeyArgs.builder()
                .resourceGroupName(scope.resourceGroupName())
                .vaultName(vault.name())
                .keyName(keyName)
                .properties(properties.build())
                .tags(scope.tags())
                .build(), scope.stateful());
    }

    private static List<Either<String, JsonWebKeyOperation>> operationsOf(JsonWebKeyOperation... operations) {
        return Arrays.stream(operations).map(Either::<String, JsonWebKeyOperation>ofRight).toList();
    }
}
