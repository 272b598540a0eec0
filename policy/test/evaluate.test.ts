import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { accountLocked } from "../src/azure/protection";
import { storageMinimumTls, storageNoCrossTenantReplication } from "../src/azure/account";
import { sseKms } from "../src/aws/hardenedBucket";
import { stateBucketAttachments } from "../src/aws/stack";
import { resourceControl } from "../src/common/control";
import { onlyCheckedResourceTypes } from "../src/common/resourceTypes";
import { evaluate } from "../src/common/evaluate";
import { parseRecordsFile, toStackArgs } from "../src/common/records";
import { unknownCheckingProxy } from "../src/common/props";
import { compliantStack, inputsOf, without } from "./fixtures/stack";
import { policyRoot, verdicts } from "./helpers";

test("a resource policy works on hand-built engine arguments", () => {
    const violations: string[] = [];
    const args: ResourceValidationArgs = {
        type: "azure-native:storage:StorageAccount",
        name: "state",
        urn: "urn:pulumi:dev::state-backend::azure-native:storage:StorageAccount::state",
        props: unknownCheckingProxy({ minimumTlsVersion: "TLS1_0" }),
        opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
        stackTags: new Map(),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => ({}) as T,
        notApplicable: () => {
            throw new Error("n/a");
        },
    };
    void (storageMinimumTls.policy as ResourceValidationPolicy & { validateResource: (a: ResourceValidationArgs, r: (m: string) => void) => void }).validateResource(args, (m) =>
        violations.push(m),
    );
    assert.deepEqual(violations, ['minimumTlsVersion is "TLS1_0"; it must be "TLS1_2".']);
    violations.length = 0;
    void (storageMinimumTls.policy as ResourceValidationPolicy & { validateResource: (a: ResourceValidationArgs, r: (m: string) => void) => void }).validateResource(
        { ...args, type: "aws:s3/bucketV2:BucketV2" },
        (m) => violations.push(m),
    );
    assert.deepEqual(violations, [], "other resource types are ignored");
});

test("a stack policy reports the URN of the resource in violation", () => {
    const file = without(compliantStack(), "state-account-lock");
    const args: StackValidationArgs = toStackArgs(file, {});
    const reported: (string | undefined)[] = [];
    void (accountLocked.policy as StackValidationPolicy).validateStack(args, (_m, urn) => reported.push(urn));
    assert.deepEqual(reported, ["urn:pulumi:prod::state-backend::azure-native:storage:StorageAccount::state-account"]);
});

test("verdicts: pass per resource, not-applicable without resources, disabled by config", () => {
    const file = compliantStack();
    const pass = verdicts(storageMinimumTls, file);
    assert.deepEqual(pass.map((v) => [v.status, v.resource]), [["pass", "state-account"]]);
    const none = verdicts(storageMinimumTls, { ...file, resources: [] });
    assert.deepEqual(none.map((v) => v.status), ["not-applicable"]);
    const disabled = verdicts(storageMinimumTls, file, { "azure-storage-minimum-tls-1-2": "disabled" });
    assert.deepEqual(disabled.map((v) => v.status), ["disabled"]);
});

test("a stack policy about the stack as a whole: one pass for the stack, or a failure per resource it names and no pass", () => {
    const file = compliantStack();
    assert.deepEqual(verdicts(onlyCheckedResourceTypes, file).map((v) => [v.status, v.resource]), [["pass", null]]);
    file.resources.push({ type: "aws:s3/bucket:Bucket", name: "legacy-bucket", inputs: { bucket: "legacy" } });
    assert.deepEqual(verdicts(onlyCheckedResourceTypes, file).map((v) => [v.status, v.resource]), [["fail", "legacy-bucket"]]);
});

test("a control that holds only by a documented exception is reported as an exception, with its reason and cause", () => {
    const file = compliantStack();
    assert.deepEqual(verdicts(storageNoCrossTenantReplication, file).map((v) => v.status), ["pass"]);
    inputsOf(file, "state-account").allowCrossTenantReplication = true;
    const [held] = verdicts(storageNoCrossTenantReplication, file);
    assert.equal(held.status, "exception");
    assert.equal(held.violated, false);
    assert.equal(held.cause, "azureBackupEnabled: true");
    assert.match(held.message, /vaulted blob backup/);
    const unprotected = verdicts(storageNoCrossTenantReplication, without(file, "state-backup-instance"));
    assert.deepEqual(unprotected.map((v) => v.status), ["fail"], "without the backup that justifies it, the exception is a violation");
});

