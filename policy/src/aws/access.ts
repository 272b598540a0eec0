// The IAM policies of the stack (`aws:iam/policy:Policy` for the state users and readers,
// `aws:iam/rolePolicy:RolePolicy` for the replication role; `policy` a JSON string): named actions on the
// state buckets, their objects and the state keys, nothing else. IAM's guidance is to grant least privilege
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html).
import { parseArn, s3BucketOf } from "../common/arn";
import { Control, resourceControl } from "../common/control";
import { broadAllowFindings, coversAction, hasWildcard, isEffect, isPublicPrincipal, parsePolicyDocument, statementLabel, strings, withStatements } from "../common/policyDocument";
import { isUnknown, list, read } from "../common/props";
import { AwsTypes } from "./types";

// A resource that names no one bucket, key or account: "*", or an ARN with a wildcard anywhere but in an S3 object
// path after a named bucket ("arn:aws:s3:::bucket/*" is one bucket's objects, "arn:aws:s3:::*/*" everyone's).
export function isWildcardResource(resource: string): boolean {
    const arn = parseArn(resource);
    if (arn === undefined) {
        return hasWildcard(resource);
    }
    if ([arn.service, arn.region, arn.account].some(hasWildcard)) {
        return true;
    }
    return hasWildcard(s3BucketOf(arn) ?? arn.resource);
}

/**
 * Every action the program's IAM policies grant: the state users' (list, read, write and delete state, and use the
 * keys), the readers' (a subset) and the replication role's (read the source's versions, replicate to the replica).
 * Anything else (kms:ScheduleKeyDeletion, s3:PutBucketPolicy, iam:PassRole...) no state backend principal needs.
 */
export const STATE_BACKEND_ACTIONS = [
    "s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:DeleteObject",
    "kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey",
    "s3:GetReplicationConfiguration", "s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl",
    "s3:GetObjectVersionTagging", "s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags",
];

export const stateAccessLeastPrivilege = resourceControl({
    name: "aws-state-access-policy-least-privilege",
    controlId: "AWS FSBP IAM.1, IAM.21 (no wildcard actions) / least privilege",
    requirement:
        "The IAM policies (state access, state read, replication role) allow named actions on named resources only (no wildcard action, whole-service or partial such as s3:Get*, no NotAction or NotResource, no Resource \"*\"), only the actions a state user, reader or the replication role needs, and if one allows s3:PutObject it also allows s3:DeleteObject: Pulumi writes and then deletes a lock file on each operation.",
    remedy:
        "list the actions the state users need (s3:ListBucket, s3:GetObject, s3:PutObject, s3:DeleteObject, kms:Encrypt, kms:Decrypt, kms:GenerateDataKey, kms:DescribeKey) and the bucket, object and key ARNs they apply to.",
    resourceType: [AwsTypes.IamPolicy, AwsTypes.IamRolePolicy],
    validate: (props, report) =>
        withStatements(props, report, (statements) => {
            const allows = statements.filter((s) => isEffect(s, "Allow"));
            for (const statement of allows) {
                broadAllowFindings(statement).forEach(report);
                // Wildcards are broadAllowFindings' to report.
                const unneeded = strings(statement.Action)
                    .filter((a) => !hasWildcard(a) && !STATE_BACKEND_ACTIONS.some((needed) => needed.toLowerCase() === a.toLowerCase()));
                if (unneeded.length > 0) {
                    report(`statement ${statementLabel(statement)} allows ${unneeded.join(", ")}, which no state user, reader or replication role needs (only ${STATE_BACKEND_ACTIONS.join(", ")}).`);
                }
                // Some actions accept only Resource "*" (s3:ListAllMyBuckets, kms:ListAliases...); the state users
                // need none of them, so nothing is exempt.
                for (const resource of strings(statement.Resource).filter(isWildcardResource)) {
                    report(`statement ${statementLabel(statement)} allows Resource "${resource}", a wildcard over buckets, keys or accounts; it must name the bucket, object and key ARNs.`);
                }
            }
            if (allows.some((s) => coversAction(s, "s3:PutObject")) && !allows.some((s) => coversAction(s, "s3:DeleteObject"))) {
                report("the policy allows s3:PutObject but not s3:DeleteObject; Pulumi could not remove its lock files (.pulumi/locks/...).");
            }
        }),
});

/**
 * Where a policy would escape the checks of this pack: a role's own inline and managed policies, and a bucket's
 * inline `policy` (the older form of aws:s3/bucketPolicy:BucketPolicy). The program attaches every policy as a
 * resource the pack checks, and a role's trust policy names the service it trusts.
 */
export const policiesAttachedAsCheckedResources = resourceControl({
    name: "aws-policies-attached-as-checked-resources",
    controlId: "AWS FSBP IAM.1 (no full administrative privileges) / least privilege",
    requirement:
        "Every IAM and bucket policy is a resource the pack checks (Policy, RolePolicy, BucketPolicy): a role has no inline or managed policy of its own and trusts no one publicly, and a bucket carries no inline policy.",
    remedy:
        "move a role's inlinePolicies into an aws:iam/rolePolicy:RolePolicy, drop its managedPolicyArns, name the trusted service or account in assumeRolePolicy's Principal, and move a bucket's policy into an aws:s3/bucketPolicy:BucketPolicy.",
    resourceType: [AwsTypes.IamRole, AwsTypes.Bucket],
    validate: (props, report, _config, args) => {
        if (args.type === AwsTypes.Bucket) {
            const policy = read(props, "policy");
            if (!isUnknown(policy) && policy !== undefined && policy !== null && policy !== "") {
                report("the bucket carries an inline policy; attach it as an aws:s3/bucketPolicy:BucketPolicy, which the pack checks.");
            }
            return;
        }
        const inline = list(props, "inlinePolicies");
        // An entry without a policy is the provider's way to remove the role's inline policies.
        if (!isUnknown(inline) && inline.some((p) => { const doc = read(p, "policy"); return isUnknown(doc) || (typeof doc === "string" && doc !== ""); })) {
            report("the role has inline policies; attach them as aws:iam/rolePolicy:RolePolicy resources, which the pack checks.");
        }
        const managed = list(props, "managedPolicyArns");
        if (!isUnknown(managed) && managed.length > 0) {
            report(`the role has managed policies attached (${managed.map(String).join(", ")}); grant what it needs in a RolePolicy instead.`);
        }
        const trust = parsePolicyDocument(read(props, "assumeRolePolicy"));
        if (trust !== "unknown" && "error" in trust) {
            report(`assumeRolePolicy: ${trust.error}`);
        } else if (trust !== "unknown") {
            trust.statements.filter((st) => isEffect(st, "Allow") && (isPublicPrincipal(st.Principal) || st.NotPrincipal !== undefined))
                .forEach((st) => report(`assumeRolePolicy statement ${statementLabel(st)} lets everyone${st.NotPrincipal !== undefined ? " but those it lists" : ""} assume the role (Principal "*" or NotPrincipal).`));
        }
    },
});

export const accessControls: Control[] = [stateAccessLeastPrivilege, policiesAttachedAsCheckedResources];
