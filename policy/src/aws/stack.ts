// Which S3 configuration resource belongs to which bucket, and what each bucket is for.
//
// A bucket is one of:
//   log      the target of a BucketLoggingV2 (server access logs land there);
//   replica  the destination of a BucketReplicationConfig;
//   state    anything else: it holds Pulumi state.
// Attachments (versioning, encryption, ...) are matched on their `bucket` input with the generic
// rules of common/relations.ts. Roles are resolved from the referencing input (`targetBucket`, the
// destination bucket ARN) when it is known, else from that input's property dependencies (the engine
// sends them); when neither is available (some hand-written or mock records) a bucket whose logical
// or physical name contains "log" / "replica" is taken for that role, and nothing else.
import { PolicyResource } from "@pulumi/policy";
import { bucketNameOf } from "../common/arn";
import { Control, ControlException, ofType, stackControl } from "../common/control";
import { isUnknown, list, read } from "../common/props";
import { asRef, inputSources, knownNames, Relation, RelationRule, uncoveredTargets } from "../common/relations";
import { AwsTypes } from "./types";

export type BucketRole = "state" | "log" | "replica";


const bucketNames: RelationRule["targetNames"] = (bucket) => [asRef(read(bucket.props, "bucket")), asRef(read(bucket.props, "id"))];

const namesOf = (bucket: PolicyResource): string[] => knownNames(bucketNames(bucket));

/** The configuration resource of `candidateType` attached to a bucket through its `bucket` input. */
export function attachedBy(candidateType: string): Relation {
    return {
        candidateType,
        rule: {
            targetNames: bucketNames,
            candidateRef: (c) => {
                const ref = asRef(read(c.props, "bucket"));
                return typeof ref === "string" && !isUnknown(ref) ? bucketNameOf(ref) : ref;
            },
            refProperty: "bucket",
        },
    };
}

/**
 * The buckets a reference points at: by known name, else by the property dependencies of the
 * referencing input. Returns undefined when neither tells.
 */
function referencedBuckets(buckets: PolicyResource[], referrer: PolicyResource, refValues: unknown[], refProperty: string): PolicyResource[] | undefined {
    const names = refValues.map(bucketNameOf).filter((n): n is string => n !== undefined).map((n) => n.toLowerCase());
    if (names.length > 0) {
        return buckets.filter((b) => namesOf(b).some((n) => names.includes(n)));
    }
    const deps = inputSources(referrer, refProperty);
    if (deps.length > 0) {
        return buckets.filter((b) => deps.some((d) => d.urn === b.urn));
    }
    return undefined;
}

function namedLike(buckets: PolicyResource[], word: RegExp): PolicyResource[] {
    return buckets.filter((b) => word.test(b.name) || namesOf(b).some((n) => word.test(n)));
}

export function bucketRoles(resources: readonly PolicyResource[]): Map<string, BucketRole> {
    const buckets = ofType(resources, AwsTypes.Bucket);
    const roles = new Map<string, BucketRole>(buckets.map((b) => [b.urn, "state" as BucketRole]));
    // Pointing a state bucket's logging at itself, or a replication rule at a bucket that replicates, must not excuse
    // that bucket from the state bucket's controls: neither makes it a log bucket or a replica.
    const replicating = new Set(ofType(resources, AwsTypes.Replication).map((config) => bucketOf(config, resources)?.urn));
    const excused = (referrer: PolicyResource, target: PolicyResource) =>
        referrer.type === AwsTypes.Replication ? replicating.has(target.urn) : bucketOf(referrer, resources)?.urn === target.urn;

    const assign = (referrers: PolicyResource[], refValuesOf: (r: PolicyResource) => unknown[], refProperty: string, role: BucketRole, fallback: RegExp) => {
        for (const referrer of referrers) {
            const targets = referencedBuckets(buckets, referrer, refValuesOf(referrer), refProperty) ?? namedLike(buckets, fallback);
            targets.filter((b) => !excused(referrer, b)).forEach((b) => roles.set(b.urn, role));
        }
    };
    assign(ofType(resources, AwsTypes.Logging), (l) => [read(l.props, "targetBucket")], "targetBucket", "log", /log/i);
    assign(
        ofType(resources, AwsTypes.Replication),
        (r) => {
            const rules = list(r.props, "rules");
            return isUnknown(rules) ? [] : rules.map((rule) => read(rule, "destination.bucket"));
        },
        "rules",
        "replica",
        /replica/i,
    );
    return roles;
}

/**
 * The bucket a configuration resource belongs to, through its `bucket` input: by known name, else by
 * the input's property dependencies, else by its only BucketV2 dependency. Undefined when unresolved.
 */
export function bucketOf(config: PolicyResource, resources: readonly PolicyResource[]): PolicyResource | undefined {
    const buckets = ofType(resources, AwsTypes.Bucket);
    const named = referencedBuckets(buckets, config, [read(config.props, "bucket")], "bucket");
    if (named !== undefined) {
        return named[0];
    }
    const dependencies = buckets.filter((b) => (config.dependencies ?? []).some((d) => d.urn === b.urn));
    return dependencies.length === 1 ? dependencies[0] : undefined;
}

export function bucketsWithRole(resources: readonly PolicyResource[], ...wanted: BucketRole[]): PolicyResource[] {
    const roles = bucketRoles(resources);
    return ofType(resources, AwsTypes.Bucket).filter((b) => wanted.includes(roles.get(b.urn) ?? "state"));
}

