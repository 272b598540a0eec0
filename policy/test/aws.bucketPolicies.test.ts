import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as bp from "../src/aws/bucketPolicies";
import { actionCovers, parsePolicyDocument, strings } from "../src/common/policyDocument";
import { allControls } from "../src/registry";
import { compliantStack, inputsOf } from "./fixtures/stack";
import { assertFires, assertPasses, testBreakCases, UNKNOWN_VALUE } from "./helpers";
import { cases, editPolicy, SSE_HEADER_DENY } from "./cases/aws.bucketPolicies";

testBreakCases(compliantStack, allControls, cases);

test("pinning the KMS key only when the header is sent (IfExists plus Null: false) is fine", () => {
    const file = compliantStack();
    editPolicy(file, (s) =>
        void s.push({
            ...SSE_HEADER_DENY,
            Condition: {
                StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:eu-west-1:1:key/k" },
                Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" },
            },
        }),
    );
    assertPasses(bp.noEncryptionHeaderDeny, file);
});

test("IAM's rules for a condition whose key the request does not carry", () => {
    assert.equal(bp.matchesMissingKey("Null", "true"), true);
    assert.equal(bp.matchesMissingKey("Null", false), false);
    assert.equal(bp.matchesMissingKey("StringNotEqualsIfExists", "x"), true);
    assert.equal(bp.matchesMissingKey("StringEqualsIfExists", "x"), true);
    assert.equal(bp.matchesMissingKey("StringNotEquals", "x"), true);
    assert.equal(bp.matchesMissingKey("StringEquals", "x"), false);
    assert.equal(bp.matchesMissingKey("ForAllValues:StringEquals", "x"), true);
    assert.equal(bp.matchesMissingKey("ForAnyValue:StringNotEquals", "x"), false);
});

test("a wildcard action that includes delete satisfies the lock-file rule", () => {
    const file = compliantStack();
    editPolicy(file, (s) => void (s[1].Action = ["s3:GetObject", "s3:PutObject", "s3:Delete*"]));
    assertPasses(bp.writersCanDelete, file);
});

test("AWS service principals that only write (log delivery) are not state writers", () => {
    assertPasses(bp.writersCanDelete, compliantStack());
});

test("a policy document unknown during a preview is not checked", () => {
    const file = compliantStack();
    inputsOf(file, "state-bucket-policy").policy = UNKNOWN_VALUE;
    assertPasses(bp.bucketPoliciesControls, file);
    inputsOf(file, "state-bucket-policy").policy = `{"Statement":[{"Resource":"${UNKNOWN_VALUE}"}]}`;
    assertPasses(bp.bucketPoliciesControls, file);
});

test("a TLS deny on every resource (\"*\") covers the bucket and its objects", () => {
    const file = compliantStack();
    editPolicy(file, (s) => void (s[0].Resource = "*"));
    assertPasses(bp.requireTls, file);
});

test("while the bucket's name is unknown, the TLS deny must still name a bucket and its objects", () => {
    const file = compliantStack();
    inputsOf(file, "state-bucket-policy").bucket = UNKNOWN_VALUE;
    assertPasses(bp.requireTls, file);
    editPolicy(file, (s) => void (s[0].Resource = "arn:aws:s3:::acme-pulumi-state-prod/*"));
    assertFires(bp.requireTls, file, { message: /bucket ARN/ });
    editPolicy(file, (s) => void (s[0].Resource = "arn:aws:s3:::acme-pulumi-state-prod"));
    assertFires(bp.requireTls, file, { message: /bucket ARN/ });
});

test("a malformed policy document is reported", () => {
    const file = compliantStack();
    inputsOf(file, "state-bucket-policy").policy = "{not json";
    assertFires(bp.requireTls, file, { message: /not valid JSON/ });
});

test("action wildcards match like IAM's", () => {
    assert.equal(actionCovers("s3:*", "s3:PutObject"), true);
    assert.equal(actionCovers("s3:Put*", "s3:PutObject"), true);
    assert.equal(actionCovers("s3:Get*", "s3:PutObject"), false);
    assert.equal(actionCovers("*", "s3:DeleteObject"), true);
    assert.equal(actionCovers("s3:deleteobject", "s3:DeleteObject"), true);
});

test("a single statement object (not an array) is read", () => {
    const parsed = parsePolicyDocument(JSON.stringify({ Statement: { Effect: "Allow", Principal: "*", Action: "s3:GetObject" } }));
    assert.ok(typeof parsed === "object" && "statements" in parsed && parsed.statements.length === 1);
});

test("a Deny of deletes that spares the lock files or the state writers is not the lock-file rule's finding", () => {
    const objects = (file: ReturnType<typeof compliantStack>) => {
        let arn = "";
        editPolicy(file, (s) => void (arn = strings(s[1].Resource).find((r) => r.endsWith("/*"))!));
        return arn;
    };
    const sparesLocks = compliantStack();
    const arn = objects(sparesLocks);
    editPolicy(sparesLocks, (s) => void s.push({ Sid: "KeepCheckpoints", Effect: "Deny", Principal: "*", Action: "s3:DeleteObject", NotResource: arn.replace(/\*$/, ".pulumi/locks/*") }));
    const auditorOnly = compliantStack();
    editPolicy(auditorOnly, (s) => void s.push({ Sid: "AuditorsDeleteNothing", Effect: "Deny", Principal: { AWS: "arn:aws:iam::406918273541:role/auditor" }, Action: "s3:DeleteObject", Resource: arn }));
    for (const file of [sparesLocks, auditorOnly]) {
        assertPasses(bp.writersCanDelete, file);
    }
});
