// Break cases for the aws.iam policies: see testBreakCases in ../helpers.ts.
import * as access from "../../src/aws/access";
import { Statement } from "../../src/common/policyDocument";
import { compliantStack, editStatements, inputsOf } from "../fixtures/stack";
import { BreakCase } from "../helpers";

export type File = ReturnType<typeof compliantStack>;

/** Edits the state users' IAM policy document. */
export const editAccessPolicy = (file: File, edit: (statements: Statement[]) => Statement[] | void): void =>
    editStatements(file, "state-access-policy", edit);

/** The statement with this Sid. */
export const statement = (statements: Statement[], sid: string): Statement => statements.find((s) => s.Sid === sid)!;

export const cases: BreakCase[] = [
    {
        control: access.stateAccessLeastPrivilege,
        breaks: "the state users may schedule the key's deletion and replace the bucket policy",
        mutate: (f) => editAccessPolicy(f, (st) => void st.push({ Sid: "Named", Effect: "Allow", Action: ["kms:ScheduleKeyDeletion", "s3:PutBucketPolicy"], Resource: "arn:aws:s3:::state" })),
        resource: "state-access-policy",
        message: /Named allows kms:ScheduleKeyDeletion, s3:PutBucketPolicy, which no state user/,
    },
    {
        control: access.policiesAttachedAsCheckedResources,
        breaks: "the replication role gets AdministratorAccess",
        mutate: (f) => void (inputsOf(f, "replication-role").managedPolicyArns = ["arn:aws:iam::aws:policy/AdministratorAccess"]),
        resource: "replication-role",
        message: /AdministratorAccess/,
    },
    {
        control: access.policiesAttachedAsCheckedResources,
        breaks: "the replication role carries an inline policy",
        mutate: (f) => void (inputsOf(f, "replication-role").inlinePolicies = [{ name: "all", policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }) }]),
        resource: "replication-role",
        message: /inline policies/,
    },
    {
        control: access.policiesAttachedAsCheckedResources,
        breaks: "anyone may assume the replication role",
        mutate: (f) => {
            const trust = JSON.parse(inputsOf(f, "replication-role").assumeRolePolicy);
            trust.Statement[0].Principal = { AWS: "*" };
            inputsOf(f, "replication-role").assumeRolePolicy = JSON.stringify(trust);
        },
        resource: "replication-role",
        message: /lets everyone assume the role/,
    },
    {
        control: access.policiesAttachedAsCheckedResources,
        breaks: "everyone but one account may assume the replication role",
        mutate: (f) => {
            const trust = JSON.parse(inputsOf(f, "replication-role").assumeRolePolicy);
            delete trust.Statement[0].Principal;
            trust.Statement[0].NotPrincipal = { AWS: "arn:aws:iam::210987654321:root" };
            inputsOf(f, "replication-role").assumeRolePolicy = JSON.stringify(trust);
        },
        resource: "replication-role",
        message: /lets everyone but those it lists assume the role/,
    },
    {
        control: access.policiesAttachedAsCheckedResources,
        breaks: "the state bucket carries an inline policy",
        mutate: (f) => void (inputsOf(f, "state-bucket").policy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*" }] })),
        resource: "state-bucket",
        message: /inline policy/,
    },
    {
        control: access.stateAccessLeastPrivilege,
        breaks: "the state users may do anything",
        mutate: (f) => editAccessPolicy(f, (st) => void st.push({ Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" })),
        resource: "state-access-policy",
        message: /Admin allows "\*"/,
    },
    {
        control: access.stateAccessLeastPrivilege,
        breaks: "the state users get every S3 action on the objects",
        mutate: (f) => editAccessPolicy(f, (st) => void (statement(st, "ReadWriteState").Action = ["s3:*"])),
        resource: "state-access-policy",
        message: /ReadWriteState allows "s3:\*"/,
    },
    {
        control: access.stateAccessLeastPrivilege,
        breaks: "the state users may use every KMS key",
        mutate: (f) => editAccessPolicy(f, (st) => void (statement(st, "UseStateKeys").Resource = "*")),
        resource: "state-access-policy",
        message: /UseStateKeys allows Resource "\*"/,
    },
    {
        control: access.stateAccessLeastPrivilege,
        breaks: "the state users may use every key of every account",
        mutate: (f) => editAccessPolicy(f, (st) => void (statement(st, "UseStateKeys").Resource = ["arn:aws:kms:*:*:key/*"])),
        resource: "state-access-policy",
        message: /UseStateKeys allows Resource "arn:aws:kms:\*:\*:key\/\*"/,
    },
    {
        control: access.stateAccessLeastPrivilege,
        breaks: "the state users may use a named key id in any account",
        mutate: (f) => editAccessPolicy(f, (st) => void (statement(st, "UseStateKeys").Resource = ["arn:aws:kms:eu-west-1:*:key/0b7c5d4e"])),
        resource: "state-access-policy",
        message: /UseStateKeys allows Resource "arn:aws:kms:eu-west-1:\*:key\/0b7c5d4e"/,
    },
    {
        control: access.stateAccessLeastPrivilege,
        breaks: "the state users may read and write every bucket's objects",
        mutate: (f) => editAccessPolicy(f, (st) => void (statement(st, "ReadWriteState").Resource = ["arn:aws:s3:::*/*"])),
        resource: "state-access-policy",
        message: /ReadWriteState allows Resource "arn:aws:s3:::\*\/\*"/,
    },
    {
        control: access.stateAccessLeastPrivilege,
        breaks: "the state users may write but not delete lock files",
        mutate: (f) => editAccessPolicy(f, (st) => void (statement(st, "ReadWriteState").Action = ["s3:GetObject", "s3:PutObject"])),
        resource: "state-access-policy",
        message: /s3:DeleteObject/,
    },
    {
        control: access.stateAccessLeastPrivilege,
        breaks: "the state users get a partial wildcard",
        mutate: (f) => editAccessPolicy(f, (st) => void (statement(st, "ReadWriteState").Action = ["s3:Get*", "s3:PutObject", "s3:DeleteObject"])),
        resource: "state-access-policy",
        message: /ReadWriteState allows "s3:Get\*"/,
    },
    {
        control: access.stateAccessLeastPrivilege,
        breaks: "the replication role's policy uses a wildcard",
        mutate: (f) => editStatements(f, "replication-role-policy", (st) => void (st[2].Action = ["s3:Replicate*"])),
        resource: "replication-role-policy",
        message: /WriteReplicas allows "s3:Replicate\*"/,
    },
];
