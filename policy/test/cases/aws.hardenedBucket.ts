// Break cases for the aws.bucket policies: see testBreakCases in ../helpers.ts.
import { stateUploadGuards } from "../../src/aws/bucketPolicies";
import * as bucket from "../../src/aws/hardenedBucket";
import * as kms from "../../src/aws/kms";
import * as lifecycle from "../../src/aws/lifecycle";
import { accessLogging } from "../../src/aws/logging";
import { awsStateResourcesProtected } from "../../src/aws/protection";
import * as replication from "../../src/aws/replication";
import { Statement } from "../../src/common/policyDocument";
import { compliantStack, editStatements, inputsOf, recordNamed } from "../fixtures/stack";
import { loadPackConfig } from "../helpers";
import { BreakCase } from "../helpers";

export type File = ReturnType<typeof compliantStack>;
export const stateSse = (f: File) => inputsOf(f, "state-bucket-encryption").rules[0];
export const stateLifecycle = (f: File) => inputsOf(f, "state-bucket-lifecycle").rules;
export const replicationRule = (f: File) => inputsOf(f, "state-bucket-replication").rules[0];

/** Edits the state key's key policy document. */
export const editKeyPolicy = (file: File, edit: (statements: Statement[]) => Statement[] | void): void =>
    editStatements(file, "state-key", edit);

/** A break that adds `deny` to the state key's policy (after `edit`), taking kms:PutKeyPolicy from its administrators. */
const lockedOutBy = (breaks: string, deny: Statement, edit?: (statements: Statement[]) => void): BreakCase => ({
    control: kms.kmsKeyPolicy,
    breaks,
    mutate: (f) => editKeyPolicy(f, (st) => void (edit?.(st), st.push(deny))),
    resource: "state-key",
    message: new RegExp(`${deny.Sid} denies kms:PutKeyPolicy`),
});

/** The stack without replication: no replication config and no replica bucket. */
export const withoutReplica = (f: File): File => ({ ...f, resources: f.resources.filter((r) => r.name !== "state-bucket-replication" && !r.name.startsWith("replica-")) });

/** The state bucket's default key is an AWS-managed one; the bucket policy's key guard still names the bucket's own key. */
const namingAnAwsManagedKey = (breaks: string, key: string): BreakCase => ({
    control: bucket.sseKms,
    breaks,
    mutate: (f) => void (stateSse(f).applyServerSideEncryptionByDefault.kmsMasterKeyId = key),
    resource: "state-bucket-encryption",
    message: /an AWS-managed key/,
    alsoFires: [stateUploadGuards],
});

