package io.statebackend.settings;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.statebackend.settings.Setting.*;

/**
 * Builds {@link Settings} from stack config and validates every value before any resource is declared. The first bad
 * value stops the program with one line naming the key, the value and what is expected.
 */
public final class SettingsLoader {

    /** Redundancy options that keep a copy of state in a second region (CIS Azure 9.3.11). */
    public static final List<String> GEO_REDUNDANT_SKUS =
            List.of("Standard_GRS", "Standard_RAGRS", "Standard_GZRS", "Standard_RAGZRS");
    private static final List<String> ALL_SKUS = List.of(
            "Standard_LRS", "Standard_ZRS", "Standard_GRS", "Standard_RAGRS", "Standard_GZRS", "Standard_RAGZRS");

    /** Audit logs of who touched state are kept at least this long in production. */
    static final int PRODUCTION_LOG_RETENTION_DAYS = 90;

    static final Set<String> AWS_REGIONS = Set.of(
            "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "ca-west-1", "mx-central-1",
            "sa-east-1", "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3", "eu-south-1",
            "eu-south-2", "eu-north-1", "il-central-1", "me-south-1", "me-central-1", "af-south-1", "ap-east-1",
            "ap-east-2", "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
            "ap-southeast-4", "ap-southeast-5", "ap-southeast-7", "ap-northeast-1", "ap-northeast-2",
            "ap-northeast-3", "us-gov-east-1", "us-gov-west-1", "cn-north-1", "cn-northwest-1");

    private static final Pattern AZURE_LOCATION_NAME = Pattern.compile("^[a-z][a-z0-9]{2,30}$");
    private static final Pattern NAME_SUFFIX = Pattern.compile("^[a-z0-9]{4,13}$");
    private static final Pattern STORAGE_ACCOUNT_NAME = Pattern.compile("^[a-z0-9]{3,24}$");
    private static final Pattern KEY_VAULT_NAME = Pattern.compile("^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$");
    private static final Pattern CONTAINER_NAME = Pattern.compile("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$");
    private static final Pattern RESOURCE_GROUP_NAME = Pattern.compile("^[-\\w.()]{0,89}[-\\w()]$");
    /** No dots: see {@link #bucketName}. */
    private static final Pattern BUCKET_NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{1,53}[a-z0-9]$");
    /**
     * An account root, or a role or user with an optional path ({@code role/ci/deployer}): path segments and the
     * name are IAM name characters, no empty segment, no trailing slash. Group 1 is the partition.
     */
    private static final Pattern IAM_PRINCIPAL_ARN = Pattern.compile(
            "^arn:(aws|aws-cn|aws-us-gov):iam::\\d{12}:(root|(role|user)/([\\w+=,.@-]+/){0,16}[\\w+=,.@-]{1,64})$");

    private SettingsLoader() {
    }

    public static Settings load(StackConfig config) {
        SettingsReader read = new SettingsReader(config);
        read.rejectUnknownKeys();
        Profile profile = Profile.parse(read.string(PROFILE));
        boolean protect = read.bool(PROTECT);
        if (profile == Profile.PRODUCTION) {
            Checks.require(protect, PROTECT, "false", "true in production: protect keeps state from a mistaken destroy");
        }
        boolean azureEnabled = read.bool(AZURE_ENABLED);
        boolean awsEnabled = read.bool(AWS_ENABLED);
        Checks.require(azureEnabled || awsEnabled, AZURE_ENABLED, "false",
                "true, or " + AWS_ENABLED.qualifiedKey() + " true: at least one cloud must be on");
        Optional<AzureSettings> azure = azureEnabled ? Optional.of(azure(read, profile)) : Optional.empty();
        Optional<AwsSettings> aws = awsEnabled ? Optional.of(aws(read, profile)) : Optional.empty();
        return new Settings(profile, protect, azure, aws);
    }

