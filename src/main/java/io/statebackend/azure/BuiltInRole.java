package io.statebackend.azure;

import com.pulumi.core.Output;

/** The Azure built-in roles this program grants, by their fixed role definition ids. */
enum BuiltInRole {
    STORAGE_BLOB_DATA_CONTRIBUTOR("ba92f5b4-2d11-453d-a403-e96b0029c9fe"),
    STORAGE_BLOB_DATA_READER("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"),
    KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER("e147488a-f6f5-4113-8e2d-b22465e65bf6"),
    KEY_VAULT_CRYPTO_USER("12338af0-0e69-4776-bea7-57ae8d297424"),
    STORAGE_ACCOUNT_BACKUP_CONTRIBUTOR("e5e2a7ff-d759-4cd2-bb51-3152d37e2eb1");

    private final String id;

    BuiltInRole(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    /** The full role definition id a role assignment takes. */
    Output<String> definitionId(Output<String> subscriptionId) {
        return subscriptionId.applyValue(this::definitionIdIn);
    }

    String definitionIdIn(String subscriptionId) {
        return "/subscriptions/" + subscriptionId + "/providers/Microsoft.Authorization/roleDefinitions/" + id;
    }
}
