// Break cases for the aws.bucketPolicy policies: see testBreakCases in ../helpers.ts.
import * as bp from "../../src/aws/bucketPolicies";
import { Statement, strings } from "../../src/common/policyDocument";
import { compliantStack, editStatements } from "../fixtures/stack";
import { BreakCase } from "../helpers";
import { statement } from "./aws.access";

export type File = ReturnType<typeof compliantStack>;

/** Edits the state bucket's policy document. */
export const editPolicy = (file: File, edit: (statements: Statement[]) => Statement[] | void): void =>
    editStatements(file, "state-bucket-policy", edit);

export const SSE_HEADER_DENY: Statement = {
    Sid: "DenyUnencryptedUploads",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:PutObject",
    Resource: "arn:aws:s3:::acme-pulumi-state-prod/*",
    Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } },
};

/** Sets one operator's entries of the condition of the statement `sid`, the rest of the condition as it is. */
const withGuardCondition = (sid: string, operator: NonNullable<Statement["Condition"]>) => (f: File) =>
    editPolicy(f, (s) => {
        const guard = statement(s, sid);
        guard.Condition = { ...guard.Condition, ...operator };
    });

const withoutStatement = (sid: string) => (f: File) => editPolicy(f, (s) => s.filter((statement) => statement.Sid !== sid));