    private static AzureSettings azure(SettingsReader read, Profile profile) {
        boolean production = profile == Profile.PRODUCTION;
        String location = Checks.matches(AZURE_LOCATION, read.string(AZURE_LOCATION), AZURE_LOCATION_NAME,
                "an Azure region name such as westeurope");
        Optional<String> resourceGroup = read.optionalString(AZURE_EXISTING_RESOURCE_GROUP)
                .map(v -> Checks.matches(AZURE_EXISTING_RESOURCE_GROUP, v, RESOURCE_GROUP_NAME,
                        "a resource group name: 1-90 letters, digits, '-', '_', '.', '(', ')', not ending in '.'"));
        Optional<String> suffix = read.optionalString(AZURE_NAME_SUFFIX)
                .map(v -> Checks.matches(AZURE_NAME_SUFFIX, v, NAME_SUFFIX, "4-13 lowercase letters or digits"));
        Optional<String> accountName = read.optionalString(AZURE_STORAGE_ACCOUNT_NAME)
                .map(v -> Checks.matches(AZURE_STORAGE_ACCOUNT_NAME, v, STORAGE_ACCOUNT_NAME,
                        "a storage account name: 3-24 lowercase letters or digits"));
        Optional<String> vaultName = read.optionalString(AZURE_KEY_VAULT_NAME)
                .map(v -> Checks.matches(AZURE_KEY_VAULT_NAME, v, KEY_VAULT_NAME,
                        "a Key Vault name: 3-24 letters, digits or single hyphens, starting with a letter"));

        String sku = production
                ? Checks.oneOf(AZURE_SKU, read.string(AZURE_SKU), GEO_REDUNDANT_SKUS, " (geo-redundant, required in production)")
                : Checks.oneOf(AZURE_SKU, read.string(AZURE_SKU), ALL_SKUS, "");
        String container = Checks.matches(AZURE_CONTAINER, read.string(AZURE_CONTAINER), CONTAINER_NAME,
                "a container name: 3-63 lowercase letters, digits or single hyphens, starting and ending with a letter or digit");

        int softDelete = Checks.inRange(AZURE_SOFT_DELETE_DAYS, read.integer(AZURE_SOFT_DELETE_DAYS), 1, 365);
        Checks.atLeast(AZURE_SOFT_DELETE_DAYS, softDelete, production ? 30 : 7, "days in " + profile.value());
        int noncurrent = Checks.inRange(AZURE_NONCURRENT_VERSION_DAYS, read.integer(AZURE_NONCURRENT_VERSION_DAYS), 1, 365);
        Checks.atLeast(AZURE_NONCURRENT_VERSION_DAYS, noncurrent, softDelete,
                "(" + AZURE_SOFT_DELETE_DAYS.qualifiedKey() + "): a version must outlive the soft-delete window");

        List<String> ipRanges = read.stringList(AZURE_ALLOWED_IP_RANGES).stream()
                .map(v -> Checks.publicIpRule(AZURE_ALLOWED_IP_RANGES, v)).toList();

        Optional<AzureResourceId> subnet = read.optionalString(AZURE_EXISTING_SUBNET_ID).map(v -> AzureResourceId.parse(
                AZURE_EXISTING_SUBNET_ID.qualifiedKey(), v, "Microsoft.Network/virtualNetworks/subnets"));
        if (production && subnet.isEmpty()) {
            throw new SettingsException(AZURE_EXISTING_SUBNET_ID.qualifiedKey(), null,
                    "a subnet id in production: the created VNet is a development convenience");
        }
        subnet.ifPresent(id -> notAnExampleSubscription(production, AZURE_EXISTING_SUBNET_ID, id));
        String vnetPrefix = Checks.privateCidr(AZURE_VNET_ADDRESS_PREFIX, read.string(AZURE_VNET_ADDRESS_PREFIX));
        Optional<AzureResourceId> blobZone = read.optionalString(AZURE_EXISTING_BLOB_DNS_ZONE_ID).map(v -> AzureResourceId.parse(
                AZURE_EXISTING_BLOB_DNS_ZONE_ID.qualifiedKey(), v, "Microsoft.Network/privateDnsZones"));
        Optional<AzureResourceId> vaultZone = read.optionalString(AZURE_EXISTING_VAULT_DNS_ZONE_ID).map(v -> AzureResourceId.parse(
                AZURE_EXISTING_VAULT_DNS_ZONE_ID.qualifiedKey(), v, "Microsoft.Network/privateDnsZones"));
        Optional<AzureResourceId> workspace = read.optionalString(AZURE_EXISTING_WORKSPACE_ID).map(v -> AzureResourceId.parse(
                AZURE_EXISTING_WORKSPACE_ID.qualifiedKey(), v, "Microsoft.OperationalInsights/workspaces"));
        blobZone.ifPresent(id -> notAnExampleSubscription(production, AZURE_EXISTING_BLOB_DNS_ZONE_ID, id));
        vaultZone.ifPresent(id -> notAnExampleSubscription(production, AZURE_EXISTING_VAULT_DNS_ZONE_ID, id));
        workspace.ifPresent(id -> notAnExampleSubscription(production, AZURE_EXISTING_WORKSPACE_ID, id));
        int logRetention = Checks.inRange(AZURE_LOG_RETENTION_DAYS, read.integer(AZURE_LOG_RETENTION_DAYS), 30, 730);
        Checks.atLeast(AZURE_LOG_RETENTION_DAYS, logRetention, production ? PRODUCTION_LOG_RETENTION_DAYS : 30,
                "days in " + profile.value());

        List<String> users = read.stringList(AZURE_STATE_USER_OBJECT_IDS).stream()
                .map(v -> Checks.guid(AZURE_STATE_USER_OBJECT_IDS, v)).toList();
        users.forEach(id -> Checks.notAnExample(production, ExampleValues.isExampleGuid(id), AZURE_STATE_USER_OBJECT_IDS,
                id, "an Entra object id"));
        Checks.require(!production || !users.isEmpty(), AZURE_STATE_USER_OBJECT_IDS, "[]",
                "at least one object id in production: someone must be able to log in");
        List<String> readers = read.stringList(AZURE_STATE_READER_OBJECT_IDS).stream()
                .map(v -> Checks.guid(AZURE_STATE_READER_OBJECT_IDS, v)).toList();
        readers.forEach(id -> {
            Checks.notAnExample(production, ExampleValues.isExampleGuid(id), AZURE_STATE_READER_OBJECT_IDS, id,
                    "an Entra object id");
            Checks.require(!users.contains(id), AZURE_STATE_READER_OBJECT_IDS, id, "an object id that is not in "
                    + AZURE_STATE_USER_OBJECT_IDS.qualifiedKey() + " as well: a state user writes, a reader only reads");
        });

        int keySize = read.integer(AZURE_KEY_SIZE);
        Checks.require(keySize == 3072 || keySize == 4096, AZURE_KEY_SIZE, Integer.toString(keySize), "3072 or 4096");
        int rotationDays = Checks.inRange(AZURE_KEY_ROTATION_DAYS, read.integer(AZURE_KEY_ROTATION_DAYS), 30, 730);

        boolean locks = read.bool(AZURE_DELETE_LOCKS);
        Checks.require(locks || !production, AZURE_DELETE_LOCKS, "false", "true in production (CIS Azure 9.3.9)");

        return new AzureSettings(location, resourceGroup, suffix, accountName, vaultName, sku, container, softDelete,
                noncurrent, ipRanges, subnet, vnetPrefix, blobZone, vaultZone, workspace, logRetention, users, readers, keySize,
                rotationDays, locks, backup(read, production));
    }

