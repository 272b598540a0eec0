package io.statebackend.settings;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static io.statebackend.settings.Profile.PRODUCTION;
import static io.statebackend.settings.Rules.*;

/**
 * The AWS S3 state store's settings, grouped by the concern that uses them. Each group declares its settings (key,
 * type, default, description, rules) beside the fields they fill, and reads them.
 */
public record AwsSettings(String region, Names names, Access access, Lifecycle lifecycle, Optional<String> replicaRegion,
                          Logging logging) {

    static final Set<String> REGIONS = Set.of(
            "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "ca-west-1", "mx-central-1",
            "sa-east-1", "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3", "eu-south-1",
            "eu-south-2", "eu-north-1", "il-central-1", "me-south-1", "me-central-1", "af-south-1", "ap-east-1",
            "ap-east-2", "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
            "ap-southeast-4", "ap-southeast-5", "ap-southeast-7", "ap-northeast-1", "ap-northeast-2",
            "ap-northeast-3", "us-gov-east-1", "us-gov-west-1", "cn-north-1", "cn-northwest-1");
    private static final Rule<String> REGION_CODE = memberOf(REGIONS, "an AWS region code such as eu-west-1");

    static final Setting<Boolean> ENABLED = Setting.bool("awsEnabled", true, "create the AWS S3 state store");
    static final Setting<String> REGION = Setting.string("awsRegion", "eu-west-1", "AWS region of the state bucket")
            .rule(REGION_CODE);
    static final Setting<String> REPLICA_REGION = Setting.optionalString("awsReplicaRegion",
                    "region of the cross-region replica bucket, in the partition of awsRegion; unset: no replica")
            .requiredIn(PRODUCTION, "a replica region in production (AWS FSBP S3.7 cross-region replication)")
            .rule(REGION_CODE);

    /** Every AWS setting, in the order the documentation lists them. */
    static final List<Setting<?>> SETTINGS = Settings.concat(List.of(ENABLED, REGION), Names.SETTINGS,
            Access.SETTINGS, Lifecycle.SETTINGS, List.of(REPLICA_REGION), Logging.SETTINGS);

    static AwsSettings read(SettingsReader read) {
        String region = read.value(REGION);
        String partition = partitionOf(region);
        Names names = Names.read(read);
        Access access = Access.read(read, region);
        Lifecycle lifecycle = Lifecycle.read(read);
        Optional<String> replica = read.optional(REPLICA_REGION);
        replica.ifPresent(r -> require(!r.equals(region), REPLICA_REGION, r,
                "a region other than " + REGION + " (" + region + ")"));
        replica.ifPresent(r -> require(partitionOf(r).equals(partition), REPLICA_REGION, r,
                "a region in the same AWS partition as " + REGION + " (" + region + ", " + partition
                        + "): S3 cannot replicate across partitions"));
        return new AwsSettings(region, names, access, lifecycle, replica, Logging.read(read));
    }

    /** The AWS partition a region belongs to: the {@code <partition>} in every ARN there. */
    public static String partitionOf(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    /** Names of the globally unique buckets; each defaults to one derived from a hash. */
    public record Names(Optional<String> nameSuffix, Optional<String> bucketName) {

        private static final Rule<String> S3_BUCKET_NAME = s3BucketName();

        static final Setting<String> NAME_SUFFIX = Setting.optionalString("awsNameSuffix",
                "suffix for globally unique names; default: a hash of account, project and stack")
                .rule(Settings.NAME_SUFFIX_RULE);
        static final Setting<String> BUCKET = Setting.optionalString("awsBucketName",
                "state bucket name; default: derived from the suffix").rule(S3_BUCKET_NAME);
        static final List<Setting<?>> SETTINGS = List.of(NAME_SUFFIX, BUCKET);

        static Names read(SettingsReader read) {
            return new Names(read.optional(NAME_SUFFIX), read.optional(BUCKET));
        }

        /**
         * S3 bucket naming rules, kept to 55 characters so the derived "-logs" and "-replica" buckets stay within 63.
         * Dots are refused although S3 allows them: the bucket policy denies plain HTTP, and a dotted name cannot be
         * reached over HTTPS in the virtual-hosted style the Pulumi CLI uses (the certificate
         * *.s3.region.amazonaws.com matches one label only). That also rules out the IP-address form and "..".
         */
        private static Rule<String> s3BucketName() {
            return matches(Pattern.compile("^(?!xn--|sthree-|amzn-s3-demo-)(?!.*(-s3alias|--ol-s3|--x-s3|--table-s3)$)"
                            + "[a-z0-9][a-z0-9-]{1,53}[a-z0-9]$"),
                    "an S3 bucket name: 3-55 lowercase letters, digits or '-', starting and ending with a letter or "
                            + "digit, no '.' (HTTPS needs a single label), not starting with xn--, sthree- or "
                            + "amzn-s3-demo-, not ending with -s3alias, --ol-s3, --x-s3 or --table-s3");
        }
    }

    /** The IAM principals that use the backend: state users write, readers only read. */
    public record Access(List<String> statePrincipalArns, List<String> stateReaderPrincipalArns) {

        /**
         * An account root, or a role or user with an optional path ({@code role/ci/deployer}): path segments and the
         * name are IAM name characters, no empty segment, no trailing slash. Group 1 is the partition.
         */
        private static final Pattern PRINCIPAL_ARN = Pattern.compile(
                "^arn:(aws|aws-cn|aws-us-gov):iam::\\d{12}:(root|(role|user)/([\\w+=,.@-]+/){0,16}[\\w+=,.@-]{1,64})$");
        private static final Rule<String> PRINCIPAL = matches(PRINCIPAL_ARN, "an IAM role or user ARN "
                + "(or, outside production, an account root) with a 12-digit account id, such as "
                + "arn:aws:iam::123456789012:role/pulumi-state-users");
        private static final Rule<String> OWN_ACCOUNT = notAnExampleIn(PRODUCTION,
                arn -> ExampleValues.isExampleAccount(arn.split(":")[4]), "a principal in an AWS account");
        private static final Rule<String> NO_ACCOUNT_ROOT_IN_PRODUCTION = notAccountRootIn(PRODUCTION);

        static final Setting<List<String>> STATE_USERS = Setting.stringList("awsStatePrincipalArns",
                        "IAM role or user ARNs that run pulumi login")
                .rule(each(PRINCIPAL)).rule(each(OWN_ACCOUNT)).rule(each(NO_ACCOUNT_ROOT_IN_PRODUCTION))
                .rule(nonEmptyIn(PRODUCTION, "at least one principal ARN in production: someone must be able to log in"))
                .rule(distinct());
        static final Setting<List<String>> STATE_READERS = Setting.stringList("awsStateReaderPrincipalArns",
                        "IAM role or user ARNs that only read state: previews, drift checks, auditors (get, list, decrypt)")
                .rule(each(PRINCIPAL)).rule(each(OWN_ACCOUNT)).rule(each(NO_ACCOUNT_ROOT_IN_PRODUCTION))
                .rule(distinct());
        static final List<Setting<?>> SETTINGS = List.of(STATE_USERS, STATE_READERS);

        static Access read(SettingsReader read, String region) {
            List<String> users = read.value(STATE_USERS);
            List<String> readers = read.value(STATE_READERS);
            users.forEach(arn -> inPartitionOf(region, STATE_USERS, arn));
            readers.forEach(arn -> {
                inPartitionOf(region, STATE_READERS, arn);
                // IAM tells no two users or roles apart by letter case.
                require(users.stream().noneMatch(arn::equalsIgnoreCase), STATE_READERS, arn, "an ARN that is not in "
                        + STATE_USERS + " as well: a state user writes, a reader only reads");
            });
            return new Access(users, readers);
        }

        private static void inPartitionOf(String region, Setting<?> setting, String arn) {
            String partition = partitionOf(region);
            require(arn.startsWith("arn:" + partition + ":"), setting, arn,
                    "an ARN in the " + partition + " partition, where " + REGION + " (" + region + ") is");
        }
    }

    /** How long overwritten state versions are kept. */
    public record Lifecycle(int noncurrentVersionRetentionDays, int newerNoncurrentVersions) {

        static final Setting<Integer> NONCURRENT_VERSION_DAYS = Setting.integer("awsNoncurrentVersionRetentionDays", 90,
                        "days before a noncurrent object version expires")
                .rule(between(1, 365)).rule(minimumDaysIn(PRODUCTION, 30));
        static final Setting<Integer> NEWER_NONCURRENT_VERSIONS = Setting.integer("awsNewerNoncurrentVersions", 10,
                "newest noncurrent versions kept regardless of age").rule(between(1, 100));
        static final List<Setting<?>> SETTINGS = List.of(NONCURRENT_VERSION_DAYS, NEWER_NONCURRENT_VERSIONS);

        static Lifecycle read(SettingsReader read) {
            return new Lifecycle(read.value(NONCURRENT_VERSION_DAYS), read.value(NEWER_NONCURRENT_VERSIONS));
        }
    }

    /** How long the state bucket's server access logs are kept. */
    public record Logging(int accessLogRetentionDays) {

        static final Setting<Integer> ACCESS_LOG_RETENTION_DAYS = Setting.integer("awsAccessLogRetentionDays", 365,
                        "days server access logs are kept")
                .rule(between(1, 3650)).rule(minimumDaysIn(PRODUCTION, Settings.PRODUCTION_LOG_RETENTION_DAYS));
        static final List<Setting<?>> SETTINGS = List.of(ACCESS_LOG_RETENTION_DAYS);

        static Logging read(SettingsReader read) {
            return new Logging(read.value(ACCESS_LOG_RETENTION_DAYS));
        }
    }
}