export const cases: BreakCase[] = [
    { control: bp.stateUploadGuards, breaks: "uploads may name another KMS key", mutate: withoutStatement("DenyUploadsNamingAnotherKmsKey"), resource: "state-bucket-policy", message: /another KMS key/ },
    {
        control: bp.stateUploadGuards,
        breaks: "the key guard admits another key than the bucket's",
        mutate: withGuardCondition("DenyUploadsNamingAnotherKmsKey", { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:eu-west-1:111111111111:key/other" } }),
        resource: "state-bucket-policy",
        message: /another KMS key than the bucket's/,
    },
    { control: bp.stateUploadGuards, breaks: "uploads may name SSE-S3", mutate: withoutStatement("DenyUploadsNamingAnotherEncryption"), resource: "state-bucket-policy", message: /another encryption than aws:kms/ },
    { control: bp.stateUploadGuards, breaks: "aws:kms uploads may fall back to the aws/s3 key", mutate: withoutStatement("DenyKmsUploadsWithoutThisKey"), resource: "state-bucket-policy", message: /naming no key/ },
    {
        control: bp.stateUploadGuards,
        breaks: "the encryption guard is narrowed to one account",
        mutate: withGuardCondition("DenyUploadsNamingAnotherEncryption", { StringEquals: { "aws:PrincipalAccount": "111111111111" } }),
        resource: "state-bucket-policy",
        message: /another encryption than aws:kms/,
    },
    { control: bp.requireTls, breaks: "the TLS deny statement is dropped", mutate: (f) => editPolicy(f, (s) => void s.shift()), resource: "state-bucket-policy", message: /SecureTransport/ },
    {
        control: bp.requireTls,
        breaks: "the TLS deny covers only objects",
        mutate: (f) => editPolicy(f, (s) => void (s[0].Resource = "arn:aws:s3:::acme-pulumi-state-prod/*")),
        resource: "state-bucket-policy",
        message: /bucket ARN/,
    },
    {
        control: bp.requireTls,
        breaks: "the TLS deny names another bucket",
        mutate: (f) => editPolicy(f, (s) => void (s[0].Resource = ["arn:aws:s3:::other", "arn:aws:s3:::other/*"])),
        resource: "state-bucket-policy",
        message: /bucket ARN/,
    },
    {
        control: bp.requireTls,
        breaks: "the TLS deny covers one prefix of the objects",
        mutate: (f) => editPolicy(f, (s) => void (s[0].Resource = ["arn:aws:s3:::acme-pulumi-state-prod", "arn:aws:s3:::acme-pulumi-state-prod/access-logs/*"])),
        resource: "state-bucket-policy",
        message: /bucket ARN/,
    },
    {
        control: bp.requireTls,
        breaks: "the TLS deny applies to one account's requests only",
        mutate: (f) => editPolicy(f, (s) => void (s[0].Condition = { ...s[0].Condition, StringEquals: { "aws:PrincipalAccount": "406918273599" } })),
        resource: "state-bucket-policy",
        message: /only condition/,
    },
    {
        control: bp.requireTls,
        breaks: "the TLS deny covers only PutObject",
        mutate: (f) => editPolicy(f, (s) => void (s[0].Action = "s3:PutObject")),
        resource: "state-bucket-policy",
    },
    {
        control: bp.noPublicPrincipal,
        breaks: "everyone may read",
        mutate: (f) => editPolicy(f, (s) => void s.push({ Sid: "PublicRead", Effect: "Allow", Principal: { AWS: "*" }, Action: "s3:GetObject", Resource: "*" })),
        resource: "state-bucket-policy",
        message: /PublicRead/,
    },
    { control: bp.noEncryptionHeaderDeny, breaks: "uploads without an SSE header are denied", mutate: (f) => editPolicy(f, (s) => void s.push(SSE_HEADER_DENY)), resource: "state-bucket-policy" },
    {
        control: bp.noEncryptionHeaderDeny,
        breaks: "a Null condition requires the SSE header",
        mutate: (f) => editPolicy(f, (s) => void s.push({ ...SSE_HEADER_DENY, Condition: { Null: { "s3:x-amz-server-side-encryption": "true" } } })),
        resource: "state-bucket-policy",
        message: /Null/,
    },
    {
        control: bp.noEncryptionHeaderDeny,
        breaks: "an IfExists condition alone also denies uploads without the header",
        mutate: (f) => editPolicy(f, (s) => void s.push({ ...SSE_HEADER_DENY, Condition: { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:eu-west-1:1:key/k" } } })),
        resource: "state-bucket-policy",
        message: /StringNotEqualsIfExists/,
    },
    {
        control: bp.noEncryptionHeaderDeny,
        breaks: "a Null condition requires an SSE-C header",
        mutate: (f) => editPolicy(f, (s) => void s.push({ ...SSE_HEADER_DENY, Condition: { Null: { "s3:x-amz-server-side-encryption-customer-algorithm": "true" } } })),
        resource: "state-bucket-policy",
        message: /customer-algorithm/,
    },
    {
        control: bp.writersCanDelete,
        breaks: "state users may delete only the checkpoints, not the lock files",
        mutate: (f) => editPolicy(f, (s) => {
            s[1].Action = ["s3:GetObject", "s3:PutObject"];
            s.push({ ...s[1], Sid: "DeleteCheckpoints", Action: "s3:DeleteObject", Resource: `${strings(s[1].Resource).find((r) => r.endsWith("/*"))!.replace(/\*$/, "")}.pulumi/stacks/*` });
        }),
        resource: "state-bucket-policy",
        message: /not s3:DeleteObject on the lock files/,
    },
    {
        control: bp.writersCanDelete,
        breaks: "everyone is denied deleting objects",
        mutate: (f) => editPolicy(f, (s) => void s.push({ Sid: "NoDeletes", Effect: "Deny", Principal: "*", Action: "s3:DeleteObject", Resource: strings(s[1].Resource).find((r) => r.endsWith("/*"))! })),
        resource: "state-bucket-policy",
        message: /NoDeletes denies s3:DeleteObject on the lock files \(\.pulumi\/locks\/\) to a state writer/,
    },
    {
        control: bp.writersCanDelete,
        breaks: "state users may put but not delete",
        mutate: (f) => editPolicy(f, (s) => void (s[1].Action = ["s3:GetObject", "s3:PutObject"])),
        resource: "state-bucket-policy",
        message: /DeleteObject/,
    },
    {
        control: bp.noEncryptionHeaderDeny,
        breaks: "a NotAction deny that leaves PutObject in requires the SSE header",
        mutate: (f) => editPolicy(f, (s) => void s.push({ ...SSE_HEADER_DENY, Action: undefined, NotAction: ["s3:GetObject", "s3:ListBucket"] })),
        resource: "state-bucket-policy",
        message: /StringNotEquals s3:x-amz-server-side-encryption/,
    },
    {
        control: bp.namedStateActions,
        breaks: "the state users get a partial wildcard",
        mutate: (f) => editPolicy(f, (s) => void (s[1].Action = ["s3:GetObject", "s3:PutObject", "s3:Delete*"])),
        resource: "state-bucket-policy",
        message: /StateUsersReadWrite allows "s3:Delete\*"/,
    },
    {
        control: bp.namedStateActions,
        breaks: "the state users get a mid-name wildcard",
        mutate: (f) => editPolicy(f, (s) => void (s[1].Action = ["s3:*Object"])),
        resource: "state-bucket-policy",
        message: /"s3:\*Object"/,
    },
    {
        control: bp.namedStateActions,
        breaks: "the state users may also change the bucket policy",
        mutate: (f) => editPolicy(f, (s) => void (s[2].Action = ["s3:ListBucket", "s3:PutBucketPolicy"])),
        resource: "state-bucket-policy",
        message: /StateUsersList allows s3:PutBucketPolicy to IAM principals/,
    },
    {
        control: bp.namedStateActions,
        breaks: "an Allow names what it does not grant",
        mutate: (f) => editPolicy(f, (s) => void s.push({ Sid: "AllButDelete", Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::406918273541:role/x" }, NotAction: "s3:DeleteBucket", NotResource: "arn:aws:s3:::other" })),
        resource: "state-bucket-policy",
        message: /AllButDelete allows NotAction.*|AllButDelete allows NotResource|AllButDelete allows NotPrincipal/,
    },
];
