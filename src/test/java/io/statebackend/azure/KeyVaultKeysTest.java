package io.statebackend.azure;

import io.statebackend.mockrun.PlanResult;
import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.settings.Settings;
import io.statebackend.testing.Control;
import io.statebackend.testing.Records;
import io.statebackend.testing.Runs;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static io.statebackend.azure.AzureTypes.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;

class KeyVaultKeysTest {

    /** Neither stack file sets azureKeyRotationDays. */
    private static final int DEFAULT_ROTATION_DAYS = Integer.parseInt(
            Settings.byKey("azureKeyRotationDays").orElseThrow().defaultValue().orElseThrow());

    private static ResourceRecord key(PlanResult run, String name) {
        return run.get(KEY, name);
    }

    private static LocalDate expiryDay(ResourceRecord key) {
        Object expires = key.input(KeyVaultKeys.EXPIRES);
        return expires instanceof Number seconds
                ? LocalDate.ofInstant(Instant.ofEpochSecond(seconds.longValue()), ZoneOffset.UTC) : null;
    }

    /** Its first version expires {@code lifetimeDays} after the run, and later runs leave that date alone. */
    private static boolean expires(ResourceRecord key, int lifetimeDays) {
        return Stacks.TODAY.plusDays(lifetimeDays).equals(expiryDay(key))
                && key.ignoreChanges().contains(KeyVaultKeys.EXPIRES);
    }

    static final Control KEYS_EXPIRE = Control.of("CIS Azure v3.0.0 3.3.1",
            "every key in the RBAC vault has an expiration date, set at creation and not re-applied by later runs",
            r -> expires(key(r, Encryption.CMK_KEY_NAME), DEFAULT_ROTATION_DAYS + 90)
                    && expires(key(r, SecretsProvider.SECRETS_KEY_NAME), 365))
                            .inPack("azure-keyvault-key-expiry");

    @Test
    void everyKeyExpiresInEveryStack() {
        KEYS_EXPIRE.assertHolds(Runs.prod());
        KEYS_EXPIRE.assertHolds(Runs.dev());
    }

    @Test
    void checkFailsForAKeyWithoutAnExpiryOrOneEveryRunWouldTryToChange() {
        for (String name : new String[] {Encryption.CMK_KEY_NAME, SecretsProvider.SECRETS_KEY_NAME}) {
            KEYS_EXPIRE.assertBroken(Records.withInput(Runs.prod(), KEY, name, KeyVaultKeys.EXPIRES, null));
            KEYS_EXPIRE.assertBroken(Records.with(Runs.prod(), KEY, name, Records::withoutIgnoredChanges));
        }
    }

    @Test
    void theStorageKeysFirstVersionLivesAsLongAsEveryRotatedVersion() {
        PlanResult run = Stacks.runWith("dev", Map.of("azureKeyRotationDays", "180"));
        assertEquals(Stacks.TODAY.plusDays(180 + Encryption.EXPIRY_MARGIN_DAYS), expiryDay(key(run, Encryption.CMK_KEY_NAME)));
        assertEquals("P" + (180 + Encryption.EXPIRY_MARGIN_DAYS) + "D",
                key(run, Encryption.CMK_KEY_NAME).input("properties.rotationPolicy.attributes.expiryTime"));
    }

    @Test
    void expiryIsTheStartOfTheUtcDay() {
        assertEquals(Instant.parse("2027-01-01T00:00:00Z").getEpochSecond(),
                (long) KeyVaultKeys.expiresAt(LocalDate.of(2026, 12, 2), 30));
    }
}
