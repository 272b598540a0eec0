package io.statebackend.vocabulary;

import io.statebackend.aws.Kms;
import io.statebackend.aws.Lifecycle;
import io.statebackend.azure.Encryption;
import io.statebackend.settings.Profile;
import io.statebackend.settings.Setting;
import io.statebackend.settings.Settings;

import java.util.function.IntSupplier;

/**
 * The numbers the program and the policy pack both hold a stack to, each read from the rules of the setting that
 * declares it or, where no setting can change it, from the program's own constant. The pack's {@code Thresholds} and
 * the numbers in {@code policy/config/*.json} are generated from these ({@link VocabularyFiles}), so a production
 * minimum changes in one place.
 */
public enum Threshold {
    DEVELOPMENT_SOFT_DELETE_DAYS("developmentSoftDeleteDays", "azureSoftDeleteRetentionDays",
            () -> minimum("azureSoftDeleteRetentionDays", Profile.DEVELOPMENT)),
    PRODUCTION_SOFT_DELETE_DAYS("productionSoftDeleteDays", "azureSoftDeleteRetentionDays",
            () -> minimum("azureSoftDeleteRetentionDays", Profile.PRODUCTION)),
    DEVELOPMENT_BACKUP_RETENTION_DAYS("developmentBackupRetentionDays", "azureBackupRetentionDays",
            () -> minimum("azureBackupRetentionDays", Profile.DEVELOPMENT)),
    PRODUCTION_BACKUP_RETENTION_DAYS("productionBackupRetentionDays", "azureBackupRetentionDays",
            () -> minimum("azureBackupRetentionDays", Profile.PRODUCTION)),
    DEVELOPMENT_LOG_RETENTION_DAYS("developmentLogRetentionDays", "azureLogRetentionDays",
            () -> minimum("azureLogRetentionDays", Profile.DEVELOPMENT)),
    PRODUCTION_LOG_RETENTION_DAYS("productionLogRetentionDays", "azureLogRetentionDays",
            () -> minimum("azureLogRetentionDays", Profile.PRODUCTION)),
    MINIMUM_KEY_SIZE("minimumKeySize", "azureKeySize", () -> minimum("azureKeySize", Profile.PRODUCTION)),
    MAXIMUM_NONCURRENT_VERSION_DAYS("maximumNoncurrentVersionDays",
            "azureNoncurrentVersionRetentionDays and awsNoncurrentVersionRetentionDays",
            () -> Math.max(maximum("azureNoncurrentVersionRetentionDays"), maximum("awsNoncurrentVersionRetentionDays"))),
    KEY_VAULT_SOFT_DELETE_DAYS("keyVaultSoftDeleteDays", "Encryption.VAULT_SOFT_DELETE_DAYS (fixed)",
            () -> Encryption.VAULT_SOFT_DELETE_DAYS),
    KMS_DELETION_WINDOW_DAYS("kmsDeletionWindowDays", "Kms.DELETION_WINDOW_DAYS (fixed)",
            () -> Kms.DELETION_WINDOW_DAYS),
    MAXIMUM_INCOMPLETE_UPLOAD_DAYS("maximumIncompleteUploadDays", "Lifecycle.ABORT_INCOMPLETE_UPLOAD_DAYS (fixed)",
            () -> Lifecycle.ABORT_INCOMPLETE_UPLOAD_DAYS);

    private final String packName;
    private final String source;
    private final IntSupplier value;

    Threshold(String packName, String source, IntSupplier value) {
        this.packName = packName;
        this.source = source;
        this.value = value;
    }

    /** The key in the pack's {@code Thresholds}. */
    public String packName() {
        return packName;
    }

    /** The settings whose rules give the number, or the program's constant. */
    public String source() {
        return source;
    }

    public int value() {
        return value.getAsInt();
    }

    private static Setting<?> setting(String key) {
        return Settings.byKey(key).orElseThrow(() -> new IllegalStateException("no setting " + key));
    }

    private static int minimum(String key, Profile profile) {
        return setting(key).minimumIn(profile)
                .orElseThrow(() -> new IllegalStateException(key + " has no minimum in " + profile.value()));
    }

    private static int maximum(String key) {
        return setting(key).maximum().orElseThrow(() -> new IllegalStateException(key + " has no maximum"));
    }
}
