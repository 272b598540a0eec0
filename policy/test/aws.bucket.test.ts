import { test } from "node:test";
import * as bucket from "../src/aws/bucket";
import { sseKms } from "../src/aws/encryption";
import * as kms from "../src/aws/kms";
import * as lifecycle from "../src/aws/lifecycle";
import { accessLogging } from "../src/aws/logging";
import { awsStateResourcesProtected } from "../src/aws/protection";
import * as publicAccess from "../src/aws/publicAccess";
import * as replication from "../src/aws/replication";
import { allControls } from "../src/registry";
import { compliantStack, inputsOf, recordNamed } from "./fixtures/stack";
import { assertFires, assertPasses, loadPackConfig, testBreakCases, UNKNOWN_VALUE } from "./helpers";

type File = ReturnType<typeof compliantStack>;
const stateSse = (f: File) => inputsOf(f, "state-bucket-encryption").rules[0];
const stateLifecycle = (f: File) => inputsOf(f, "state-bucket-lifecycle").rules;
const replicationRule = (f: File) => inputsOf(f, "state-bucket-replication").rules[0];

/** The stack without replication: no replication config and no replica bucket. */
const withoutReplica = (f: File): File => ({ ...f, resources: f.resources.filter((r) => r.name !== "state-bucket-replication" && !r.name.startsWith("replica-")) });

testBreakCases(compliantStack, allControls, [
    { control: bucket.bucketNoForceDestroy, breaks: "forceDestroy is on", mutate: (f) => void (inputsOf(f, "state-bucket").forceDestroy = true), resource: "state-bucket" },
    { control: bucket.bucketVersioning, breaks: "versioning is suspended", mutate: (f) => void (inputsOf(f, "state-bucket-versioning").versioningConfiguration.status = "Suspended"), resource: "state-bucket-versioning" },
    { control: sseKms, breaks: "the state bucket uses SSE-S3", mutate: (f) => void (stateSse(f).applyServerSideEncryptionByDefault = { sseAlgorithm: "AES256" }), resource: "state-bucket-encryption", message: /aws:kms/ },
    { control: sseKms, breaks: "the S3 Bucket Key is off", mutate: (f) => void (stateSse(f).bucketKeyEnabled = false), resource: "state-bucket-encryption", message: /bucketKeyEnabled/ },
    { control: sseKms, breaks: "the AWS-managed key is used", mutate: (f) => void delete stateSse(f).applyServerSideEncryptionByDefault.kmsMasterKeyId, resource: "state-bucket-encryption", message: /kmsMasterKeyId/ },
    {
        control: sseKms,
        breaks: "the log bucket uses SSE-KMS, which log delivery does not support",
        mutate: (f) => void (inputsOf(f, "log-bucket-encryption").rules[0].applyServerSideEncryptionByDefault = { sseAlgorithm: "aws:kms", kmsMasterKeyId: "k" }),
        resource: "log-bucket-encryption",
        message: /SSE-S3/,
    },
    ...["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].map((flag) => ({
        control: publicAccess.publicAccessBlock,
        breaks: `${flag} is false`,
        mutate: (f: File) => void (inputsOf(f, "state-bucket-public-access-block")[flag] = false),
        resource: "state-bucket-public-access-block",
        message: new RegExp(flag),
    })),
    { control: publicAccess.aclsDisabled, breaks: "ACLs are enabled", mutate: (f) => void (inputsOf(f, "state-bucket-ownership").rule.objectOwnership = "ObjectWriter"), resource: "state-bucket-ownership" },
    { control: lifecycle.noncurrentVersionExpiry, breaks: "noncurrent versions never expire", mutate: (f) => void stateLifecycle(f).shift(), resource: "state-bucket-lifecycle" },
    { control: lifecycle.noncurrentVersionExpiry, breaks: "the noncurrent rule is disabled", mutate: (f) => void (stateLifecycle(f)[0].status = "Disabled"), resource: "state-bucket-lifecycle" },
    { control: lifecycle.abortIncompleteUploads, breaks: "incomplete uploads are kept", mutate: (f) => void stateLifecycle(f).pop(), resource: "state-bucket-lifecycle" },
    { control: accessLogging, breaks: "logging has no target", mutate: (f) => void delete inputsOf(f, "state-bucket-logging").targetBucket, resource: "state-bucket-logging" },
    { control: kms.kmsKeyRotation, breaks: "key rotation is off", mutate: (f) => void (inputsOf(f, "state-key").enableKeyRotation = false), resource: "state-key" },
    { control: kms.kmsDeletionWindow, breaks: "the deletion window is 7 days", mutate: (f) => void (inputsOf(f, "state-key").deletionWindowInDays = 7), resource: "state-key", message: /at least 30/ },
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
]);

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
