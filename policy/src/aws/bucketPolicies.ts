// The bucket policy document (`policy`, a JSON string, parsed by common/policyDocument.ts). In a preview
// it is often unknown (it names ARNs of resources not created yet); the checks then wait for the update.
import { PolicyResource } from "@pulumi/policy";
import { bucketNameOf, parseArn, s3BucketOf } from "../common/arn";
import { Control, ofType, resourceControl, stackControl } from "../common/control";
import { asList, broadAllowFindings, conditionKeys, coversAction, isEffect, isPublicPrincipal, namesEveryActionOf, principalsOf, reachesObject, Statement, statementLabel, strings, withStatements } from "../common/policyDocument";
import { isUnknown, list, read, sameText } from "../common/props";
import { bucketOf, bucketRoles } from "./stack";
import { AwsTypes } from "./types";

/** The values of a condition key under an operator, matching both case-insensitively. */
function conditionValues(statement: Statement, operator: string, key: string): unknown[] {
    const values: unknown[] = [];
    for (const [op, entries] of Object.entries(statement.Condition ?? {})) {
        if (op.toLowerCase() !== operator.toLowerCase() || !entries || typeof entries !== "object") {
            continue;
        }
        for (const [k, v] of Object.entries(entries)) {
            if (k.toLowerCase() === key.toLowerCase()) {
                values.push(...asList(v));
            }
        }
    }
    return values;
}

/** A Deny of every S3 action to everyone without TLS, with no other condition to narrow whom or what it denies. */
function isTlsDeny(statement: Statement): boolean {
    const insecure = conditionValues(statement, "Bool", "aws:SecureTransport").some((v) => String(v).toLowerCase() === "false");
    return isEffect(statement, "Deny") && isPublicPrincipal(statement.Principal) && namesEveryActionOf(statement, "s3") && insecure && conditionKeys(statement).length === 1;
}

/**
 * Whether the resources name this bucket (or, with "/*", all its objects) in any partition, or everything. While the
 * bucket's name is unknown (a preview), any bucket ARN (or any objects ARN) counts.
 */
function coversArn(resources: string[], bucket: string | undefined, objects: boolean): boolean {
    return resources.some((r) => {
        if (r === "*") {
            return true;
        }
        if (bucket === undefined) {
            return objects ? r.endsWith("/*") : !r.includes("/");
        }
        const arn = parseArn(r);
        return s3BucketOf(arn) === bucket && arn?.resource === (objects ? `${bucket}/*` : bucket);
    });
}

export const requireTls = resourceControl({
    name: "aws-s3-require-tls",
    controlId: "AWS FSBP S3.5",
    requirement: "The bucket policy denies every S3 request made without TLS, on the bucket and its objects.",
    remedy:
        "add a statement { Effect: \"Deny\", Principal: \"*\", Action: \"s3:*\", Resource: [<bucket arn>, \"<bucket arn>/*\"], Condition: { Bool: { \"aws:SecureTransport\": \"false\" } } }.",
    resourceType: AwsTypes.BucketPolicy,
    validate: (props, report) =>
        withStatements(props, report, (statements) => {
            const denies = statements.filter(isTlsDeny);
            if (denies.length === 0) {
                report("no Deny statement for s3:* with Bool aws:SecureTransport \"false\" as its only condition.");
                return;
            }
            const resources = denies.flatMap((s) => strings(s.Resource));
            const bucket = bucketNameOf(read(props, "bucket"));
            if (!coversArn(resources, bucket, true) || !coversArn(resources, bucket, false)) {
                report(`the TLS Deny statement covers ${JSON.stringify(resources)}; it must cover both the bucket ARN and "<bucket arn>/*".`);
            }
        }),
});

export const noPublicPrincipal = resourceControl({
    name: "aws-s3-no-public-principal",
    controlId: "AWS FSBP S3.2, S3.3, S3.6",
    requirement: "No Allow statement in the bucket policy grants anything to everyone (Principal \"*\").",
    remedy: "name the IAM roles or accounts that use the state in Principal instead of \"*\".",
    resourceType: AwsTypes.BucketPolicy,
    validate: (props, report) =>
        withStatements(props, report, (statements) => {
            statements
                .filter((s) => isEffect(s, "Allow") && isPublicPrincipal(s.Principal))
                .forEach((s) => report(`statement ${statementLabel(s)} allows Principal "*".`));
        }),
});

