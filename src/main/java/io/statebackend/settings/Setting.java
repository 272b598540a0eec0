package io.statebackend.settings;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every stack setting this program reads: key, type, default and meaning, in one place. Pulumi.yaml declares the
 * same keys with the same types and defaults (a test keeps the two identical), and docs/settings.md documents them.
 */
public enum Setting {
    PROFILE("profile", SettingType.STRING, "production",
            "production or development; production refuses the development relaxations (redundancy, locks, protect, "
                    + "shorter retention, no replica or backup, a created VNet, no state users)"),
    PROTECT("protect", SettingType.BOOLEAN, "true",
            "Pulumi protect on every resource that holds state or its keys"),

    AZURE_ENABLED("azureEnabled", SettingType.BOOLEAN, "true", "create the Azure Blob state store"),
    AZURE_LOCATION("azureLocation", SettingType.STRING, "westeurope", "Azure region for every Azure resource"),
    AZURE_EXISTING_RESOURCE_GROUP("azureExistingResourceGroupName", SettingType.STRING, null,
            "use this existing resource group instead of creating one"),
    AZURE_NAME_SUFFIX("azureNameSuffix", SettingType.STRING, null,
            "suffix for globally unique names; default: a hash of subscription, project and stack"),
    AZURE_STORAGE_ACCOUNT_NAME("azureStorageAccountName", SettingType.STRING, null,
            "storage account name; default: derived from the suffix"),
    AZURE_KEY_VAULT_NAME("azureKeyVaultName", SettingType.STRING, null,
            "Key Vault name; default: derived from the suffix"),
    AZURE_SKU("azureSkuName", SettingType.STRING, "Standard_GRS",
            "storage redundancy; production allows Standard_GRS, Standard_RAGRS, Standard_GZRS, Standard_RAGZRS"),
    AZURE_CONTAINER("azureContainerName", SettingType.STRING, "pulumi-state", "blob container that holds state"),
    AZURE_SOFT_DELETE_DAYS("azureSoftDeleteRetentionDays", SettingType.INTEGER, "30",
            "days deleted blobs and containers stay recoverable (1-365; production >= 30, development >= 7)"),
    AZURE_NONCURRENT_VERSION_DAYS("azureNoncurrentVersionRetentionDays", SettingType.INTEGER, "90",
            "days before a noncurrent blob version is deleted (1-365, >= soft-delete days)"),
    AZURE_ALLOWED_IP_RANGES("azureAllowedIpRanges", SettingType.STRING_ARRAY, "[]",
            "public IPv4 addresses or CIDR ranges let through the storage and Key Vault firewalls; "
                    + "non-empty turns public network access on (default action stays Deny)"),
    AZURE_EXISTING_SUBNET_ID("azureExistingSubnetId", SettingType.STRING, null,
            "subnet for the private endpoints; default: a small VNet and subnet created here"),
    AZURE_VNET_ADDRESS_PREFIX("azureVnetAddressPrefix", SettingType.STRING, "10.250.0.0/24",
            "address range of the created VNet and subnet (ignored with azureExistingSubnetId)"),
    AZURE_EXISTING_BLOB_DNS_ZONE_ID("azureExistingBlobDnsZoneId", SettingType.STRING, null,
            "existing privatelink.blob.core.windows.net zone; default: created and linked to the VNet"),
    AZURE_EXISTING_VAULT_DNS_ZONE_ID("azureExistingVaultDnsZoneId", SettingType.STRING, null,
            "existing privatelink.vaultcore.azure.net zone; default: created and linked to the VNet"),
    AZURE_EXISTING_WORKSPACE_ID("azureExistingLogAnalyticsWorkspaceId", SettingType.STRING, null,
            "Log Analytics workspace for diagnostics; default: one created here"),
    AZURE_LOG_RETENTION_DAYS("azureLogRetentionDays", SettingType.INTEGER, "365",
            "retention of the created Log Analytics workspace (30-730; production >= 90)"),
    AZURE_STATE_USER_OBJECT_IDS("azureStateUserObjectIds", SettingType.STRING_ARRAY, "[]",
            "Entra object ids of the people and pipelines that run pulumi login (required in production)"),
    AZURE_STATE_READER_OBJECT_IDS("azureStateReaderObjectIds", SettingType.STRING_ARRAY, "[]",
            "Entra object ids that only read state: previews, drift checks, auditors (blob read, secrets decrypt)"),
    AZURE_KEY_SIZE("azureKeySize", SettingType.INTEGER, "3072", "RSA key size for the CMK and secrets keys (3072 or 4096)"),
    AZURE_KEY_ROTATION_DAYS("azureKeyRotationDays", SettingType.INTEGER, "365",
            "days after creation a key version is rotated (30-730)"),
    AZURE_DELETE_LOCKS("azureDeleteLocks", SettingType.BOOLEAN, "true",
            "CanNotDelete locks on the storage account and Key Vault"),
    AZURE_BACKUP_ENABLED("azureBackupEnabled", SettingType.BOOLEAN, "true",
            "daily vaulted Azure Backup of the state container"),
    AZURE_BACKUP_RETENTION_DAYS("azureBackupRetentionDays", SettingType.INTEGER, "30",
            "days a daily backup is kept (7-3650; production >= 30)"),
    AZURE_BACKUP_IMMUTABILITY("azureBackupImmutability", SettingType.STRING, "Unlocked",
            "Backup vault immutability: Unlocked or Locked (Locked is irreversible)"),
    AZURE_BACKUP_SOFT_DELETE_DAYS("azureBackupSoftDeleteDays", SettingType.INTEGER, "14",
            "days deleted backups stay recoverable in the Backup vault (14-180)"),

