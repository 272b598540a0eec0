// Cross-check with the Java program: its tests write target/resource-records/<stack>.json at the
// repository root; every policy runs over them with config/<stack>.json. Prod must have no mandatory
// violation, nor dev (whose advisory findings are printed as diagnostics).
// Without the records the test is skipped, or fails when STATE_BACKEND_REQUIRE_RECORDS=1 (CI, after
// the Java tests ran).
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { storageSharedKeyDisabled } from "../src/azure/account";
import { accountLocked, azureStateResourcesProtected } from "../src/azure/protection";
import { requireTls } from "../src/aws/bucketPolicies";
import { kmsKeyAdministeredByItsAccount } from "../src/aws/kms";
import { stateBucketAttachments } from "../src/aws/stack";
import { evaluate, violationsOf } from "../src/common/evaluate";
import { parseRecordsFile, RecordsFile } from "../src/common/records";
import { AzureTypes } from "../src/azure/types";
import { allControls } from "../src/registry";
import { compliantStack, editStatements, inputsOf, without } from "./fixtures/stack";
import { assertFires, loadPackConfig, policyRoot } from "./helpers";

const STACKS = ["dev", "prod"];
const requireRecords = process.env.STATE_BACKEND_REQUIRE_RECORDS === "1";

function recordsPath(stack: string): string {
    return path.join(policyRoot(), "..", "target", "resource-records", `${stack}.json`);
}

/**
 * The Java program's records of a stack; without them the test is skipped, or fails when
 * STATE_BACKEND_REQUIRE_RECORDS=1.
 */
function recordsOf(stack: string, t: { skip(message: string): void }): RecordsFile | undefined {
    const file = recordsPath(stack);
    if (!fs.existsSync(file)) {
        const why = `no resource records at ${file}: run the Java tests first (mvn test) to write them`;
        if (requireRecords) {
            assert.fail(`${why} (STATE_BACKEND_REQUIRE_RECORDS=1)`);
        }
        t.skip(why);
        return undefined;
    }
    return parseRecordsFile(JSON.parse(fs.readFileSync(file, "utf8")), file);
}

function describeViolations(violations: ReturnType<typeof violationsOf>): string {
    return violations.map((v) => `  - ${v.policyName} on ${v.resourceName ?? "the stack"}: ${v.message}`).join("\n");
}

for (const stack of STACKS) {
    test(`the Java program's ${stack} stack has no mandatory policy violation`, (t) => {
        const records = recordsOf(stack, t);
        if (records === undefined) {
            return;
        }
        assert.ok(records.resources.length > 0, `${recordsPath(stack)} lists no resources`);
        const violations = violationsOf(evaluate(records, loadPackConfig(stack)));
        for (const advisory of violations.filter((v) => v.enforcementLevel !== "mandatory")) {
            t.diagnostic(`advisory: ${advisory.policyName} on ${advisory.resourceName ?? "the stack"}: ${advisory.message}`);
        }
        const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory");
        assert.equal(mandatory.length, 0, `mandatory violations in ${stack}:\n${describeViolations(mandatory)}`);
    });
}

test("the Java program's prod stack shows its documented exceptions as exceptions, and nothing else", (t) => {
    const records = recordsOf("prod", t);
    if (records === undefined) {
        return;
    }
    const exceptions = evaluate(records, loadPackConfig("prod"))
        .filter((v) => v.status === "exception")
        .map((v) => `${v.policy} on ${v.resource}: ${v.cause}`)
        .sort();
    assert.deepEqual(exceptions.map((e) => e.replace(/:.*/, "")), [
        "aws-s3-sse-kms on access-log-bucket-encryption",
        "aws-s3-state-bucket-controls on access-log-bucket",
        "aws-s3-state-bucket-controls on replica-bucket",
        "azure-storage-no-cross-tenant-replication on state-account",
    ]);
    assert.ok(exceptions.some((e) => e.endsWith("azureBackupEnabled: true")), exceptions.join("\n"));
});

// The preview benchmark (bench/bench.mjs preview) divides prod's preview with the pack under the production config
// by its one-resource program's; that program must pass the same config, or the benchmark stops at its first case.
const BENCHMARK_BASELINE = "benchmark-baseline";

