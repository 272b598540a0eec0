import { test } from "node:test";
import { sseKms } from "../src/aws/hardenedBucket";
import * as kms from "../src/aws/kms";
import * as lifecycle from "../src/aws/lifecycle";
import * as replication from "../src/aws/replication";
import { allControls } from "../src/registry";
import { compliantStack, inputsOf, recordNamed } from "./fixtures/stack";
import { assertFires, assertPasses, loadPackConfig, run, testBreakCases, UNKNOWN_VALUE } from "./helpers";
import { cases, editKeyPolicy, stateLifecycle, stateSse, replicationRule, withoutReplica } from "./cases/aws.hardenedBucket";

testBreakCases(compliantStack, allControls, cases);

test("replication is advisory unless the stack's config makes it mandatory", () => {
    const file = withoutReplica(compliantStack());
    const [byDefault] = assertFires(replication.stateBucketReplicated, file);
    const [dev] = assertFires(replication.stateBucketReplicated, file, { packConfig: loadPackConfig("dev") });
    const [prod] = assertFires(replication.stateBucketReplicated, file, { packConfig: loadPackConfig("prod") });
    const levels = [byDefault, dev, prod].map((v) => v.enforcementLevel);
    if (levels.join() !== "advisory,advisory,mandatory") {
        throw new Error(`unexpected enforcement levels ${levels.join()}`);
    }
});

test("an unset KMS deletion window is AWS's 30 days", () => {
    const file = compliantStack();
    delete inputsOf(file, "state-key").deletionWindowInDays;
    assertPasses(kms.kmsDeletionWindow, file);
});

test("a shorter KMS deletion window can be configured", () => {
    const file = compliantStack();
    inputsOf(file, "state-key").deletionWindowInDays = 14;
    assertPasses(kms.kmsDeletionWindow, file, { "aws-kms-deletion-window": { minimumKmsDeletionWindowDays: 14 } });
});

test("lifecycle maximums come from the policy config", () => {
    const file = compliantStack();
    assertFires(lifecycle.noncurrentVersionExpiry, file, { packConfig: { "aws-s3-noncurrent-version-expiry": { maximumNoncurrentVersionDays: 30 } }, message: /30 or less \(found: 90\)/ });
});

test("a lifecycle filter unknown during a preview counts as covering every object", () => {
    const unknownPrefix = compliantStack();
    stateLifecycle(unknownPrefix).forEach((rule: Record<string, unknown>) => void (rule.filter = { prefix: UNKNOWN_VALUE }));
    assertPasses([lifecycle.noncurrentVersionExpiry, lifecycle.abortIncompleteUploads], unknownPrefix);
    const unknownFilter = compliantStack();
    stateLifecycle(unknownFilter).forEach((rule: Record<string, unknown>) => void (rule.filter = UNKNOWN_VALUE));
    assertPasses([lifecycle.noncurrentVersionExpiry, lifecycle.abortIncompleteUploads], unknownFilter);
    const unknownLegacyPrefix = compliantStack();
    stateLifecycle(unknownLegacyPrefix).forEach((rule: Record<string, unknown>) => void (delete rule.filter, (rule.prefix = UNKNOWN_VALUE)));
    assertPasses([lifecycle.noncurrentVersionExpiry, lifecycle.abortIncompleteUploads], unknownLegacyPrefix);
});

test("a lifecycle filter that is not an object leaves the rule out", () => {
    const file = compliantStack();
    stateLifecycle(file)[0].filter = "nothing-here/";
    assertFires(lifecycle.noncurrentVersionExpiry, file, { resource: "state-bucket-lifecycle" });
});

test("a KMS key id unknown during a preview counts as set", () => {
    const file = compliantStack();
    stateSse(file).applyServerSideEncryptionByDefault.kmsMasterKeyId = UNKNOWN_VALUE;
    replicationRule(file).destination.encryptionConfiguration.replicaKmsKeyId = UNKNOWN_VALUE;
    assertPasses([sseKms, replication.replicationEncrypted], file);
});

test("DSSE-KMS is accepted for state buckets", () => {
    const file = compliantStack();
    stateSse(file).applyServerSideEncryptionByDefault.sseAlgorithm = "aws:kms:dsse";
    assertPasses(sseKms, file);
});

