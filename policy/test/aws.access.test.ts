import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as access from "../src/aws/access";
import { allControls } from "../src/registry";
import { compliantStack, inputsOf } from "./fixtures/stack";
import { assertFires, assertPasses, run, testBreakCases, UNKNOWN_VALUE } from "./helpers";
import { cases, editAccessPolicy, statement } from "./cases/aws.access";

testBreakCases(compliantStack, allControls, cases);

test("a state access policy unknown during a preview is checked at the update", () => {
    const file = compliantStack();
    inputsOf(file, "state-access-policy").policy = UNKNOWN_VALUE;
    assertPasses(access.stateAccessLeastPrivilege, file);
    inputsOf(file, "state-access-policy").policy = `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"${UNKNOWN_VALUE}/*"}]}`;
    assertPasses(access.stateAccessLeastPrivilege, file);
});

test("a broad Deny is not a grant", () => {
    const file = compliantStack();
    editAccessPolicy(file, (st) => void st.push({ Sid: "NoKeyAdministration", Effect: "Deny", Action: "kms:*", NotResource: "arn:aws:kms:eu-west-1:123456789012:key/*" }));
    assertPasses(access.stateAccessLeastPrivilege, file);
});

test("a NotAction Allow that leaves s3:PutObject in counts as a writer", () => {
    const file = compliantStack();
    editAccessPolicy(file, (st) => void (statement(st, "ReadWriteState").Action = ["s3:GetObject"], st.push({ Sid: "AllButDelete", Effect: "Allow", NotAction: ["s3:DeleteObject"], Resource: ["arn:aws:s3:::x/*"] })));
    assertFires(access.stateAccessLeastPrivilege, file, { message: /allows s3:PutObject but not s3:DeleteObject/ });
});

test("Allow with NotAction or NotResource is as broad as a wildcard", () => {
    const file = compliantStack();
    editAccessPolicy(file, (st) => void st.push({ Sid: "AllButIam", Effect: "Allow", NotAction: "iam:*", NotResource: "arn:aws:s3:::other" }));
    const messages = run(access.stateAccessLeastPrivilege, file).map((v) => v.message);
    assert.equal(messages.length, 2);
    assert.match(messages[0], /AllButIam allows NotAction/);
    assert.match(messages[1], /AllButIam allows NotResource/);
});

test("\"*:*\" is a wildcard over every service", () => {
    const file = compliantStack();
    editAccessPolicy(file, (st) => void (statement(st, "ListState").Action = "*:*"));
    assertFires(access.stateAccessLeastPrivilege, file, { message: /"\*:\*"/ });
});

test("a role whose inline-policy entry has no policy (the provider's way to remove them) and no managed policy passes", () => {
    const file = compliantStack();
    Object.assign(inputsOf(file, "replication-role"), { inlinePolicies: [{}], managedPolicyArns: [] });
    assertPasses(access.policiesAttachedAsCheckedResources, file);
});