/**
 * The encryption request headers' condition keys: SSE-S3 and SSE-KMS (`s3:x-amz-server-side-encryption`,
 * `…-aws-kms-key-id`, `…-context`) and SSE-C (`…-customer-algorithm`); Pulumi sends none of them.
 */
const SSE_CONDITION_KEY_PREFIX = "s3:x-amz-server-side-encryption";

/**
 * Whether a condition is satisfied by a request that does not carry its key, by IAM's rules: `Null: "true"` and
 * every `...IfExists` operator match a missing key, negated operators (`StringNotEquals`...) match it because the
 * values do not match, `ForAllValues:` matches an empty set; every other operator does not match.
 */
export function matchesMissingKey(operator: string, value: unknown): boolean {
    const op = operator.toLowerCase();
    const bare = op.replace(/^for(any|all)values?:/, "");
    if (bare === "null") {
        return asList(value).some((v) => String(v).toLowerCase() === "true");
    }
    if (op.startsWith("forallvalues:") || bare.endsWith("ifexists")) {
        return true;
    }
    if (op.startsWith("foranyvalue:")) {
        return false;
    }
    return bare.includes("not");
}

export const noEncryptionHeaderDeny = resourceControl({
    name: "aws-s3-no-encryption-header-deny",
    controlId: "Operational: pulumi/pulumi#9341 (default encryption instead of header checks, supports AWS FSBP S3.17)",
    requirement:
        "The bucket policy does not deny uploads that lack an encryption header: Pulumi does not send one, so such a policy fails every state write with 403.",
    remedy: "rely on default bucket encryption; to pin the KMS key, pair the StringNotEqualsIfExists condition with Null: false on the same header so the deny applies only when the header is sent.",
    resourceType: AwsTypes.BucketPolicy,
    validate: (props, report) =>
        withStatements(props, report, (statements) => {
            for (const statement of statements.filter((s) => isEffect(s, "Deny") && coversAction(s, "s3:PutObject"))) {
                const headerConditions = Object.entries(statement.Condition ?? {}).flatMap(([operator, entries]) =>
                    Object.entries(entries ?? {})
                        .filter(([key]) => key.toLowerCase().startsWith(SSE_CONDITION_KEY_PREFIX))
                        .map(([key, value]) => ({ operator, key, value })));
                // A deny applies only when all its conditions hold, so one condition that a header-less upload fails
                // (such as Null: false) is enough to keep Pulumi's uploads out of it.
                if (headerConditions.length > 0 && headerConditions.every((c) => matchesMissingKey(c.operator, c.value))) {
                    report(`statement ${statement.Sid ?? "(no Sid)"} denies uploads without an encryption header (${headerConditions
                        .map((c) => `${c.operator} ${c.key}`).join(", ")}); Pulumi's uploads carry no encryption header.`);
                }
            }
        }),
});

/** Everything Pulumi's DIY backend does in a state bucket (pkg/backend/diy): list, read, write, delete its lock. */
const STATE_ACTIONS = ["s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:DeleteObject"];

const iamPrincipals = (statement: Statement): string[] => strings((statement.Principal as { AWS?: unknown } | undefined)?.AWS);

/** A lock file's key, as the DIY backend names them (.pulumi/locks/<org>/<project>/<stack>/<uuid>.json). */
const LOCK_KEY = ".pulumi/locks/organization/project/stack/00000000-0000-0000-0000-000000000000.json";

