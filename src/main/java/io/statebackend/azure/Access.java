package io.statebackend.azure;

import com.pulumi.azurenative.authorization.RoleAssignment;
import com.pulumi.azurenative.authorization.RoleAssignmentArgs;

/**
 * Least-privilege access for the people and pipelines that run {@code pulumi login}: read/write/delete of blobs in the
 * state container only (lock files must be deleted), and encrypt/decrypt with the secrets key only.
 */
final class Access {

    Access(AzureScope scope, StateContainer container, SecretsProvider secrets) {
        for (String objectId : scope.settings().stateUserObjectIds()) {
            // Named by object id, not position, so reordering the list changes nothing.
            new RoleAssignment("state-user-blob-" + objectId, RoleAssignmentArgs.builder()
                    .scope(container.container.id())
                    .principalId(objectId)
                    .roleDefinitionId(BuiltInRole.STORAGE_BLOB_DATA_CONTRIBUTOR.definitionId(scope.subscriptionId()))
                    .description("Reads and writes Pulumi state in this container only")
                    .build(), scope.child());
            new RoleAssignment("state-user-secrets-" + objectId, RoleAssignmentArgs.builder()
                    .scope(secrets.key.id())
                    .principalId(objectId)
                    .roleDefinitionId(BuiltInRole.KEY_VAULT_CRYPTO_USER.definitionId(scope.subscriptionId()))
                    .description("Encrypts and decrypts Pulumi stack secrets with this key only")
                    .build(), scope.child());
        }
    }
}
