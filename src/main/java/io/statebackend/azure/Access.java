package io.statebackend.azure;

import com.pulumi.azurenative.authorization.RoleAssignment;
import com.pulumi.azurenative.authorization.RoleAssignmentArgs;
import com.pulumi.azurenative.authorization.RoleDefinition;
import com.pulumi.azurenative.authorization.RoleDefinitionArgs;
import com.pulumi.azurenative.authorization.inputs.PermissionArgs;
import com.pulumi.core.Output;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Least-privilege access to state, in two kinds (MCSB PA-7):
 * <ul>
 *   <li>state users, who run {@code pulumi login} and update stacks: read/write/delete of blobs in the state container
 *       only (lock files must be deleted), and encrypt/decrypt with the secrets key only;</li>
 *   <li>state readers (previews, drift checks, auditors): read of blobs in the state container only, and decrypt with
 *       the secrets key only. No built-in role is that narrow on a key (Key Vault Crypto User also encrypts, signs and
 *       wraps), so this store defines one with the decrypt data action alone.</li>
 * </ul>
 */
final class Access {

    /** The one data action a reader needs on the secrets key: unwrapping the stack's data key. */
    static final String DECRYPT_DATA_ACTION = "Microsoft.KeyVault/vaults/keys/decrypt/action";

    /** The decrypt-only role, when there are readers to grant it to. */
    final Optional<RoleDefinition> decryptRole;

    Access(AzureScope scope, StateContainer container, SecretsProvider secrets) {
        Output<String> subscription = scope.subscriptionId();
        for (String objectId : scope.settings().access().stateUserObjectIds()) {
            // Named by object id, not position, so reordering the list changes nothing.
            assign(scope, "state-user-blob-" + objectId, container.container.id(), objectId,
                    BuiltInRole.STORAGE_BLOB_DATA_CONTRIBUTOR.definitionId(subscription),
                    "Reads and writes Pulumi state in this container only");
            assign(scope, "state-user-secrets-" + objectId, secrets.key.id(), objectId,
                    BuiltInRole.KEY_VAULT_CRYPTO_USER.definitionId(subscription),
                    "Encrypts and decrypts Pulumi stack secrets with this key only");
        }
        List<String> readers = scope.settings().access().stateReaderObjectIds();
        this.decryptRole = readers.isEmpty() ? Optional.empty() : Optional.of(decryptRole(scope));
        for (String objectId : readers) {
            assign(scope, "state-reader-blob-" + objectId, container.container.id(), objectId,
                    BuiltInRole.STORAGE_BLOB_DATA_READER.definitionId(subscription),
                    "Reads Pulumi state in this container only");
            assign(scope, "state-reader-secrets-" + objectId, secrets.key.id(), objectId,
                    decryptRole.orElseThrow().id(), "Decrypts Pulumi stack secrets with this key only");
        }
    }

    private static void assign(AzureScope scope, String name, Output<String> at, String objectId,
                               Output<String> roleDefinitionId, String description) {
        new RoleAssignment(name, RoleAssignmentArgs.builder()
                .scope(at)
                .principalId(objectId)
                .roleDefinitionId(roleDefinitionId)
                .description(description)
                .build(), scope.child());
    }

    /**
     * A custom role with the decrypt data action alone, defined and assignable in the store's resource group (a
     * custom role cannot be made assignable at a single key; its assignments are at the key). Its id and name derive
     * from the resource group and its subscription: a custom role's name is unique in the tenant, and another
     * subscription's store may have a resource group of the same name.
     */
    private static RoleDefinition decryptRole(AzureScope scope) {
        Output<String> resourceGroupId = Output.tuple(scope.subscriptionId(), scope.resourceGroupName())
                .applyValue(t -> "/subscriptions/" + t.t1 + "/resourceGroups/" + t.t2);
        return new RoleDefinition("state-secrets-decrypt-role", RoleDefinitionArgs.builder()
                .scope(resourceGroupId)
                .roleDefinitionId(resourceGroupId.applyValue(id ->
                        UUID.nameUUIDFromBytes((id + "/pulumi-state-secrets-decrypt").getBytes(StandardCharsets.UTF_8))
                                .toString()))
                .roleName(Output.tuple(scope.resourceGroupName(), scope.subscriptionId()).applyValue(t ->
                        "Pulumi state secrets decrypt (" + t.t1 + " in subscription " + t.t2 + ")"))
                .description("Decrypts Pulumi stack secrets with the state store's secrets key; nothing else")
                .permissions(PermissionArgs.builder().dataActions(DECRYPT_DATA_ACTION).build())
                .assignableScopes(resourceGroupId.applyValue(List::of))
                .build(), scope.child());
    }
}
