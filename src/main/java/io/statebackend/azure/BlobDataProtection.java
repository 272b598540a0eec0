package io.statebackend.azure;

import com.pulumi.azurenative.storage.BlobServiceProperties;
import com.pulumi.azurenative.storage.BlobServicePropertiesArgs;
import com.pulumi.azurenative.storage.ManagementPolicy;
import com.pulumi.azurenative.storage.ManagementPolicyArgs;
import com.pulumi.azurenative.storage.enums.RuleType;
import com.pulumi.azurenative.storage.inputs.ChangeFeedArgs;
import com.pulumi.azurenative.storage.inputs.DateAfterCreationArgs;
import com.pulumi.azurenative.storage.inputs.DateAfterModificationArgs;
import com.pulumi.azurenative.storage.inputs.DeleteRetentionPolicyArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicyActionArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicyBaseBlobArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicyDefinitionArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicyFilterArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicyRuleArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicySchemaArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicyVersionArgs;
import io.statebackend.common.BackendLayout;

/**
 * Recovery of overwritten or deleted state (CIS Azure 9.2.1-9.2.3) and the lifecycle rules that keep the versions
 * it creates, and the CLI's checkpoint copies, from growing without bound. Current state never expires.
 */
final class BlobDataProtection {

    static final String EXPIRE_NONCURRENT_RULE = "expire-noncurrent-state-versions";
    static final String EXPIRE_BACKUPS_RULE = BackendLayout.CHECKPOINT_BACKUPS_RULE;

    final BlobServiceProperties blobService;

    BlobDataProtection(AzureScope scope, Account account) {
        var storage = scope.settings().storage();
        int softDeleteDays = storage.softDeleteRetentionDays();
        this.blobService = new BlobServiceProperties("state-blob-service", BlobServicePropertiesArgs.builder()
                .resourceGroupName(scope.resourceGroupName())
                .accountName(account.account.name())
                .blobServicesName("default")
                // CIS 9.2.3: every checkpoint write keeps the previous state as a version.
                .isVersioningEnabled(true)
                // CIS 9.2.1: a deleted state file stays recoverable.
                .deleteRetentionPolicy(DeleteRetentionPolicyArgs.builder()
                        .enabled(true).days(softDeleteDays).allowPermanentDelete(false).build())
                // CIS 9.2.2: a deleted container stays recoverable.
                .containerDeleteRetentionPolicy(DeleteRetentionPolicyArgs.builder()
                        .enabled(true).days(softDeleteDays).build())
                // The change feed records every change to state (and vaulted backup requires it); it is kept as long
                // as the versions it describes.
                .changeFeed(ChangeFeedArgs.builder()
                        .enabled(true).retentionInDays(storage.noncurrentVersionRetentionDays()).build())
                .build(), scope.child());

        new ManagementPolicy("state-lifecycle", ManagementPolicyArgs.builder()
                .resourceGroupName(scope.resourceGroupName())
                .accountName(account.account.name())
                .managementPolicyName("default")
                .policy(ManagementPolicySchemaArgs.builder()
                        .rules(ManagementPolicyRuleArgs.builder()
                                .name(EXPIRE_NONCURRENT_RULE)
                                .enabled(true)
                                .type(RuleType.Lifecycle)
                                .definition(ManagementPolicyDefinitionArgs.builder()
                                        .filters(ManagementPolicyFilterArgs.builder().blobTypes("blockBlob").build())
                                        .actions(ManagementPolicyActionArgs.builder()
                                                .version(ManagementPolicyVersionArgs.builder()
                                                        .delete(DateAfterCreationArgs.builder()
                                                                .daysAfterCreationGreaterThan(
                                                                        (double) storage.noncurrentVersionRetentionDays())
                                                                .build())
                                                        .build())
                                                .build())
                                        .build())
                                .build(),
                                expireCheckpointBackups(storage.containerName(), storage.noncurrentVersionRetentionDays()))
                        .build())
                .build(), scope.child(blobService));
    }

    /** The CLI's per-update checkpoint copies, redundant with versioning, expire with the versions. */
    private static ManagementPolicyRuleArgs expireCheckpointBackups(String container, int days) {
        return ManagementPolicyRuleArgs.builder()
                .name(EXPIRE_BACKUPS_RULE)
                .enabled(true)
                .type(RuleType.Lifecycle)
                .definition(ManagementPolicyDefinitionArgs.builder()
                        .filters(ManagementPolicyFilterArgs.builder()
                                .blobTypes("blockBlob")
                                .prefixMatch(container + "/" + BackendLayout.CHECKPOINT_BACKUPS_PREFIX)
                                .build())
                        .actions(ManagementPolicyActionArgs.builder()
                                .baseBlob(ManagementPolicyBaseBlobArgs.builder()
                                        .delete(DateAfterModificationArgs.builder()
                                                .daysAfterModificationGreaterThan((double) days).build())
                                        .build())
                                .build())
                        .build())
                .build();
    }
}