test("the preview benchmark's one-resource program has no mandatory violation under the production config", (t) => {
    const records = recordsOf(BENCHMARK_BASELINE, t);
    if (records === undefined) {
        return;
    }
    assert.deepEqual(records.resources.map((r) => r.type).filter((type) => type !== "pulumi:pulumi:Stack"), [AzureTypes.ResourceGroup]);
    const mandatory = violationsOf(evaluate(records, loadPackConfig("prod"))).filter((v) => v.enforcementLevel === "mandatory");
    assert.equal(mandatory.length, 0, `mandatory violations in the benchmark's baseline:\n${describeViolations(mandatory)}`);
});

test("the preview benchmark's one-resource program fails the production config when its resource group is unprotected", (t) => {
    const records = recordsOf(BENCHMARK_BASELINE, t);
    if (records === undefined) {
        return;
    }
    const unprotected = { ...records, resources: records.resources.map((r) => ({ ...r, protect: false })) };
    assertFires(azureStateResourcesProtected, unprotected, { packConfig: loadPackConfig("prod"), alongside: allControls.filter((c) => c !== azureStateResourcesProtected) });
});

// The cross-check bites: the same evaluation over the hand-built records the Java program should
// produce passes, and removing one control at a time makes exactly the expected policy fire.
test("the cross-check passes the compliant records under both stacks' configs", () => {
    for (const stack of STACKS) {
        assert.deepEqual(violationsOf(evaluate(compliantStack(stack), loadPackConfig(stack))), []);
    }
});

const breaks = [
    { what: "shared key access is turned on", control: storageSharedKeyDisabled, mutate: (f: RecordsFile) => void (inputsOf(f, "state-account").allowSharedKeyAccess = true) },
    { what: "the account lock is dropped", control: accountLocked, mutate: (f: RecordsFile) => without(f, "state-account-lock") },
    {
        what: "the TLS deny statement is dropped from the bucket policy",
        control: requireTls,
        mutate: (f: RecordsFile) => editStatements(f, "state-bucket-policy", (s) => s.filter((st) => st.Sid !== "DenyInsecureTransport")),
    },
    { what: "the state bucket loses its versioning resource", control: stateBucketAttachments, mutate: (f: RecordsFile) => without(f, "state-bucket-versioning") },
    {
        what: "the state key is administered by another account's root alone",
        control: kmsKeyAdministeredByItsAccount,
        mutate: (f: RecordsFile) =>
            editStatements(f, "state-key", (s) => s.map((st) => (st.Sid === "EnableAccountAdministration" ? { ...st, Principal: { AWS: "arn:aws:iam::210987654321:root" } } : st))),
    },
];

for (const b of breaks) {
    test(`the prod cross-check fails with ${b.control.policy.name} when ${b.what}`, () => {
        const file = compliantStack("prod");
        const broken = b.mutate(file) ?? file;
        const violations = assertFires(b.control, broken, { packConfig: loadPackConfig("prod"), alongside: allControls.filter((c) => c !== b.control) });
        assert.ok(violations.every((v) => v.enforcementLevel === "mandatory"));
    });
}

// The same breaks on the Java program's own prod records: removing a control from what the program declares makes
// the cross-check fail with exactly that policy.
for (const b of breaks) {
    test(`the Java program's prod records fail ${b.control.policy.name} when ${b.what}`, (t) => {
        const records = recordsOf("prod", t);
        if (records === undefined) {
            return;
        }
        const broken = b.mutate(records) ?? records;
        assertFires(b.control, broken, { packConfig: loadPackConfig("prod"), alongside: allControls.filter((c) => c !== b.control) });
    });
}

test("in dev a dropped lock is reported as advisory, so the dev cross-check still passes", () => {
    const broken = without(compliantStack("dev"), "state-account-lock");
    const violations = assertFires(accountLocked, broken, { packConfig: loadPackConfig("dev"), alongside: allControls.filter((c) => c !== accountLocked) });
    assert.deepEqual(violations.map((v) => v.enforcementLevel), ["advisory"]);
});
