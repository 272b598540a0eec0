package io.statebackend.azure;

import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.testing.Control;
import io.statebackend.testing.Records;
import io.statebackend.testing.Runs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.statebackend.azure.AzureTypes.*;
import static org.junit.jupiter.api.Assertions.*;

class ProtectionTest {

    static Control deleteLock(String lockName, String type, String nameInput, String resourceName) {
        return Control.of("CIS Azure 9.3.9", "CanNotDelete lock on the " + type,
                r -> r.find(LOCK, lockName).map(lock -> "CanNotDelete".equals(lock.input("level"))
                        && r.get(resourceName.equals(ACCOUNT_NAME) ? ACCOUNT : VAULT, resourceName).input(nameInput)
                        .equals(lock.input("resourceName"))
                        && type.equals(lock.input("resourceType"))).orElse(false)).inPack("azure-lock-can-not-delete");
    }

    static final Control ACCOUNT_LOCK = deleteLock("state-account-lock", "storageAccounts", "accountName", ACCOUNT_NAME);
    static final Control VAULT_LOCK = deleteLock("state-vault-lock", "vaults", "vaultName", VAULT_NAME);
    static final Control PROTECTED = Control.of("Pulumi protect", "resource group, account, container, vault and keys protected",
            r -> List.of(r.get(RESOURCE_GROUP, "state-rg"), account(r), r.get(CONTAINER, "state-container"), vault(r),
                    r.get(KEY, Encryption.CMK_KEY_NAME), r.get(KEY, SecretsProvider.SECRETS_KEY_NAME))
                    .stream().allMatch(ResourceRecord::protect)).inPack("azure-state-resources-protected");

    @Test
    void productionLocksAndProtectsEverythingThatHoldsState() {
        ACCOUNT_LOCK.assertHolds(Runs.prod());
        VAULT_LOCK.assertHolds(Runs.prod());
        PROTECTED.assertHolds(Runs.prod());
    }

    @Test
    void checksFailWhenALockIsWeakenedOrProtectIsDropped() {
        ACCOUNT_LOCK.assertBroken(Records.withInput(Runs.prod(), LOCK, "state-account-lock", "level", "ReadOnly"));
        VAULT_LOCK.assertBroken(Records.without(Runs.prod(), LOCK, "state-vault-lock"));
        PROTECTED.assertBroken(Records.with(Runs.prod(), KEY, SecretsProvider.SECRETS_KEY_NAME, Records::unprotected));
    }

    @Test
    void developmentDropsOnlyLocksAndProtect() {
        assertTrue(Runs.dev().ofType(LOCK).isEmpty());
        PROTECTED.assertBroken(Runs.dev());
        assertTrue(Runs.dev().resources().stream().noneMatch(ResourceRecord::protect));
    }

    @Test
    void lockNotesSayWhatTheLockGuards() {
        List<ResourceRecord> locks = Runs.prod().ofType(LOCK);
        assertFalse(locks.isEmpty(), "prod has delete locks");
        locks.forEach(lock -> assertEquals("Holds every Pulumi stack's state or its keys. Remove only after migrating"
                + " state away.", lock.input("notes"), lock.name()));
    }
}
