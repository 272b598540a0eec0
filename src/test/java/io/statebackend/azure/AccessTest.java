package io.statebackend.azure;

import io.statebackend.mockrun.PlanResult;
import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.testing.Control;
import io.statebackend.testing.Records;
import io.statebackend.testing.Runs;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.statebackend.azure.AzureTypes.*;
import static org.junit.jupiter.api.Assertions.*;

class AccessTest {

    static final List<String> PROD_USERS = Stacks.ownIdList("azureStateUserObjectIds");

    static List<ResourceRecord> grantsTo(PlanResult r, String objectId) {
        return r.ofType(ROLE_ASSIGNMENT).stream().filter(a -> objectId.equals(a.input("principalId"))).toList();
    }

    static Control stateUserAccess(String objectId) {
        return Control.of("least privilege", objectId + " may use the state container and the secrets key, nothing else",
                r -> {
                    List<ResourceRecord> grants = grantsTo(r, objectId);
                    return grants.size() == 2
                            && grants.stream().anyMatch(g -> BuiltInRole.STORAGE_BLOB_DATA_CONTRIBUTOR.id().equals(roleId(g.input("roleDefinitionId")))
                            && idOf(r, CONTAINER, "state-container").equals(g.input("scope")))
                            && grants.stream().anyMatch(g -> BuiltInRole.KEY_VAULT_CRYPTO_USER.id().equals(roleId(g.input("roleDefinitionId")))
                            && idOf(r, KEY, SecretsProvider.SECRETS_KEY_NAME).equals(g.input("scope")));
                }).inPack("azure-role-assignment-allowed-roles", "azure-blob-data-role-container-scope",
                        "azure-key-and-backup-role-scope");
    }

    @Test
    void everyConfiguredStateUserGetsExactlyContainerAndSecretsKeyAccess() {
        PROD_USERS.forEach(id -> stateUserAccess(id).assertHolds(Runs.prod()));
    }

    @Test
    void checkFailsForAccountWideOrMissingGrants() {
        String user = PROD_USERS.get(0);
        stateUserAccess(user).assertBroken(Records.withInput(Runs.prod(), ROLE_ASSIGNMENT, "state-user-blob-" + user,
                "scope", idOf(Runs.prod(), ACCOUNT, ACCOUNT_NAME)));
        stateUserAccess(user).assertBroken(Records.without(Runs.prod(), ROLE_ASSIGNMENT, "state-user-secrets-" + user));
    }

    @Test
    void grantsAreNamedByObjectIdSoReorderingChangesNothing() {
        PlanResult reordered = Stacks.runWith("prod", Map.of("azureStateUserObjectIds",
                "[\"" + PROD_USERS.get(1) + "\",\"" + PROD_USERS.get(0) + "\"]"));
        assertEquals(names(Runs.prod()), names(reordered));
    }

    @Test
    void noStateUserMeansNoGrants() {
        assertTrue(Runs.dev().ofType(ROLE_ASSIGNMENT).stream().noneMatch(a -> a.name().startsWith("state-user-")));
    }

    /** Azure's built-in roles the program needs, by the GUIDs Azure publishes (written out, not read from the program). */
    private static final Map<String, String> ROLES_NEEDED = Map.of(
            "ba92f5b4-2d11-453d-a403-e96b0029c9fe", "Storage Blob Data Contributor",
            "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", "Storage Blob Data Reader",
            "e147488a-f6f5-4113-8e2d-b22465e65bf6", "Key Vault Crypto Service Encryption User",
            "12338af0-0e69-4776-bea7-57ae8d297424", "Key Vault Crypto User",
            "e5e2a7ff-d759-4cd2-bb51-3152d37e2eb1", "Storage Account Backup Contributor");

    @Test
    void onlyTheRolesThisProgramNeedsAreEverGranted() {
        PlanResult withReader = StateReadersTest.WITH_READER;
        Object decryptOnly = withReader.get(StateReadersTest.ROLE_DEFINITION, "state-secrets-decrypt-role")
                .input("roleDefinitionId");
        for (PlanResult run : List.of(Runs.prod(), Runs.dev(), withReader)) {
            run.ofType(ROLE_ASSIGNMENT).forEach(a -> {
                String role = roleId(a.input("roleDefinitionId"));
                assertTrue(ROLES_NEEDED.containsKey(role) || role.equals(decryptOnly), a.name() + " grants role " + role);
            });
        }
    }

    private static List<String> names(PlanResult run) {
        return run.ofType(ROLE_ASSIGNMENT).stream().map(ResourceRecord::name).sorted().toList();
    }
}