test("the S3 exceptions: no access logging on the replica and the log bucket, SSE-S3 on the log bucket", () => {
    const file = compliantStack();
    const byBucket = new Map(verdicts(stateBucketAttachments, file).map((v) => [v.resource, v]));
    assert.equal(byBucket.get("state-bucket")?.status, "pass");
    assert.equal(byBucket.get("replica-bucket")?.status, "exception");
    assert.match(byBucket.get("replica-bucket")?.cause ?? "", /awsReplicaRegion/);
    assert.equal(byBucket.get("log-bucket")?.status, "exception");
    const encryption = new Map(verdicts(sseKms, file).map((v) => [v.resource, v.status]));
    assert.equal(encryption.get("state-bucket-encryption"), "pass");
    assert.equal(encryption.get("log-bucket-encryption"), "exception");
});

test("a policy that reads an unknown value directly is reported as unknown and advisory, as the engine does", () => {
    const careless = resourceControl({
        name: "careless",
        controlId: "test",
        requirement: "reads without the helper",
        remedy: "none",
        resourceType: "azure-native:storage:StorageAccount",
        validate: (props, report) => {
            if ((props.encryption as { keySource: string }).keySource !== "x") {
                report("never reached");
            }
        },
    });
    const file = compliantStack();
    inputsOf(file, "state-account").encryption = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const [v] = evaluate(file, {}, [careless]);
    assert.equal(v.status, "unknown");
    assert.equal(v.enforcementLevel, "advisory");
    assert.equal(v.violated, false);
});

test("an invalid pack config stops the evaluation with the reasons", () => {
    assert.throws(() => evaluate(compliantStack(), { "azure-blob-soft-delete": { minimumSoftDeleteRetentionDays: -1 } }), /minimumSoftDeleteRetentionDays: must be >= 1/);
});

test("malformed records files are rejected with the index and field", () => {
    assert.throws(() => parseRecordsFile({ resources: [{ type: "", name: "x" }, { type: "t" }] }, "r.json"), /resources\[0\]\.type[\s\S]*resources\[1\]\.name/);
    assert.throws(() => parseRecordsFile([], "r.json"), /"resources" array/);
});

test("the report CLI prints Markdown and JSON verdicts for a records file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "report-"));
    const records = path.join(dir, "prod.json");
    const broken = compliantStack();
    inputsOf(broken, "state-account").minimumTlsVersion = "TLS1_0";
    fs.writeFileSync(records, JSON.stringify(broken));
    const config = path.join(policyRoot(), "config", "prod.json");
    const cli = path.join(policyRoot(), "dist", "tests", "src", "report.js");

    const md = spawnSync(process.execPath, [cli, records, config], { encoding: "utf8" });
    assert.equal(md.status, 0, md.stderr);
    assert.match(md.stdout, /^# Policy compliance: state-backend \/ prod/);
    assert.match(md.stdout, /\| CIS Azure v5 9\.3\.6 \| .* \| `azure-storage-minimum-tls-1-2` \| state-account \(azure-native:storage:StorageAccount\) \| \*\*FAIL\*\* \| mandatory \|/);
    assert.match(md.stdout, /- failed \(mandatory\): 1/);
    const typeGuardRows = md.stdout.split("\n").filter((row) => row.includes("`state-backend-only-checked-resource-types`"));
    assert.deepEqual(typeGuardRows.map((row) => row.split(" | ").slice(3, 5)), [["—", "pass"]], "the type guard is one row, for the stack");
    assert.match(md.stdout, /- held by a documented exception: 3/);
    assert.match(md.stdout, /## Exceptions\n[\s\S]*\| AWS FSBP S3\.17 \| `aws-s3-sse-kms` \| log-bucket-encryption \| S3\.17: the access-log bucket uses SSE-S3[^|]*\| server access logging of the state bucket/);

    const json = spawnSync(process.execPath, [cli, records, config, "--json"], { encoding: "utf8" });
    assert.equal(json.status, 0, json.stderr);
    const report = JSON.parse(json.stdout);
    assert.equal(report.summary.failedMandatory, 1);
    assert.equal(report.summary.exceptions, 3);
    assert.ok(report.verdicts.some((v: { policy: string; violated: boolean }) => v.policy === "azure-storage-minimum-tls-1-2" && v.violated));

    const usage = spawnSync(process.execPath, [cli, records], { encoding: "utf8" });
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /usage: node dist\/report\.js/);
    fs.rmSync(dir, { recursive: true });
});