export const writersCanDelete = resourceControl({
    name: "aws-s3-state-writers-can-delete",
    controlId: "Operational: DIY backend locking (pulumi/pulumi pkg/backend/diy/lock.go)",
    requirement:
        "Every IAM principal the bucket policy allows to write the lock files may also delete them, and no unconditioned Deny forbids deleting them: on each operation Pulumi's DIY backend writes a lock file to .pulumi/locks/organization/<project>/<stack>/<uuid>.json and deletes it at the end.",
    remedy: "add s3:DeleteObject next to s3:PutObject in the state users' Allow statement, on the same objects, and deny no deletion under .pulumi/locks/.",
    resourceType: AwsTypes.BucketPolicy,
    validate: (props, report) =>
        withStatements(props, report, (statements) => {
            const bucket = bucketNameOf(read(props, "bucket"));
            // While the bucket's name is unknown (a preview), any object counts as a lock file.
            const reachesLocks = (s: Statement) => bucket === undefined || (s.Resource === undefined && s.NotResource === undefined)
                || reachesObject(s, bucket, LOCK_KEY);
            const byPrincipal = new Map<string, Statement[]>();
            // IAM principals only: AWS services (such as logging.s3.amazonaws.com delivering access
            // logs) write objects without ever deleting them.
            const iamAllows = statements.filter((s) => isEffect(s, "Allow") && iamPrincipals(s).length > 0);
            for (const statement of iamAllows) {
                const key = JSON.stringify(statement.Principal);
                byPrincipal.set(key, [...(byPrincipal.get(key) ?? []), statement]);
            }
            for (const [principal, allows] of byPrincipal) {
                const canPut = allows.some((s) => coversAction(s, "s3:PutObject") && reachesLocks(s));
                const canDelete = allows.some((s) => coversAction(s, "s3:DeleteObject") && reachesLocks(s));
                if (canPut && !canDelete) {
                    report(`Principal ${principal} may s3:PutObject but not s3:DeleteObject on the lock files (.pulumi/locks/); Pulumi could not remove them.`);
                }
            }
            // A Deny matters when it reaches a writer: everyone, or one the Allows name, and not excepted by NotPrincipal.
            const writers = [...byPrincipal.values()].flat().filter((s) => coversAction(s, "s3:PutObject")).flatMap(iamPrincipals);
            const deniesAWriter = (s: Statement) => s.NotPrincipal !== undefined
                ? writers.some((w) => !principalsOf({ Principal: s.NotPrincipal }).includes(w))
                : isPublicPrincipal(s.Principal) || iamPrincipals(s).some((p) => writers.includes(p));
            for (const deny of statements.filter((s) => isEffect(s, "Deny") && conditionKeys(s).length === 0 && coversAction(s, "s3:DeleteObject")
                && reachesLocks(s) && deniesAWriter(s))) {
                report(`statement ${statementLabel(deny)} denies s3:DeleteObject on the lock files (.pulumi/locks/) to a state writer with no condition; Pulumi could not remove them.`);
            }
        }),
});

export const namedStateActions = resourceControl({
    name: "aws-s3-bucket-policy-named-actions",
    controlId: "AWS FSBP S3.6 (restrict actions granted to other principals) / least privilege",
    requirement:
        "Every Allow in a bucket policy names its actions, resources and principals (no wildcard action such as s3:* or s3:Get*, no NotAction, NotResource or NotPrincipal), and an Allow to IAM principals holds only the state actions: s3:ListBucket, s3:GetObject, s3:PutObject, s3:DeleteObject.",
    remedy: "list exactly the state actions the principals need; grant anything else through an IAM policy of its own, not through the state bucket.",
    resourceType: AwsTypes.BucketPolicy,
    validate: (props, report) =>
        withStatements(props, report, (statements) => {
            for (const statement of statements.filter((s) => isEffect(s, "Allow"))) {
                broadAllowFindings(statement).forEach(report);
                if (iamPrincipals(statement).length === 0) {
                    continue;
                }
                const others = strings(statement.Action).filter((a) => !STATE_ACTIONS.some((state) => state.toLowerCase() === a.toLowerCase()));
                if (others.length > 0) {
                    report(`statement ${statementLabel(statement)} allows ${others.join(", ")} to IAM principals; only ${STATE_ACTIONS.join(", ")} may be granted in the bucket policy.`);
                }
            }
        }),
});

const KMS_KEY_HEADER = "s3:x-amz-server-side-encryption-aws-kms-key-id";
/** The algorithm header's key, which is also the prefix of the other encryption headers' keys. */
const SSE_HEADER = SSE_CONDITION_KEY_PREFIX;

/** Whether the condition sets `key` under `operator` to `value` (case-insensitive). */
function conditionSets(statement: Statement, operator: string, key: string, value: string): boolean {
    return conditionValues(statement, operator, key).some((v) => String(v).toLowerCase() === value.toLowerCase());
}

/** The values a deny's condition lets through for `key`: those of its StringNotEquals or StringNotEqualsIfExists. */
function notEqualValues(statement: Statement, key: string): unknown[] {
    return ["StringNotEqualsIfExists", "StringNotEquals"].flatMap((op) => conditionValues(statement, op, key));
}

/** Whether every key the statement's conditions test is one of `headers` (IAM's keys match in any letter case). */
function conditionsOnlyOn(statement: Statement, headers: string[]): boolean {
    return conditionKeys(statement).every((key) => headers.some((header) => sameText(key, header)));
}