    AWS_ENABLED("awsEnabled", SettingType.BOOLEAN, "true", "create the AWS S3 state store"),
    AWS_REGION("awsRegion", SettingType.STRING, "eu-west-1", "AWS region of the state bucket"),
    AWS_NAME_SUFFIX("awsNameSuffix", SettingType.STRING, null,
            "suffix for globally unique names; default: a hash of account, project and stack"),
    AWS_BUCKET_NAME("awsBucketName", SettingType.STRING, null, "state bucket name; default: derived from the suffix"),
    AWS_STATE_PRINCIPAL_ARNS("awsStatePrincipalArns", SettingType.STRING_ARRAY, "[]",
            "IAM role or user ARNs that run pulumi login (required in production)"),
    AWS_STATE_READER_PRINCIPAL_ARNS("awsStateReaderPrincipalArns", SettingType.STRING_ARRAY, "[]",
            "IAM role or user ARNs that only read state: previews, drift checks, auditors (get, list, decrypt)"),
    AWS_NONCURRENT_VERSION_DAYS("awsNoncurrentVersionRetentionDays", SettingType.INTEGER, "90",
            "days before a noncurrent object version expires (1-3650; production >= 30)"),
    AWS_NEWER_NONCURRENT_VERSIONS("awsNewerNoncurrentVersions", SettingType.INTEGER, "10",
            "newest noncurrent versions kept regardless of age (1-100)"),
    AWS_REPLICA_REGION("awsReplicaRegion", SettingType.STRING, null,
            "region of the cross-region replica bucket; unset: no replica (required in production)"),
    AWS_ACCESS_LOG_RETENTION_DAYS("awsAccessLogRetentionDays", SettingType.INTEGER, "365",
            "days server access logs are kept (1-3650; production >= 90)");

    /** The config namespace of this project's own keys (the project name in Pulumi.yaml). */
    public static final String NAMESPACE = "state-backend";

    private final String key;
    private final SettingType type;
    private final String defaultValue;
    private final String description;

    Setting(String key, SettingType type, String defaultValue, String description) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String qualifiedKey() {
        return NAMESPACE + ":" + key;
    }

    public SettingType type() {
        return type;
    }

    /** The default in the engine's raw form (arrays as JSON), or empty when the setting is unset by default. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public String description() {
        return description;
    }

    public static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }
}
