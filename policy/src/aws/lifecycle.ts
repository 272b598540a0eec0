// Lifecycle rules: with versioning on, every state write leaves a noncurrent version behind
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html), and interrupted uploads leave
// invisible parts (https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpu-abort-incomplete-mpu-lifecycle-config.html);
// both are billed until expired.
import { asNumber } from "../common/checks";
import { MAXIMUM_NONCURRENT_VERSION_DAYS } from "../common/schemas";
import { Control, Report, resourceControl } from "../common/control";
import { isUnknown, list, read, sameText, show } from "../common/props";
import { Thresholds } from "../common/thresholds";
import { AwsTypes } from "./types";

/**
 * Whether a rule applies to every object: no filter, or one whose only condition is an empty prefix. A value not
 * known until the update counts as covering, as every check here treats unknowns.
 */
function coversEveryObject(rule: unknown): boolean {
    const filter = read(rule, "filter");
    const emptyOrUnknown = (value: unknown) =>
        isUnknown(value) || value === undefined || value === null || value === ""
        || (typeof value === "object" && Object.keys(value as object).length === 0);
    if (isUnknown(filter)) {
        return true;
    }
    if (filter === undefined || filter === null) {
        return emptyOrUnknown(read(rule, "prefix"));
    }
    return typeof filter === "object" && Object.keys(filter).every((key) => emptyOrUnknown(read(filter, key)));
}

/**
 * The values at `path` of the enabled rules that apply to every object, or undefined when the rules are not known
 * yet: a rule filtered to a prefix or a tag leaves the state files outside it unexpired.
 */
function enabledRuleValues(props: unknown, path: string): unknown[] | undefined {
    const rules = list(props, "rules");
    if (isUnknown(rules)) {
        return undefined;
    }
    const values = rules.filter((r) => sameText(read(r, "status"), "Enabled") && coversEveryObject(r)).map((r) => read(r, path));
    return values.some(isUnknown) ? undefined : values;
}

function expectEnabledRuleWithin(props: unknown, path: string, maximum: number, report: Report): void {
    const values = enabledRuleValues(props, path);
    if (values === undefined) {
        return;
    }
    if (!values.some((v) => (asNumber(v) ?? Infinity) <= maximum)) {
        const found = values.filter((v) => v !== undefined);
        report(`no Enabled rule sets rules[].${path} to ${maximum} or less (found: ${found.length ? found.map(show).join(", ") : "none"}).`);
    }
}

export const noncurrentVersionExpiry = resourceControl<{ maximumNoncurrentVersionDays: number }>({
    name: "aws-s3-noncurrent-version-expiry",
    controlId: "AWS FSBP S3.10, S3.13",
    requirement: "An enabled lifecycle rule expires noncurrent object versions after at most the configured number of days.",
    remedy: "add a rule with status \"Enabled\" and noncurrentVersionExpiration.noncurrentDays of at most maximumNoncurrentVersionDays (newerNoncurrentVersions keeps the latest few).",
    resourceType: AwsTypes.Lifecycle,
    config: {
        maximumNoncurrentVersionDays: MAXIMUM_NONCURRENT_VERSION_DAYS,
    },
    validate: (props, report, config) => {
        expectEnabledRuleWithin(props, "noncurrentVersionExpiration.noncurrentDays", config.maximumNoncurrentVersionDays, report);
    },
});

export const abortIncompleteUploads = resourceControl<{ maximumIncompleteUploadDays: number }>({
    name: "aws-s3-abort-incomplete-uploads",
    controlId: "AWS FSBP S3.13",
    requirement: "An enabled lifecycle rule aborts incomplete multipart uploads.",
    remedy: "add a rule with status \"Enabled\" and abortIncompleteMultipartUpload.daysAfterInitiation of at most maximumIncompleteUploadDays.",
    resourceType: AwsTypes.Lifecycle,
    config: {
        maximumIncompleteUploadDays: {
            type: "integer",
            minimum: 1,
            maximum: 365,
            default: Thresholds.maximumIncompleteUploadDays,
            description: "Longest the parts of an interrupted upload may be kept.",
        },
    },
    validate: (props, report, config) => {
        expectEnabledRuleWithin(props, "abortIncompleteMultipartUpload.daysAfterInitiation", config.maximumIncompleteUploadDays, report);
    },
});

export const lifecycleControls: Control[] = [noncurrentVersionExpiry, abortIncompleteUploads];
