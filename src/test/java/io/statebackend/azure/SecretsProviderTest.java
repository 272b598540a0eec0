package io.statebackend.azure;

import io.statebackend.mockrun.PlanResult;
import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.testing.Control;
import io.statebackend.testing.Records;
import io.statebackend.testing.Runs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.statebackend.azure.AzureTypes.*;
import static org.junit.jupiter.api.Assertions.*;

class SecretsProviderTest {

    static ResourceRecord secretsKey(PlanResult r) {
        return r.get(KEY, SecretsProvider.SECRETS_KEY_NAME);
    }

    static final Control SECRETS_KEY = Control.of("secrets provider key", "RSA >= 3072 bits, encrypt/decrypt only, in the hardened vault",
            r -> "RSA".equals(secretsKey(r).input("properties.kty"))
                    && number(secretsKey(r).input("properties.keySize")) >= 3072
                    && strings(secretsKey(r).input("properties.keyOps")).equals(List.of("encrypt", "decrypt"))
                    && vault(r).input("vaultName").equals(secretsKey(r).input("vaultName")))
                            .inPack("azure-keyvault-key-rsa-size", "azure-keyvault-key-operations");

    @Test
    void secretsKeyHoldsInEveryStack() {
        SECRETS_KEY.assertHolds(Runs.prod());
        SECRETS_KEY.assertHolds(Runs.dev());
    }

    @Test
    void checkFailsForAWeakOrOverPrivilegedKey() {
        SECRETS_KEY.assertBroken(Records.withInput(Runs.prod(), KEY, SecretsProvider.SECRETS_KEY_NAME, "properties.keySize", 2048));
        SECRETS_KEY.assertBroken(Records.withInput(Runs.prod(), KEY, SecretsProvider.SECRETS_KEY_NAME, "properties.keyOps",
                List.of("encrypt", "decrypt", "sign")));
    }

    /** Stacks decrypt with the key's latest version through a versionless URL, so a new version must be deliberate. */
    static final Control NOT_ROTATED_AUTOMATICALLY = Control.of("secrets key not rotated automatically",
            "no rotation policy on the secrets-provider key; it is rotated with the re-wrap runbook",
            r -> secretsKey(r).input("properties.rotationPolicy") == null)
            .inPack("azure-keyvault-secrets-key-not-auto-rotated");

    @Test
    void secretsKeyIsNotRotatedAutomaticallyBecauseStacksDecryptWithTheLatestVersion() {
        NOT_ROTATED_AUTOMATICALLY.assertHolds(Runs.prod());
        NOT_ROTATED_AUTOMATICALLY.assertHolds(Runs.dev());
        NOT_ROTATED_AUTOMATICALLY.assertBroken(Records.withInput(Runs.prod(), KEY, SecretsProvider.SECRETS_KEY_NAME,
                "properties.rotationPolicy", Map.of("lifetimeActions", List.of(Map.of(
                        "action", Map.of("type", "Rotate"), "trigger", Map.of("timeAfterCreate", "P365D"))))));
    }

    @Test
    void keySizeFollowsTheSetting() {
        PlanResult run = io.statebackend.testing.Stacks.runWith("dev", java.util.Map.of("azureKeySize", "4096"));
        assertEquals(4096, number(secretsKey(run).input("properties.keySize")));
        assertEquals(4096, number(run.get(KEY, Encryption.CMK_KEY_NAME).input("properties.keySize")));
    }

    @Test
    void secretsProviderUrlNamesTheVaultHostAndKey() {
        String vaultName = String.valueOf(vault(Runs.prod()).input("vaultName"));
        assertEquals("azurekeyvault://" + vaultName + ".vault.azure.net/keys/pulumi-secrets",
                Runs.prod().outputs().get("azureSecretsProvider"));
    }
}