interface Requirement {
    type: string;
    label: string;
    control: string;
}

const Versioning: Requirement = { type: AwsTypes.Versioning, label: "BucketVersioningV2", control: "S3.14" };
const Encryption: Requirement = { type: AwsTypes.Encryption, label: "BucketServerSideEncryptionConfigurationV2", control: "S3.17" };
const PublicAccessBlock: Requirement = { type: AwsTypes.PublicAccessBlock, label: "BucketPublicAccessBlock", control: "S3.8" };
const Ownership: Requirement = { type: AwsTypes.OwnershipControls, label: "BucketOwnershipControls", control: "S3.12" };
const Policy: Requirement = { type: AwsTypes.BucketPolicy, label: "BucketPolicy", control: "S3.5" };
const Logging: Requirement = { type: AwsTypes.Logging, label: "BucketLoggingV2", control: "S3.9" };
const Lifecycle: Requirement = { type: AwsTypes.Lifecycle, label: "BucketLifecycleConfigurationV2", control: "S3.13" };

export const STATE_BUCKET_REQUIREMENTS = [Versioning, Encryption, PublicAccessBlock, Ownership, Policy, Logging, Lifecycle];
// S3 delivers access logs only to a bucket in the same region: logging a replica would need a second
// log bucket in the replica's region, for a bucket only S3 replication writes to. Not required.
export const REPLICA_BUCKET_REQUIREMENTS = STATE_BUCKET_REQUIREMENTS.filter((r) => r !== Logging);
export const LOG_BUCKET_REQUIREMENTS = [Versioning, Encryption, PublicAccessBlock, Ownership, Policy, Lifecycle];

function requirementsOf(role: BucketRole): Requirement[] {
    return role === "log" ? LOG_BUCKET_REQUIREMENTS : role === "replica" ? REPLICA_BUCKET_REQUIREMENTS : STATE_BUCKET_REQUIREMENTS;
}

interface Missing {
    bucket: PolicyResource;
    role: BucketRole;
    requirement: Requirement;
}

/**
 * Every required configuration resource that no bucket has. Matched over all buckets at once, so
 * that when references are unknown the count of, say, public access blocks is compared with the
 * number of buckets that need one, whatever their role.
 */
export function missingAttachments(resources: readonly PolicyResource[]): Missing[] {
    const roles = bucketRoles(resources);
    const roleOf = (bucket: PolicyResource) => roles.get(bucket.urn) ?? "state";
    const buckets = ofType(resources, AwsTypes.Bucket);
    const missing: Missing[] = [];
    for (const requirement of STATE_BUCKET_REQUIREMENTS) {
        const targets = buckets.filter((b) => requirementsOf(roleOf(b)).includes(requirement));
        for (const bucket of uncoveredTargets(targets, resources, attachedBy(requirement.type))) {
            missing.push({ bucket, role: roleOf(bucket), requirement });
        }
    }
    return missing;
}

function reportMissing(resources: PolicyResource[], roles: BucketRole[], report: (m: string, r: PolicyResource) => void) {
    for (const { bucket, role, requirement } of missingAttachments(resources).filter((m) => roles.includes(m.role))) {
        report(`${role} bucket ${bucket.name} has no ${requirement.label} (${requirement.control}).`, bucket);
    }
}

export const stateBucketAttachments = stackControl({
    name: "aws-s3-state-bucket-controls",
    controlId: "AWS FSBP S3.5, S3.8, S3.9, S3.12, S3.13, S3.14, S3.17",
    requirement:
        "Every bucket that holds state has versioning, SSE-KMS, a public access block, ownership controls, a bucket policy, access logging and a lifecycle configuration (a replica: all but access logging).",
    remedy: "create the missing aws:s3 configuration resource with bucket set to the state bucket.",
    subjectTypes: [AwsTypes.Bucket],
    validate: (resources, report) => {
        reportMissing(resources, ["state", "replica"], report);
    },
    exceptions: (resources) => [
        ...bucketsWithRole(resources, "replica").map((bucket): [PolicyResource, ControlException] => [bucket, {
            reason: "S3.9: the replica has no server access logging; S3 delivers access logs only to a bucket in the same region, and only S3 replication writes to the replica",
            cause: "awsReplicaRegion (the replica lives in another region than the log bucket)",
        }]),
        ...bucketsWithRole(resources, "log").map((bucket): [PolicyResource, ControlException] => [bucket, {
            reason: "S3.9: the access-log bucket does not log itself; S3 advises against logging a bucket into itself",
            cause: "server access logging of the state bucket (S3.9), whose destination it is",
        }]),
    ],
});

export const logBucketAttachments = stackControl({
    name: "aws-s3-log-bucket-controls",
    controlId: "AWS FSBP S3.5, S3.8, S3.12, S3.13, S3.14, S3.17",
    requirement: "The access-log bucket has versioning, SSE, a public access block, ownership controls, a bucket policy and a lifecycle configuration.",
    remedy: "create the missing aws:s3 configuration resource with bucket set to the log bucket.",
    subjectTypes: [AwsTypes.Bucket],
    validate: (resources, report) => {
        reportMissing(resources, ["log"], report);
    },
});

export const awsStackControls: Control[] = [stateBucketAttachments, logBucketAttachments];
