package io.statebackend.settings;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static io.statebackend.settings.Profile.DEVELOPMENT;
import static io.statebackend.settings.Profile.PRODUCTION;
import static io.statebackend.settings.Rules.*;

/**
 * The Azure Blob state store's settings, grouped by the concern that uses them. Each group declares its settings
 * (key, type, default, description, rules) beside the fields they fill, and reads them.
 */
public record AzureSettings(String location, Names names, Storage storage, Network network, Diagnostics diagnostics,
                            Access access, Keys keys, Protection protection, Optional<Backup> backup) {

    static final Setting<Boolean> ENABLED = Setting.bool("azureEnabled", true, "create the Azure Blob state store");
    static final Setting<String> LOCATION = Setting.string("azureLocation", "westeurope",
            "Azure region for every Azure resource").rule(matches(Pattern.compile("^[a-z][a-z0-9]{2,30}$"),
            "an Azure region name such as westeurope"));

    /** Every Azure setting, in the order the documentation lists them. */
    static final List<Setting<?>> SETTINGS = Settings.concat(List.of(ENABLED, LOCATION), Names.SETTINGS,
            Storage.SETTINGS, Network.SETTINGS, Diagnostics.SETTINGS, Access.SETTINGS, Keys.SETTINGS,
            Protection.SETTINGS, Backup.SETTINGS);

    static AzureSettings read(SettingsReader read) {
        return new AzureSettings(read.value(LOCATION), Names.read(read), Storage.read(read), Network.read(read),
                Diagnostics.read(read), Access.read(read), Keys.read(read), Protection.read(read), Backup.read(read));
    }

    /** Names of the resource group and the globally unique resources; each defaults to one derived from a hash. */
    public record Names(Optional<String> existingResourceGroupName, Optional<String> nameSuffix,
                        Optional<String> storageAccountName, Optional<String> keyVaultName) {

        static final Setting<String> EXISTING_RESOURCE_GROUP = Setting.optionalString("azureExistingResourceGroupName",
                "use this existing resource group instead of creating one").rule(matches(
                Pattern.compile("^" + AzureResourceId.RESOURCE_GROUP_NAME + "$"),
                "a resource group name: 1-90 letters, digits, '-', '_', '.', '(', ')', not ending in '.'"));
        static final Setting<String> NAME_SUFFIX = Setting.optionalString("azureNameSuffix",
                "suffix for globally unique names; default: a hash of subscription, project and stack")
                .rule(Settings.NAME_SUFFIX_RULE);
        static final Setting<String> STORAGE_ACCOUNT = Setting.optionalString("azureStorageAccountName",
                "storage account name; default: derived from the suffix").rule(matches(
                Pattern.compile("^[a-z0-9]{3,24}$"), "a storage account name: 3-24 lowercase letters or digits"));
        static final Setting<String> KEY_VAULT = Setting.optionalString("azureKeyVaultName",
                "Key Vault name; default: derived from the suffix").rule(matches(
                Pattern.compile("^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$"),
                "a Key Vault name: 3-24 letters, digits or single hyphens, starting with a letter"));
        static final List<Setting<?>> SETTINGS = List.of(EXISTING_RESOURCE_GROUP, NAME_SUFFIX, STORAGE_ACCOUNT, KEY_VAULT);

        static Names read(SettingsReader read) {
            return new Names(read.optional(EXISTING_RESOURCE_GROUP), read.optional(NAME_SUFFIX),
                    read.optional(STORAGE_ACCOUNT), read.optional(KEY_VAULT));
        }
    }

    /** The storage account's redundancy, the state container, and how long deleted or overwritten state is kept. */
    public record Storage(String skuName, String containerName, int softDeleteRetentionDays,
                          int noncurrentVersionRetentionDays) {

        /** Redundancy options that keep a copy of state in a second region (CIS Azure 9.3.11). */
        public static final List<String> GEO_REDUNDANT_SKUS =
                List.of("Standard_GRS", "Standard_RAGRS", "Standard_GZRS", "Standard_RAGZRS");

        static final Setting<String> SKU = Setting.string("azureSkuName", "Standard_GRS", "storage redundancy")
                .rule(oneOfIn(PRODUCTION, GEO_REDUNDANT_SKUS, "geo-redundant, required in production"))
                .rule(oneOf(List.of("Standard_LRS", "Standard_ZRS", "Standard_GRS", "Standard_RAGRS", "Standard_GZRS",
                        "Standard_RAGZRS")));
        static final Setting<String> CONTAINER = Setting.string("azureContainerName", "pulumi-state",
                "blob container that holds state").rule(matches(
                Pattern.compile("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$"), "a container name: 3-63 lowercase "
                        + "letters, digits or single hyphens, starting and ending with a letter or digit"));
        static final Setting<Integer> SOFT_DELETE_DAYS = Setting.integer("azureSoftDeleteRetentionDays", 30,
                        "days deleted blobs and containers stay recoverable")
                .rule(between(1, 365)).rule(minimumDaysIn(PRODUCTION, 30)).rule(minimumDaysIn(DEVELOPMENT, 7));
        static final Setting<Integer> NONCURRENT_VERSION_DAYS = Setting.integer("azureNoncurrentVersionRetentionDays",
                90, "days after a blob version was written that it is deleted once no longer current (Azure counts"
                        + " from the write, not from when it was replaced), at least the soft-delete days")
                .rule(between(1, 365));
        static final List<Setting<?>> SETTINGS = List.of(SKU, CONTAINER, SOFT_DELETE_DAYS, NONCURRENT_VERSION_DAYS);

        static Storage read(SettingsReader read) {
            String sku = read.value(SKU);
            String container = read.value(CONTAINER);
            int softDelete = read.value(SOFT_DELETE_DAYS);
            int noncurrent = read.value(NONCURRENT_VERSION_DAYS);
            require(noncurrent >= softDelete, NONCURRENT_VERSION_DAYS, Integer.toString(noncurrent), "at least "
                    + softDelete + " (" + SOFT_DELETE_DAYS + "): a version must outlive the soft-delete window");
            return new Storage(sku, container, softDelete, noncurrent);
        }
    }

    /** Who may reach the storage account and Key Vault over the network, and the private endpoints' network. */
    public record Network(List<String> allowedIpRanges, Optional<AzureResourceId> existingSubnetId,
                          String vnetAddressPrefix, Optional<AzureResourceId> existingBlobDnsZoneId,
                          Optional<AzureResourceId> existingVaultDnsZoneId) {

        /** The private DNS zones the endpoints register in, and an existing zone must be. */
        public static final String BLOB_ZONE = "privatelink.blob.core.windows.net";
        public static final String VAULT_ZONE = "privatelink.vaultcore.azure.net";

        static final Setting<List<String>> ALLOWED_IP_RANGES = Setting.stringList("azureAllowedIpRanges",
                "public IPv4 addresses or CIDR ranges let through the storage and Key Vault firewalls; "
                        + "non-empty turns public network access on (default action stays Deny)")
                .rule(each(publicIpRule())).rule(each(notADocumentationRangeIn(PRODUCTION))).rule(distinct());
        static final Setting<AzureResourceId> EXISTING_SUBNET = Setting.resourceId("azureExistingSubnetId",
                        "Microsoft.Network/virtualNetworks/subnets",
                        "subnet for the private endpoints; default: a small VNet and subnet created here")
                .requiredIn(PRODUCTION, "a subnet id in production: the created VNet is a development convenience")
                .rule(inOwnSubscriptionIn(PRODUCTION));
        static final Setting<String> VNET_ADDRESS_PREFIX = Setting.string("azureVnetAddressPrefix", "10.250.0.0/24",
                "address range of the created VNet and subnet (ignored with azureExistingSubnetId)").rule(privateCidr());
        static final Setting<AzureResourceId> EXISTING_BLOB_DNS_ZONE = Setting.resourceId("azureExistingBlobDnsZoneId",
                "Microsoft.Network/privateDnsZones",
                "existing " + BLOB_ZONE + " zone; default: created and linked to the VNet")
                .rule(inOwnSubscriptionIn(PRODUCTION)).rule(zoneNamed(BLOB_ZONE));
        static final Setting<AzureResourceId> EXISTING_VAULT_DNS_ZONE = Setting.resourceId("azureExistingVaultDnsZoneId",
                "Microsoft.Network/privateDnsZones",
                "existing " + VAULT_ZONE + " zone; default: created and linked to the VNet")
                .rule(inOwnSubscriptionIn(PRODUCTION)).rule(zoneNamed(VAULT_ZONE));
        static final List<Setting<?>> SETTINGS = List.of(ALLOWED_IP_RANGES, EXISTING_SUBNET, VNET_ADDRESS_PREFIX,
                EXISTING_BLOB_DNS_ZONE, EXISTING_VAULT_DNS_ZONE);

        static Network read(SettingsReader read) {
            return new Network(read.value(ALLOWED_IP_RANGES), read.optional(EXISTING_SUBNET),
                    read.value(VNET_ADDRESS_PREFIX), read.optional(EXISTING_BLOB_DNS_ZONE),
                    read.optional(EXISTING_VAULT_DNS_ZONE));
        }
    }

    /**
     * Where the storage account's and Key Vault's audit logs go, and how long they are kept.
     *
     * @param checkExistingRetention whether the retention of an existing workspace must be read and held to
     *                               {@code logRetentionDays} before anything points at it: in production (the
     *                               program reads it only in the deployment's subscription, where the provider
     *                               can)
     */
    public record Diagnostics(Optional<AzureResourceId> existingWorkspaceId, int logRetentionDays,
                              boolean checkExistingRetention) {

        static final Setting<AzureResourceId> EXISTING_WORKSPACE = Setting.resourceId(
                        "azureExistingLogAnalyticsWorkspaceId", "Microsoft.OperationalInsights/workspaces",
                        "Log Analytics workspace for diagnostics; default: one created here")
                .rule(inOwnSubscriptionIn(PRODUCTION));
        static final Setting<Integer> LOG_RETENTION_DAYS = Setting.integer("azureLogRetentionDays", 365,
                        "retention of the audit logs: of the created Log Analytics workspace; in production also"
                                + " the least the tables they land in must keep in an existing one in the deployment's"
                                + " subscription")
                .rule(between(30, 730)).rule(minimumDaysIn(PRODUCTION, Settings.PRODUCTION_LOG_RETENTION_DAYS));
        static final List<Setting<?>> SETTINGS = List.of(EXISTING_WORKSPACE, LOG_RETENTION_DAYS);

        static Diagnostics read(SettingsReader read) {
            return new Diagnostics(read.optional(EXISTING_WORKSPACE), read.value(LOG_RETENTION_DAYS),
                    read.profile() == PRODUCTION);
        }

        /**
         * The setting's one line for an existing workspace whose retention Azure would not give ({@code reason}, the
         * first line of its answer): one that does not exist, or that the deployment may not read.
         */
        public SettingsException unreadable(String reason) {
            return new SettingsException(EXISTING_WORKSPACE.qualifiedKey(), existingWorkspaceId().orElseThrow().value(),
                    "a workspace this deployment can read; reading it failed: "
                            + (reason == null ? "no reason given" : reason.lines().findFirst().orElse("")));
        }

        /**
         * Stops the run here with the setting's one line unless {@code table} of the existing workspace, where audit
         * logs land, keeps them ({@code keptDays}, read from Azure) as long as asked.
         */
        public void requireRetention(String table, int keptDays) {
            if (keptDays < logRetentionDays) {
                throw new SettingsException(EXISTING_WORKSPACE.qualifiedKey(), existingWorkspaceId().orElseThrow().value(),
                        "a workspace that keeps logs at least " + logRetentionDays + " days ("
                                + LOG_RETENTION_DAYS.qualifiedKey() + "); its table " + table + " keeps them " + keptDays);
            }
        }
    }

    /** The Entra identities that use the backend: state users write, readers only read. */
    public record Access(List<String> stateUserObjectIds, List<String> stateReaderObjectIds) {

        static final Setting<List<String>> STATE_USERS = Setting.stringList("azureStateUserObjectIds",
                        "Entra object ids of the people and pipelines that run pulumi login")
                .rule(each(guid()))
                .rule(each(notAnExampleIn(PRODUCTION, ExampleValues::isExampleGuid, "an Entra object id")))
                .rule(nonEmptyIn(PRODUCTION, "at least one object id in production: someone must be able to log in"))
                .rule(distinct());
        static final Setting<List<String>> STATE_READERS = Setting.stringList("azureStateReaderObjectIds",
                        "Entra object ids that only read state: previews, drift checks, auditors (blob read, secrets decrypt)")
                .rule(each(guid()))
                .rule(each(notAnExampleIn(PRODUCTION, ExampleValues::isExampleGuid, "an Entra object id")))
                .rule(distinct());
        static final List<Setting<?>> SETTINGS = List.of(STATE_USERS, STATE_READERS);

        static Access read(SettingsReader read) {
            List<String> users = read.value(STATE_USERS);
            List<String> readers = read.value(STATE_READERS);
            readers.forEach(id -> require(users.stream().noneMatch(id::equalsIgnoreCase), STATE_READERS, id,
                    "an object id that is not in "
                    + STATE_USERS + " as well: a state user writes, a reader only reads"));
            return new Access(users, readers);
        }
    }

    /** The customer-managed key that encrypts the account and the key that encrypts stack secrets. */
    public record Keys(int size, int rotationDays) {

        static final Setting<Integer> SIZE = Setting.integer("azureKeySize", 3072,
                "RSA key size for the CMK and secrets keys").rule(either(3072, 4096));
        static final Setting<Integer> ROTATION_DAYS = Setting.integer("azureKeyRotationDays", 365,
                "days after creation a key version is rotated").rule(between(30, 730));
        static final List<Setting<?>> SETTINGS = List.of(SIZE, ROTATION_DAYS);

        static Keys read(SettingsReader read) {
            return new Keys(read.value(SIZE), read.value(ROTATION_DAYS));
        }
    }

    /** Management locks against deleting the account or the vault (CIS Azure 9.3.9). */
    public record Protection(boolean deleteLocks) {

        static final Setting<Boolean> DELETE_LOCKS = Setting.bool("azureDeleteLocks", true,
                        "CanNotDelete locks on the storage account and Key Vault")
                .rule(trueIn(PRODUCTION, "true in production (CIS Azure 9.3.9)"));
        static final List<Setting<?>> SETTINGS = List.of(DELETE_LOCKS);

        static Protection read(SettingsReader read) {
            return new Protection(read.value(DELETE_LOCKS));
        }
    }

    /** Daily vaulted Azure Backup of the state container; absent when switched off. */
    public record Backup(int retentionDays, String immutability, int softDeleteDays, String startTime) {

        static final Setting<Boolean> ENABLED = Setting.bool("azureBackupEnabled", true,
                        "daily vaulted Azure Backup of the state container")
                .rule(trueIn(PRODUCTION, "true in production: state needs a daily backup"));
        static final Setting<Integer> RETENTION_DAYS = Setting.integer("azureBackupRetentionDays", 30,
                        "days a daily backup is kept")
                .rule(between(7, 3650)).rule(minimumDaysIn(PRODUCTION, 30));
        static final Setting<String> IMMUTABILITY = Setting.string("azureBackupImmutability", "Unlocked",
                "Backup vault immutability; Locked is irreversible").rule(oneOf(List.of("Unlocked", "Locked")));
        static final Setting<Integer> SOFT_DELETE_DAYS = Setting.integer("azureBackupSoftDeleteDays", 14,
                "days deleted backups stay recoverable in the Backup vault").rule(between(14, 180));
        static final Setting<String> START_TIME = Setting.string("azureBackupStartTime", "02:00",
                "UTC time the daily backup starts, HH:MM on the hour or half hour").rule(matches(
                Pattern.compile("^([01]\\d|2[0-3]):(00|30)$"), "a UTC time on the hour or half hour, such as 02:00"));
        static final List<Setting<?>> SETTINGS = List.of(ENABLED, RETENTION_DAYS, IMMUTABILITY, SOFT_DELETE_DAYS,
                START_TIME);

        static Optional<Backup> read(SettingsReader read) {
            if (!read.value(ENABLED)) {
                return Optional.empty();
            }
            return Optional.of(new Backup(read.value(RETENTION_DAYS), read.value(IMMUTABILITY),
                    read.value(SOFT_DELETE_DAYS), read.value(START_TIME)));
        }
    }
}
