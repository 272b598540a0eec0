import { test } from "node:test";
import * as assert from "node:assert/strict";
import { bucketRoles, logBucketAttachments, stateBucketAttachments } from "../src/aws/stack";
import { evaluate, violationsOf } from "../src/common/evaluate";
import { urnOf } from "../src/common/records";
import { allControls } from "../src/registry";
import { cases } from "./cases/aws.stack";
import { compliantStack, recordNamed, without } from "./fixtures/stack";
import { assertFires, assertPasses, loadPackConfig, run, testBreakCases, UNKNOWN_VALUE } from "./helpers";
import { toStackArgs } from "../src/common/records";

testBreakCases(compliantStack, allControls, cases);

type File = ReturnType<typeof compliantStack>;
const S3_CONFIG_TYPES = new Set([
    "aws:s3/bucketVersioningV2:BucketVersioningV2",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    "aws:s3/bucketPolicy:BucketPolicy",
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
    "aws:s3/bucketLoggingV2:BucketLoggingV2",
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
]);

/**
 * The fixture as a first preview sees it: every bucket reference is an output of a bucket not created
 * yet. With `withDependencies`, the records also carry the property dependencies the engine sends.
 */
function asPreview(file: File, withDependencies: boolean): File {
    const bucketUrn = (name: string) => urnOf(recordNamed(file, name), file);
    const bucketOfName = new Map(file.resources.filter((r) => r.type === "aws:s3/bucketV2:BucketV2").map((r) => [r.inputs!.bucket as string, r.name]));
    for (const record of file.resources.filter((r) => S3_CONFIG_TYPES.has(r.type))) {
        const inputs = record.inputs as Record<string, any>;
        const deps: Record<string, string[]> = { bucket: [bucketUrn(bucketOfName.get(inputs.bucket)!)] };
        inputs.bucket = UNKNOWN_VALUE;
        if (inputs.targetBucket) {
            deps.targetBucket = [bucketUrn(bucketOfName.get(inputs.targetBucket)!)];
            inputs.targetBucket = UNKNOWN_VALUE;
        }
        if (inputs.rules?.[0]?.destination?.bucket) {
            deps.rules = [bucketUrn(bucketOfName.get(inputs.rules[0].destination.bucket.replace("arn:aws:s3:::", ""))!)];
            inputs.rules[0].destination.bucket = UNKNOWN_VALUE;
        }
        if (inputs.policy) {
            inputs.policy = UNKNOWN_VALUE;
        }
        if (withDependencies) {
            record.propertyDependencies = deps;
        }
    }
    return file;
}

test("bucket roles come from known names: the logging target is the log bucket, the replication destination the replica", () => {
    const file = compliantStack();
    const roles = bucketRoles(toStackArgs(file, {}).resources);
    const byName = (name: string) => roles.get(urnOf(recordNamed(file, name), file));
    assert.deepEqual([byName("state-bucket"), byName("log-bucket"), byName("replica-bucket")], ["state", "log", "replica"]);
});

test("bucket roles come from property dependencies when names are unknown", () => {
    const file = asPreview(compliantStack(), true);
    recordNamed(file, "log-bucket").name = "audit-bucket"; // so the name fallback cannot be what decides
    const roles = bucketRoles(toStackArgs(file, {}).resources);
    assert.equal(roles.get(urnOf(recordNamed(file, "audit-bucket"), file)), "log");
});

for (const withDependencies of [true, false]) {
    const how = withDependencies ? "property dependencies" : "counting (no dependencies recorded)";
    test(`in a preview with the AWS references unknown the whole pack passes on the compliant stack, matching by ${how}`, () => {
        const file = asPreview(compliantStack(), withDependencies);
        assert.deepEqual(violationsOf(evaluate(file, loadPackConfig("prod"))), []);
    });
    test(`in a preview a missing public access block is still found, matching by ${how}`, () => {
        const file = without(asPreview(compliantStack(), withDependencies), "state-bucket-public-access-block");
        const violations = run([stateBucketAttachments, logBucketAttachments], file);
        assert.equal(violations.length, 1);
        assert.match(violations[0].message, /BucketPublicAccessBlock/);
        if (withDependencies) {
            // Only dependencies tell which bucket lacks it; counting knows only that one does.
            assert.equal(violations[0].resourceName, "state-bucket");
        }
    });
}

test("a configuration resource naming another bucket does not cover this one", () => {
    const file = compliantStack();
    (recordNamed(file, "state-bucket-versioning").inputs as Record<string, unknown>).bucket = "some-other-bucket";
    assertFires(stateBucketAttachments, file, { resource: "state-bucket", message: /BucketVersioningV2/ });
});

test("a stack with only the state bucket's own controls and no log bucket passes the log-bucket policy", () => {
    const file = compliantStack();
    const logless = { ...file, resources: file.resources.filter((r) => !r.name.startsWith("log-bucket")) };
    assertPasses(logBucketAttachments, logless);
});
