package io.statebackend.azure;

import com.pulumi.azurenative.keyvault.Key;
import com.pulumi.azurenative.keyvault.enums.JsonWebKeyOperation;
import com.pulumi.core.Output;

/**
 * The key Pulumi encrypts stack secrets with ({@code azurekeyvault://} secrets provider: RSA-OAEP-256 encrypt and
 * decrypt). It has no automatic rotation: Pulumi decrypts with the key's latest version, so a new version would leave
 * every stack unable to read secrets wrapped with the old one until they are re-wrapped (see the runbook).
 * <p>
 * It expires {@link #LIFETIME_DAYS} after creation. Key Vault refuses encrypt on an expired key but still decrypts, so
 * a lapsed date stops only {@code pulumi stack init} and {@code change-secrets-provider} for new stacks, never reading
 * existing state; the runbook extends the date on the same version, which keeps every stack's data key readable.
 */
final class SecretsProvider {

    static final String SECRETS_KEY_NAME = "pulumi-secrets";
    /** A yearly review: Key Vault announces the date 30 days ahead (the KeyNearExpiry event). */
    static final int LIFETIME_DAYS = 365;

    final Key key;

    SecretsProvider(AzureScope scope, Encryption encryption) {
        this.key = KeyVaultKeys.rsaKey(scope, encryption.vault, SECRETS_KEY_NAME, null, LIFETIME_DAYS,
                JsonWebKeyOperation.Encrypt, JsonWebKeyOperation.Decrypt);
    }

    /** {@code azurekeyvault://<vault host>/keys/<key>}, built from the vault URI so sovereign clouds work too. */
    Output<String> url(Encryption encryption) {
        return Output.tuple(encryption.vaultUri(), key.name()).applyValue(t ->
                "azurekeyvault://" + java.net.URI.create(t.t1).getHost() + "/keys/" + t.t2);
    }
}