/**
 * The guards a state bucket's policy needs so that nobody stores state under a key the state users cannot use or
 * the bucket's owners do not control: each a Deny of s3:PutObject to everyone on the bucket's objects that applies
 * only when the upload sends the header (Null: false), so the CLI's header-less uploads pass (pulumi/pulumi#9341), and
 * on nothing but its headers: another condition (an account, an IP) would narrow whom it denies.
 */
const UPLOAD_GUARDS: { refuses: string; headers: string[]; matches: (s: Statement, bucketKey: string | undefined) => boolean }[] = [
    {
        refuses: "an upload naming another KMS key than the bucket's",
        headers: [KMS_KEY_HEADER],
        matches: (s, bucketKey) => {
            const allowed = notEqualValues(s, KMS_KEY_HEADER);
            return conditionSets(s, "Null", KMS_KEY_HEADER, "false") && allowed.length > 0
                && (bucketKey === undefined || allowed.every((key) => key === bucketKey));
        },
    },
    {
        refuses: "an upload naming another encryption than aws:kms",
        headers: [SSE_HEADER],
        matches: (s) => conditionSets(s, "Null", SSE_HEADER, "false")
            && notEqualValues(s, SSE_HEADER).some((v) => String(v).toLowerCase() === "aws:kms"),
    },
    {
        refuses: "an aws:kms upload naming no key (S3 would use the account's aws/s3 key)",
        headers: [SSE_HEADER, KMS_KEY_HEADER],
        matches: (s) => conditionSets(s, "Null", SSE_HEADER, "false") && conditionSets(s, "Null", KMS_KEY_HEADER, "true"),
    },
];

/** The KMS key a bucket's default encryption names, once known; undefined while unknown or without one. */
function defaultKmsKey(bucket: PolicyResource, resources: readonly PolicyResource[]): string | undefined {
    const keys = ofType(resources, AwsTypes.Encryption)
        .filter((config) => bucketOf(config, resources)?.urn === bucket.urn)
        .flatMap((config) => { const rules = list(config.props, "rules"); return isUnknown(rules) ? [] : rules; })
        .map((rule) => read(rule, "applyServerSideEncryptionByDefault.kmsMasterKeyId"));
    return keys.length === 1 && typeof keys[0] === "string" ? keys[0] : undefined;
}

export const stateUploadGuards = stackControl({
    name: "aws-s3-state-upload-guards",
    controlId: "Baseline: state written only under the bucket's key (supports AWS FSBP S3.17)",
    requirement:
        "The state bucket's policy denies uploads that name another KMS key than the bucket's default one, another encryption than aws:kms, or aws:kms without a key, each only when the upload sends that header.",
    remedy:
        "add to the state bucket's policy, for s3:PutObject on \"<bucket arn>/*\" to Principal \"*\": a Deny with Null { <kms key id header>: false } and StringNotEqualsIfExists { <kms key id header>: <the bucket key's ARN> }; a Deny with Null { s3:x-amz-server-side-encryption: false } and StringNotEqualsIfExists { s3:x-amz-server-side-encryption: aws:kms }; and a Deny with Null { s3:x-amz-server-side-encryption: false, <kms key id header>: true }.",
    subjectTypes: [AwsTypes.BucketPolicy],
    validate: (resources, report) => {
        const roles = bucketRoles(resources);
        for (const bucketPolicy of ofType(resources, AwsTypes.BucketPolicy)) {
            const bucket = bucketOf(bucketPolicy, resources);
            if (bucket === undefined || roles.get(bucket.urn) !== "state") {
                continue;
            }
            const name = bucketNameOf(read(bucket.props, "bucket"));
            const key = defaultKmsKey(bucket, resources);
            withStatements(bucketPolicy.props, (message) => report(message, bucketPolicy), (statements) => {
                const guards = statements.filter((s) => isEffect(s, "Deny") && isPublicPrincipal(s.Principal)
                    && coversAction(s, "s3:PutObject") && coversArn(strings(s.Resource), name, true));
                for (const guard of UPLOAD_GUARDS.filter((g) => !guards.some((s) => g.matches(s, key) && conditionsOnlyOn(s, g.headers)))) {
                    report(`the policy of state bucket ${bucket.name} does not deny ${guard.refuses} (with Null: false on its header).`, bucketPolicy);
                }
            });
        }
    },
});

export const bucketPoliciesControls: Control[] = [requireTls, noPublicPrincipal, noEncryptionHeaderDeny, stateUploadGuards, writersCanDelete, namedStateActions];
