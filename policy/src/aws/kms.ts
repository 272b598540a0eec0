// The KMS key that encrypts the state bucket and backs the awskms:// secrets provider.
import { accountOf, isAccountRoot, keyAccountOf } from "../common/arn";
import { expectAtLeast, expectNotTrue, expectValue } from "../common/checks";
import { Control, ofType, resourceControl, stackControl } from "../common/control";
import { broadAllowFindings, conditionKeys, coversAction, isEffect, isPublicPrincipal, namesEveryActionOf, principalsOf, Statement, statementLabel, strings, withStatements } from "../common/policyDocument";
import { read } from "../common/props";
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

const isConditioned = (statement: Statement) => conditionKeys(statement).length > 0;

/**
 * AWS's default key policy statement: Allow kms:* to account roots alone, on this key (Resource "*"), with no
 * condition and nothing negated. A conditioned or narrowed grant may never apply, so it keeps no one in control.
 */
const isAccountAdministration = (statement: Statement) =>
    isEffect(statement, "Allow") &&
    namesEveryActionOf(statement, "kms") &&
    principalsOf(statement).length > 0 &&
    principalsOf(statement).every(isAccountRoot) &&
    strings(statement.Resource).includes("*") &&
    !isConditioned(statement) &&
    statement.NotResource === undefined &&
    statement.NotPrincipal === undefined;

/** The accounts whose root the statements make administrators of the key. */
const administeringAccounts = (statements: Statement[]): Set<string> =>
    new Set(statements.filter(isAccountAdministration).flatMap(principalsOf).flatMap((root) => accountOf(root) ?? []));

/**
 * An unconditioned Deny that takes the key policy out of the roots' hands (Deny always wins over Allow): to everyone,
 * to a root, or to everyone but principals that are no account root (NotPrincipal).
 */
const locksOutAdministrators = (statement: Statement) => {
    const deniedTo = statement.NotPrincipal !== undefined
        ? !principalsOf({ Principal: statement.NotPrincipal }).some(isAccountRoot)
        : isPublicPrincipal(statement.Principal) || principalsOf(statement).some(isAccountRoot);
    return isEffect(statement, "Deny") && !isConditioned(statement) && coversAction(statement, "kms:PutKeyPolicy") && deniedTo;
};

// Key policies: https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html. Without a policy
// AWS applies the default key policy (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html),
// which is the account root's kms:* and nothing else: compliant, so an absent policy is not checked.
export const kmsKeyPolicy = resourceControl({
    name: "aws-kms-key-policy-no-public-access",
    controlId:
        "AWS FSBP KMS.5 (no public access to the key); the key policy also keeps account administrators in control and grants no one else wildcard key access",
    requirement:
        "The key policy allows nothing to everyone (Principal \"*\"), allows kms:* to the account root on the key without a condition so the account's IAM administrators keep control of it (AWS's default key policy statement, the one wildcard allowed), denies them no change of the key policy and is not set with the lockout safety check bypassed, and allows every other principal named actions only (no wildcard such as kms:* or kms:GenerateDataKey*, no NotAction, NotResource or NotPrincipal).",
    remedy:
        "keep { Effect: \"Allow\", Principal: { AWS: \"arn:aws:iam::<account>:root\" }, Action: \"kms:*\", Resource: \"*\" } and name the state users' roles, with only the actions they use (kms:Encrypt, kms:Decrypt, kms:GenerateDataKey, kms:DescribeKey).",
    resourceType: AwsTypes.KmsKey,
    validate: (props, report) => {
        expectNotTrue(props, "bypassPolicyLockoutSafetyCheck", report, "with it on, KMS accepts a key policy that locks out the principal setting it");
        withStatements(props, report, (statements) => {
            const allows = statements.filter((s) => isEffect(s, "Allow"));
            for (const statement of allows.filter((s) => isPublicPrincipal(s.Principal))) {
                report(`statement ${statementLabel(statement)} allows Principal "*".`);
            }
            const administering = administeringAccounts(statements);
            if (administering.size === 0) {
                report("no statement allows kms:* to the account root (arn:aws:iam::<account>:root) on Resource \"*\" without a condition; without it no IAM policy can grant access to the key and it may become unmanageable.");
            }
            for (const statement of statements.filter(locksOutAdministrators)) {
                report(`statement ${statementLabel(statement)} denies kms:PutKeyPolicy to the account root or everyone without a condition; no one could change the key policy again.`);
            }
            if (administering.size > 1) {
                report(`kms:* is allowed to the roots of ${administering.size} accounts (${[...administering].sort().join(", ")}); only the key's own account may administer it.`);
            }
            // A public statement is reported above, once.
            for (const statement of allows.filter((s) => !isPublicPrincipal(s.Principal) && !isAccountAdministration(s))) {
                broadAllowFindings(statement).forEach(report);
            }
        });
    },
});

// Nothing in a key policy says which account the key is in, so the policy above cannot tell a lone foreign root from
// the key's own: the key's ARN can, and only a stack policy sees it (an output). A new key has no ARN until it is
// created, so this holds from the update that creates the key on; a preview of a new key is not checked.
export const kmsKeyAdministeredByItsAccount = stackControl({
    name: "aws-kms-key-administered-by-own-account",
    controlId: "Baseline: the key's own account administers it (complements AWS FSBP KMS.5)",
    requirement: "The account root that the key policy allows kms:* is the root of the key's own account, as the key's ARN names it (checked once the key exists).",
    remedy: "give kms:* to arn:aws:iam::<the key's account>:root, the account the stack deploys to, and no other account's root.",
    subjectTypes: [AwsTypes.KmsKey],
    validate: (resources, report) => {
        for (const key of ofType(resources, AwsTypes.KmsKey)) {
            const own = keyAccountOf(read(key.props, "arn"));
            if (own === undefined) {
                continue;
            }
            // An unreadable document, or one that gives no root kms:*, is the resource policy's finding.
            withStatements(key.props, () => undefined, (statements) => {
                const administering = administeringAccounts(statements);
                if (administering.size > 0 && !administering.has(own)) {
                    report(`key ${key.name} belongs to account ${own}, but kms:* is allowed to the root of ${[...administering].sort().join(", ")} only; its own account cannot administer it.`, key);
                }
            });
        }
    },
});

export const kmsControls: Control[] = [kmsKeyRotation, kmsDeletionWindow, kmsKeyPolicy, kmsKeyAdministeredByItsAccount];
