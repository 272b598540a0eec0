// The KMS key that encrypts the state bucket and backs the awskms:// secrets provider.
import { expectAtLeast, expectValue } from "../common/checks";
import { Control, resourceControl } from "../common/control";
import { namesEveryActionOf, broadAllowFindings, isEffect, isPublicPrincipal, principalsOf, Statement, statementLabel, withStatements } from "../common/policyDocument";
import { accountOf } from "../common/examples";
import { Thresholds } from "../common/thresholds";
import { AwsTypes } from "./types";

// What AWS uses when deletionWindowInDays is not given (and the most it allows).
const AWS_DEFAULT_DELETION_WINDOW_DAYS = 30;

export const kmsKeyRotation = resourceControl({
    name: "aws-kms-key-rotation",
    controlId: "AWS FSBP KMS.4",
    requirement: "Automatic rotation of the key material is enabled.",
    remedy: "set enableKeyRotation: true.",
    resourceType: AwsTypes.KmsKey,
    validate: (props, report) => {
        expectValue(props, "enableKeyRotation", true, report);
    },
});

export const kmsDeletionWindow = resourceControl<{ minimumKmsDeletionWindowDays: number }>({
    name: "aws-kms-deletion-window",
    controlId: "AWS FSBP KMS.3 (keys not deleted unintentionally)",
    requirement: "A scheduled deletion of the key can be cancelled for at least the configured number of days.",
    remedy: `set deletionWindowInDays to at least minimumKmsDeletionWindowDays (${Thresholds.kmsDeletionWindowDays}, the AWS maximum, by default).`,
    resourceType: AwsTypes.KmsKey,
    config: {
        minimumKmsDeletionWindowDays: {
            type: "integer",
            minimum: 7,
            maximum: 30,
            default: Thresholds.kmsDeletionWindowDays,
            description: "Fewest days between scheduling a key deletion and the deletion (AWS allows 7-30).",
        },
    },
    validate: (props, report, config) => {
        expectAtLeast(props, "deletionWindowInDays", config.minimumKmsDeletionWindowDays, report, AWS_DEFAULT_DELETION_WINDOW_DAYS);
    },
});

/** The account root as a principal: its ARN in any partition, or the bare account id IAM reads as that ARN. */
const ACCOUNT_ROOT = /^(arn:aws[a-z-]*:iam::\d{12}:root|\d{12})$/;

const isAccountRoot = (principal: string) => ACCOUNT_ROOT.test(principal);
/** AWS's default key policy statement: kms:* to the account root alone, on this key, with nothing negated. */
const isAccountAdministration = (statement: Statement) =>
    namesEveryActionOf(statement, "kms") &&
    principalsOf(statement).length > 0 &&
    principalsOf(statement).every(isAccountRoot) &&
    statement.NotResource === undefined &&
    statement.NotPrincipal === undefined;

// Key policies: https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html. Without a policy
// AWS applies the default key policy (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html),
// which is the account root's kms:* and nothing else: compliant, so an absent policy is not checked.
export const kmsKeyPolicy = resourceControl({
    name: "aws-kms-key-policy-no-public-access",
    controlId:
        "AWS FSBP KMS.5 (no public access to the key); the key policy also keeps account administrators in control and grants no one else wildcard key access",
    requirement:
        "The key policy allows nothing to everyone (Principal \"*\"), allows kms:* to the account root so the account's IAM administrators keep control of the key (AWS's default key policy statement, the one wildcard allowed), and allows every other principal named actions only (no wildcard such as kms:* or kms:GenerateDataKey*, no NotAction, NotResource or NotPrincipal).",
    remedy:
        "keep { Effect: \"Allow\", Principal: { AWS: \"arn:aws:iam::<account>:root\" }, Action: \"kms:*\", Resource: \"*\" } and name the state users' roles, with only the actions they use (kms:Encrypt, kms:Decrypt, kms:GenerateDataKey, kms:DescribeKey).",
    resourceType: AwsTypes.KmsKey,
    validate: (props, report) =>
        withStatements(props, report, (statements) => {
            const allows = statements.filter((s) => isEffect(s, "Allow"));
            for (const statement of allows.filter((s) => isPublicPrincipal(s.Principal))) {
                report(`statement ${statementLabel(statement)} allows Principal "*".`);
            }
            const everyAction = allows.filter((s) => namesEveryActionOf(s, "kms"));
            if (!everyAction.some((s) => principalsOf(s).some(isAccountRoot))) {
                report("no statement allows kms:* to the account root (arn:aws:iam::<account>:root); without it no IAM policy can grant access to the key and it may become unmanageable.");
            }
            const administering = new Set(everyAction.flatMap(principalsOf).filter(isAccountRoot).map((root) => accountOf(root)));
            if (administering.size > 1) {
                report(`kms:* is allowed to the roots of ${administering.size} accounts (${[...administering].sort().join(", ")}); only the key's own account may administer it.`);
            }
            // A public statement is reported above, once.
            for (const statement of allows.filter((s) => !isPublicPrincipal(s.Principal) && !isAccountAdministration(s))) {
                broadAllowFindings(statement).forEach(report);
            }
        }),
});

export const kmsControls: Control[] = [kmsKeyRotation, kmsDeletionWindow, kmsKeyPolicy];