export const cases: BreakCase[] = [
    { control: bucket.bucketNoForceDestroy, breaks: "forceDestroy is on", mutate: (f) => void (inputsOf(f, "state-bucket").forceDestroy = true), resource: "state-bucket" },
    { control: bucket.bucketVersioning, breaks: "versioning is suspended", mutate: (f) => void (inputsOf(f, "state-bucket-versioning").versioningConfiguration.status = "Suspended"), resource: "state-bucket-versioning" },
    { control: bucket.sseKms, breaks: "the state bucket uses SSE-S3", mutate: (f) => void (stateSse(f).applyServerSideEncryptionByDefault = { sseAlgorithm: "AES256" }), resource: "state-bucket-encryption", message: /aws:kms/ },
    { control: bucket.sseKms, breaks: "the S3 Bucket Key is off", mutate: (f) => void (stateSse(f).bucketKeyEnabled = false), resource: "state-bucket-encryption", message: /bucketKeyEnabled/ },
    { control: bucket.sseKms, breaks: "no key is named, so the AWS-managed key is used", mutate: (f) => void delete stateSse(f).applyServerSideEncryptionByDefault.kmsMasterKeyId, resource: "state-bucket-encryption", message: /kmsMasterKeyId/ },
    namingAnAwsManagedKey("the AWS-managed key is named", "alias/aws/s3"),
    namingAnAwsManagedKey("the AWS-managed key is named by its ARN", "arn:aws:kms:eu-west-1:406918273541:alias/aws/s3"),
    {
        control: bucket.sseKms,
        breaks: "the log bucket uses SSE-KMS, which log delivery does not support",
        mutate: (f) => void (inputsOf(f, "log-bucket-encryption").rules[0].applyServerSideEncryptionByDefault = { sseAlgorithm: "aws:kms", kmsMasterKeyId: "k" }),
        resource: "log-bucket-encryption",
        message: /SSE-S3/,
    },
    ...["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].map((flag) => ({
        control: bucket.publicAccessBlock,
        breaks: `${flag} is false`,
        mutate: (f: File) => void (inputsOf(f, "state-bucket-public-access-block")[flag] = false),
        resource: "state-bucket-public-access-block",
        message: new RegExp(flag),
    })),
    { control: bucket.aclsDisabled, breaks: "ACLs are enabled", mutate: (f) => void (inputsOf(f, "state-bucket-ownership").rule.objectOwnership = "ObjectWriter"), resource: "state-bucket-ownership" },
    { control: lifecycle.noncurrentVersionExpiry, breaks: "noncurrent versions never expire", mutate: (f) => void stateLifecycle(f).shift(), resource: "state-bucket-lifecycle" },
    { control: lifecycle.noncurrentVersionExpiry, breaks: "the noncurrent rule is disabled", mutate: (f) => void (stateLifecycle(f)[0].status = "Disabled"), resource: "state-bucket-lifecycle" },
    { control: lifecycle.noncurrentVersionExpiry, breaks: "the noncurrent rule applies to a prefix no state lives under", mutate: (f) => void (stateLifecycle(f)[0].filter = { prefix: "nothing-here/" }), resource: "state-bucket-lifecycle" },
    { control: lifecycle.abortIncompleteUploads, breaks: "incomplete uploads are kept", mutate: (f) => void stateLifecycle(f).pop(), resource: "state-bucket-lifecycle" },
    {
        control: lifecycle.noncurrentVersionExpiry,
        breaks: "the noncurrent rule has no filter but the legacy rule-level prefix",
        mutate: (f) => void (delete stateLifecycle(f)[0].filter, (stateLifecycle(f)[0].prefix = "nothing-here/")),
        resource: "state-bucket-lifecycle",
    },
    { control: lifecycle.abortIncompleteUploads, breaks: "the abort rule applies to tagged objects only", mutate: (f) => void (stateLifecycle(f)[stateLifecycle(f).length - 1].filter = { tag: { key: "k", value: "v" } }), resource: "state-bucket-lifecycle" },
    { control: accessLogging, breaks: "logging has no target", mutate: (f) => void delete inputsOf(f, "state-bucket-logging").targetBucket, resource: "state-bucket-logging" },
    { control: kms.kmsKeyRotation, breaks: "key rotation is off", mutate: (f) => void (inputsOf(f, "state-key").enableKeyRotation = false), resource: "state-key" },
    { control: kms.kmsDeletionWindow, breaks: "the deletion window is 7 days", mutate: (f) => void (inputsOf(f, "state-key").deletionWindowInDays = 7), resource: "state-key", message: /at least 30/ },
    {
        control: kms.kmsKeyPolicy,
        breaks: "the key policy lets everyone decrypt",
        mutate: (f) => editKeyPolicy(f, (st) => void st.push({ Sid: "AnyoneDecrypts", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*" })),
        resource: "state-key",
        message: /AnyoneDecrypts allows Principal "\*"/,
    },
    {
        control: kms.kmsKeyPolicy,
        breaks: "the account root loses kms:*",
        mutate: (f) => editKeyPolicy(f, (st) => st.filter((s) => s.Sid !== "EnableAccountAdministration")),
        resource: "state-key",
        message: /account root/,
    },
    {
        control: kms.kmsKeyPolicy,
        breaks: "the account root's kms:* holds only under a condition",
        mutate: (f) => editKeyPolicy(f, (st) => void (st[0].Condition = { Bool: { "aws:MultiFactorAuthPresent": "true" } })),
        resource: "state-key",
        message: /on Resource "\*" without a condition/,
    },
    {
        control: kms.kmsKeyPolicy,
        breaks: "the account root's kms:* is narrowed to another resource",
        mutate: (f) => editKeyPolicy(f, (st) => void (st[0].Resource = "arn:aws:kms:eu-west-1:406918273541:key/other")),
        resource: "state-key",
        message: /on Resource "\*" without a condition/,
    },
    {
        control: kms.kmsKeyPolicy,
        breaks: "the account root's kms:* statement denies instead of allowing",
        mutate: (f) => editKeyPolicy(f, (st) => void (st[0].Effect = "Deny")),
        resource: "state-key",
        message: /no statement allows kms:\*/,
    },
    lockedOutBy("everyone is denied every key action, the account root's change of the key policy among them",
        { Sid: "DenyAll", Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*" }),
    lockedOutBy("the account root is denied kms:Put*",
        { Sid: "NoPolicyChanges", Effect: "Deny", Principal: { AWS: "arn:aws:iam::406918273541:root" }, Action: "kms:Put*", Resource: "*" }),
    lockedOutBy("the account root's kms:* carries an empty condition and everyone is denied every key action under another",
        { Sid: "DenyAll", Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*", Condition: { StringLike: {} } },
        (st) => void (st[0].Condition = {})),
    lockedOutBy("everyone but a role is denied every key action",
        { Sid: "OnlyTheRole", Effect: "Deny", NotPrincipal: { AWS: "arn:aws:iam::406918273541:role/deployer" }, Action: "kms:*", Resource: "*" }),
    {
        control: kms.kmsKeyPolicy,
        breaks: "the key is created with the policy lockout safety check bypassed",
        mutate: (f) => void (inputsOf(f, "state-key").bypassPolicyLockoutSafetyCheck = true),
        resource: "state-key",
        message: /bypassPolicyLockoutSafetyCheck/,
    },
    {
        control: kms.kmsKeyPolicy,
        breaks: "another account's root may administer the key",
        mutate: (f) => editKeyPolicy(f, (st) => void st.push({ Sid: "ForeignAdministration", Effect: "Allow", Principal: { AWS: "arn:aws:iam::210987654321:root" }, Action: "kms:*", Resource: "*" })),
        resource: "state-key",
        message: /roots of 2 accounts/,
    },
    {
        control: kms.kmsKeyAdministeredByItsAccount,
        breaks: "the root of another account alone may administer the key",
        mutate: (f) => editKeyPolicy(f, (st) => void (st[0].Principal = { AWS: "arn:aws:iam::210987654321:root" })),
        resource: "state-key",
        message: /belongs to account 406918273541, but kms:\* is allowed to the root of 210987654321 only/,
    },
    {
        control: kms.kmsKeyPolicy,
        breaks: "the state users get every key action",
        mutate: (f) => editKeyPolicy(f, (st) => void (st[1].Action = ["kms:*"])),
        resource: "state-key",
        message: /AllowStatePrincipalsToUseKey allows "kms:\*"/,
    },
    {
        control: kms.kmsKeyPolicy,
        breaks: "the state users get a partial wildcard",
        mutate: (f) => editKeyPolicy(f, (st) => void (st[1].Action = ["kms:Decrypt", "kms:GenerateDataKey*"])),
        resource: "state-key",
        message: /AllowStatePrincipalsToUseKey allows "kms:GenerateDataKey\*"/,
    },
    {
        control: kms.kmsKeyPolicy,
        breaks: "the state users get every action but one",
        mutate: (f) => editKeyPolicy(f, (st) => void (delete st[1].Action, (st[1].NotAction = "kms:ScheduleKeyDeletion"))),
        resource: "state-key",
        message: /allows NotAction/,
    },
    { control: replication.replicationEncrypted, breaks: "the replication rule is disabled", mutate: (f) => void (replicationRule(f).status = "Disabled"), resource: "state-bucket-replication" },
    { control: replication.replicationEncrypted, breaks: "KMS objects are not replicated", mutate: (f) => void delete replicationRule(f).sourceSelectionCriteria, resource: "state-bucket-replication", message: /sseKmsEncryptedObjects/ },
    { control: replication.replicationEncrypted, breaks: "replicas are not re-encrypted", mutate: (f) => void delete replicationRule(f).destination.encryptionConfiguration, resource: "state-bucket-replication", message: /replicaKmsKeyId/ },
    {
        control: replication.stateBucketReplicated,
        breaks: "the state bucket is not replicated",
        mutate: withoutReplica,
        resource: "state-bucket",
        packConfig: loadPackConfig("prod"),
    },
    { control: awsStateResourcesProtected, breaks: "the state bucket is not protected", mutate: (f) => void (recordNamed(f, "state-bucket").protect = false), resource: "state-bucket" },
    { control: awsStateResourcesProtected, breaks: "the KMS key is not protected", mutate: (f) => void (recordNamed(f, "state-key").protect = false), resource: "state-key" },
];