    private static Optional<AzureSettings.Backup> backup(SettingsReader read, boolean production) {
        boolean enabled = read.bool(AZURE_BACKUP_ENABLED);
        Checks.require(enabled || !production, AZURE_BACKUP_ENABLED, "false", "true in production: state needs a daily backup");
        if (!enabled) {
            return Optional.empty();
        }
        int retention = Checks.inRange(AZURE_BACKUP_RETENTION_DAYS, read.integer(AZURE_BACKUP_RETENTION_DAYS), 7, 3650);
        Checks.atLeast(AZURE_BACKUP_RETENTION_DAYS, retention, production ? 30 : 7, "days in " + (production ? "production" : "development"));
        String immutability = Checks.oneOf(AZURE_BACKUP_IMMUTABILITY, read.string(AZURE_BACKUP_IMMUTABILITY),
                List.of("Unlocked", "Locked"), "");
        int softDelete = Checks.inRange(AZURE_BACKUP_SOFT_DELETE_DAYS, read.integer(AZURE_BACKUP_SOFT_DELETE_DAYS), 14, 180);
        return Optional.of(new AzureSettings.Backup(retention, immutability, softDelete));
    }

    private static AwsSettings aws(SettingsReader read, Profile profile) {
        boolean production = profile == Profile.PRODUCTION;
        String region = awsRegion(AWS_REGION, read.string(AWS_REGION));
        Optional<String> suffix = read.optionalString(AWS_NAME_SUFFIX)
                .map(v -> Checks.matches(AWS_NAME_SUFFIX, v, NAME_SUFFIX, "4-13 lowercase letters or digits"));
        Optional<String> bucket = read.optionalString(AWS_BUCKET_NAME).map(v -> bucketName(AWS_BUCKET_NAME, v));

        String partition = AwsSettings.partitionOf(region);
        List<String> principals = read.stringList(AWS_STATE_PRINCIPAL_ARNS).stream()
                .map(v -> principalArn(AWS_STATE_PRINCIPAL_ARNS, v, partition, region))
                .toList();
        principals.forEach(arn -> Checks.notAnExample(production, ExampleValues.isExampleAccount(arn.split(":")[4]),
                AWS_STATE_PRINCIPAL_ARNS, arn, "a principal in an AWS account"));
        Checks.require(!production || !principals.isEmpty(), AWS_STATE_PRINCIPAL_ARNS, "[]",
                "at least one principal ARN in production: someone must be able to log in");
        List<String> readers = read.stringList(AWS_STATE_READER_PRINCIPAL_ARNS).stream()
                .map(v -> principalArn(AWS_STATE_READER_PRINCIPAL_ARNS, v, partition, region))
                .toList();
        readers.forEach(arn -> {
            Checks.notAnExample(production, ExampleValues.isExampleAccount(arn.split(":")[4]),
                    AWS_STATE_READER_PRINCIPAL_ARNS, arn, "a principal in an AWS account");
            Checks.require(!principals.contains(arn), AWS_STATE_READER_PRINCIPAL_ARNS, arn, "an ARN that is not in "
                    + AWS_STATE_PRINCIPAL_ARNS.qualifiedKey() + " as well: a state user writes, a reader only reads");
        });

        int noncurrent = Checks.inRange(AWS_NONCURRENT_VERSION_DAYS, read.integer(AWS_NONCURRENT_VERSION_DAYS), 1, 3650);
        if (production) {
            Checks.atLeast(AWS_NONCURRENT_VERSION_DAYS, noncurrent, 30,
                    "days in production: an overwritten state file must stay recoverable");
        }
        int newer = Checks.inRange(AWS_NEWER_NONCURRENT_VERSIONS, read.integer(AWS_NEWER_NONCURRENT_VERSIONS), 1, 100);
        Optional<String> replica = read.optionalString(AWS_REPLICA_REGION).map(v -> awsRegion(AWS_REPLICA_REGION, v));
        if (production && replica.isEmpty()) {
            throw new SettingsException(AWS_REPLICA_REGION.qualifiedKey(), null,
                    "a replica region in production (AWS FSBP S3.7 cross-region replication)");
        }
        replica.ifPresent(r -> Checks.require(!r.equals(region), AWS_REPLICA_REGION, r,
                "a region other than " + AWS_REGION.qualifiedKey() + " (" + region + ")"));
        replica.ifPresent(r -> Checks.require(AwsSettings.partitionOf(r).equals(partition), AWS_REPLICA_REGION, r,
                "a region in the same AWS partition as " + AWS_REGION.qualifiedKey() + " (" + region + ", "
                        + partition + "): S3 cannot replicate across partitions"));
        int logRetention = Checks.inRange(AWS_ACCESS_LOG_RETENTION_DAYS, read.integer(AWS_ACCESS_LOG_RETENTION_DAYS), 1, 3650);
        Checks.atLeast(AWS_ACCESS_LOG_RETENTION_DAYS, logRetention, production ? PRODUCTION_LOG_RETENTION_DAYS : 1,
                "days in " + profile.value());
        return new AwsSettings(region, suffix, bucket, principals, readers, noncurrent, newer, replica, logRetention);
    }

