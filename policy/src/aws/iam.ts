// The IAM policy for the state users (`aws:iam/policy:Policy`, its `policy` a JSON string): the state
// bucket, its objects and the state keys, nothing else. IAM's guidance is to grant least privilege
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html).
import { Control, resourceControl } from "../common/control";
import { allowsAction, isEffect, isServiceWildcard, statementLabel, strings, withStatements } from "../common/policyDocument";
import { AwsTypes } from "./types";

export const stateAccessLeastPrivilege = resourceControl({
    name: "aws-state-access-policy-least-privilege",
    controlId: "AWS FSBP IAM.1 (no full '*' administrative privileges) / least privilege",
    requirement:
        "The state access policy allows named actions on named resources only (no \"*\" or service-wide action such as s3:* or kms:*, no Resource \"*\"), and if it allows s3:PutObject it also allows s3:DeleteObject: Pulumi writes and then deletes a lock file on each operation.",
    remedy:
        "list the actions the state users need (s3:ListBucket, s3:GetObject, s3:PutObject, s3:DeleteObject, kms:Encrypt, kms:Decrypt, kms:GenerateDataKey*, kms:DescribeKey) and the bucket, object and key ARNs they apply to.",
    resourceType: AwsTypes.IamPolicy,
    validate: (props, report) =>
        withStatements(props, report, (statements) => {
            const allows = statements.filter((s) => isEffect(s, "Allow"));
            for (const statement of allows) {
                const label = statementLabel(statement);
                const broad = strings(statement.Action).filter(isServiceWildcard);
                if (broad.length > 0) {
                    report(`statement ${label} allows ${broad.map((a) => JSON.stringify(a)).join(", ")}; it must name the actions.`);
                }
                if (statement.NotAction !== undefined) {
                    report(`statement ${label} allows NotAction, that is every other action of every service; it must name the actions.`);
                }
                // Some actions accept only Resource "*" (s3:ListAllMyBuckets, kms:ListAliases...); the state users
                // need none of them, so nothing is exempt.
                if (strings(statement.Resource).includes("*")) {
                    report(`statement ${label} allows Resource "*"; it must name the bucket, object and key ARNs.`);
                }
                if (statement.NotResource !== undefined) {
                    report(`statement ${label} allows NotResource, that is every other resource; it must name the bucket, object and key ARNs.`);
                }
            }
            if (allows.some((s) => allowsAction(s, "s3:PutObject")) && !allows.some((s) => allowsAction(s, "s3:DeleteObject"))) {
                report("the policy allows s3:PutObject but not s3:DeleteObject; Pulumi could not remove its lock files (.pulumi/locks/...).");
            }
        }),
});

export const iamControls: Control[] = [stateAccessLeastPrivilege];