test("a key policy may deny under a condition, or deny actions that leave the key policy in the root's hands", () => {
    const file = compliantStack();
    editKeyPolicy(file, (st) => void st.push(
        { Sid: "DeletionNeedsMfa", Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } },
        { Sid: "NoDeletion", Effect: "Deny", Principal: { AWS: "arn:aws:iam::406918273541:root" }, Action: "kms:ScheduleKeyDeletion", Resource: "*" },
        { Sid: "OnlyTheAccount", Effect: "Deny", NotPrincipal: { AWS: "arn:aws:iam::406918273541:root" }, Action: "kms:*", Resource: "*" },
    ));
    inputsOf(file, "state-key").bypassPolicyLockoutSafetyCheck = false;
    assertPasses(kms.kmsKeyPolicy, file);
});

test("a key without a policy gets AWS's default key policy (the account root's kms:*), which passes", () => {
    const file = compliantStack();
    delete inputsOf(file, "state-key").policy;
    assertPasses(kms.kmsKeyPolicy, file);
});

test("a key policy unknown during a preview is checked at the update", () => {
    const file = compliantStack();
    inputsOf(file, "state-key").policy = UNKNOWN_VALUE;
    assertPasses(kms.kmsKeyPolicy, file);
    inputsOf(file, "state-key").policy = `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"${UNKNOWN_VALUE}"},"Action":"kms:*"}]}`;
    assertPasses(kms.kmsKeyPolicy, file);
});

test("a foreign root is not a finding while the key's ARN is unknown or its policy is not known", () => {
    const foreign = () => {
        const file = compliantStack();
        editKeyPolicy(file, (st) => void (st[0].Principal = { AWS: "arn:aws:iam::210987654321:root" }));
        return file;
    };
    for (const arn of [undefined, UNKNOWN_VALUE]) {
        const file = foreign();
        const key = recordNamed(file, "state-key");
        Object.defineProperty(key, "outputs", { value: { ...key.inputs, arn } });
        assertPasses(kms.kmsKeyAdministeredByItsAccount, file);
    }
    const unknownPolicy = foreign();
    inputsOf(unknownPolicy, "state-key").policy = UNKNOWN_VALUE;
    assertPasses(kms.kmsKeyAdministeredByItsAccount, unknownPolicy);
});

test("the key's own root named by account id, or beside another account's root, is not this policy's finding", () => {
    for (const principal of [{ AWS: "406918273541" }, { AWS: ["arn:aws:iam::406918273541:root", "arn:aws:iam::210987654321:root"] }]) {
        const file = compliantStack();
        editKeyPolicy(file, (st) => void (st[0].Principal = principal));
        assertPasses(kms.kmsKeyAdministeredByItsAccount, file);
    }
});

test("the account root may be named by ARN in any partition or by account id", () => {
    for (const root of ["arn:aws-us-gov:iam::123456789012:root", "123456789012"]) {
        const file = compliantStack();
        editKeyPolicy(file, (st) => void (st[0].Principal = { AWS: root }));
        assertPasses(kms.kmsKeyPolicy, file);
    }
});

test("kms:* shared between the account root and another principal is no longer the administration statement", () => {
    const file = compliantStack();
    editKeyPolicy(file, (st) => void (st[0].Principal = { AWS: ["arn:aws:iam::123456789012:root", "arn:aws:iam::210987654321:role/admin"] }));
    assertFires(kms.kmsKeyPolicy, file, { message: /EnableAccountAdministration allows "kms:\*"/ });
});

test("NotResource or NotPrincipal takes the account root's kms:* out of its exemption", () => {
    for (const form of ["NotResource", "NotPrincipal"]) {
        const file = compliantStack();
        editKeyPolicy(file, (st) => void ((st[0] as Record<string, unknown>)[form] = "arn:aws:kms:eu-west-1:123456789012:key/other"));
        assertFires(kms.kmsKeyPolicy, file, { message: new RegExp(`allows ${form}`) });
    }
});

test("a public kms:* statement is reported once, as public", () => {
    const file = compliantStack();
    editKeyPolicy(file, (st) => void st.push({ Sid: "Open", Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" }));
    const messages = run(kms.kmsKeyPolicy, file).map((v) => v.message);
    if (messages.length !== 1 || !/Open allows Principal "\*"/.test(messages[0])) {
        throw new Error(`unexpected messages ${JSON.stringify(messages)}`);
    }
});