    private static void notAnExampleSubscription(boolean production, Setting setting, AzureResourceId id) {
        Checks.notAnExample(production, ExampleValues.isExampleGuid(id.subscriptionId()), setting, id.value(),
                "a resource id in a subscription");
    }

    private static String awsRegion(Setting setting, String value) {
        if (!AWS_REGIONS.contains(value)) {
            throw new SettingsException(setting.qualifiedKey(), value, "an AWS region code such as eu-west-1");
        }
        return value;
    }

    private static String principalArn(Setting setting, String value, String partition, String region) {
        Matcher m = IAM_PRINCIPAL_ARN.matcher(value);
        if (!m.matches()) {
            throw new SettingsException(setting.qualifiedKey(), value,
                    "an IAM role, user or account-root ARN with a 12-digit account id, such as "
                            + "arn:aws:iam::123456789012:role/pulumi-state-users");
        }
        Checks.require(m.group(1).equals(partition), setting, value,
                "an ARN in the " + partition + " partition, where " + AWS_REGION.qualifiedKey() + " (" + region + ") is");
        return value;
    }

    /**
     * S3 bucket naming rules, kept to 55 characters so the derived "-logs" and "-replica" buckets stay within 63.
     * Dots are refused although S3 allows them: the bucket policy denies plain HTTP, and a dotted name cannot be
     * reached over HTTPS in the virtual-hosted style the Pulumi CLI uses (the certificate *.s3.region.amazonaws.com
     * matches one label only). That also rules out the IP-address form and "..".
     */
    static String bucketName(Setting setting, String value) {
        String rules = "an S3 bucket name: 3-55 lowercase letters, digits or '-', starting and ending with a letter "
                + "or digit, no '.' (HTTPS needs a single label), not starting with xn--, sthree- or amzn-s3-demo-, "
                + "not ending with -s3alias, --ol-s3, --x-s3 or --table-s3";
        boolean valid = BUCKET_NAME.matcher(value).matches()
                && !value.startsWith("xn--") && !value.startsWith("sthree-") && !value.startsWith("amzn-s3-demo-")
                && !value.endsWith("-s3alias") && !value.endsWith("--ol-s3") && !value.endsWith("--x-s3")
                && !value.endsWith("--table-s3");
        Checks.require(valid, setting, value, rules);
        return value;
    }
}
