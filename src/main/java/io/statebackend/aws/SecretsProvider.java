package io.statebackend.aws;

import com.pulumi.aws.kms.Key;
import com.pulumi.core.Output;

/**
 * The key Pulumi encrypts stack secrets with ({@code awskms://} secrets provider): a dedicated symmetric KMS key,
 * rotated yearly. Unlike an RSA key version in Key Vault, KMS rotation keeps every older key material and picks the
 * right one on Decrypt, so rotation never strands secrets wrapped before it.
 */
final class SecretsProvider {

    final Key key;
    final Output<String> url;

    SecretsProvider(AwsScope scope) {
        var kms = new Kms(scope, "secrets-key", scope.names().secretsKeyAlias(),
                "Encrypts the secrets of Pulumi stacks whose state is in the state bucket", false);
        this.key = kms.key;
        // The URL names the alias, so a key could be replaced without touching any stack's Pulumi.<stack>.yaml.
        this.url = kms.alias.name().applyValue(alias -> "awskms://" + alias + "?region=" + scope.region());
    }
}
