// Break cases for the bucket-relationship stack policies (aws/stack.ts).
import { logBucketAttachments, stateBucketAttachments } from "../../src/aws/stack";
import { inputsOf, REPLICA_BUCKET, STATE_BUCKET, without } from "../fixtures/stack";
import { BreakCase } from "../helpers";

export const cases: BreakCase[] = [
    { control: stateBucketAttachments, breaks: "the state bucket's versioning resource is dropped", mutate: (f) => without(f, "state-bucket-versioning"), resource: "state-bucket", message: /BucketVersioningV2 \(S3\.14\)/ },
    { control: stateBucketAttachments, breaks: "the state bucket's encryption resource is dropped", mutate: (f) => without(f, "state-bucket-encryption"), resource: "state-bucket", message: /S3\.17/ },
    { control: stateBucketAttachments, breaks: "the state bucket's public access block is dropped", mutate: (f) => without(f, "state-bucket-public-access-block"), resource: "state-bucket", message: /S3\.8/ },
    { control: stateBucketAttachments, breaks: "the state bucket's ownership controls are dropped", mutate: (f) => without(f, "state-bucket-ownership"), resource: "state-bucket", message: /S3\.12/ },
    { control: stateBucketAttachments, breaks: "the state bucket's policy is dropped", mutate: (f) => without(f, "state-bucket-policy"), resource: "state-bucket", message: /BucketPolicy/ },
    {
        control: stateBucketAttachments,
        breaks: "the state bucket's access logging is moved to the replica",
        // (Dropping the only logging resource would also unmake the log bucket, a different break.)
        mutate: (f) => void (inputsOf(f, "state-bucket-logging").bucket = REPLICA_BUCKET),
        resource: "state-bucket",
        message: /S3\.9/,
    },
    {
        control: stateBucketAttachments,
        breaks: "the state bucket also logs into itself, which leaves it a state bucket, and its versioning is dropped",
        mutate: (f) => {
            f.resources.push({ type: "aws:s3/bucketLoggingV2:BucketLoggingV2", name: "state-bucket-self-logging", inputs: { bucket: STATE_BUCKET, targetBucket: STATE_BUCKET, targetPrefix: "self/" } });
            return without(f, "state-bucket-versioning");
        },
        resource: "state-bucket",
        message: /S3\.14/,
    },
    {
        control: stateBucketAttachments,
        breaks: "the replica replicates back into the state bucket, so it is a state bucket too, and it has no access logging",
        mutate: (f) => {
            const inputs = structuredClone(inputsOf(f, "state-bucket-replication"));
            inputs.bucket = REPLICA_BUCKET;
            inputs.rules[0].destination.bucket = `arn:aws:s3:::${STATE_BUCKET}`;
            f.resources.push({ type: "aws:s3/bucketReplicationConfig:BucketReplicationConfig", name: "replica-bucket-replication", inputs });
        },
        resource: "replica-bucket",
        message: /S3\.9/,
    },
    { control: stateBucketAttachments, breaks: "the state bucket's lifecycle is dropped", mutate: (f) => without(f, "state-bucket-lifecycle"), resource: "state-bucket", message: /S3\.13/ },
    { control: stateBucketAttachments, breaks: "the replica's versioning resource is dropped", mutate: (f) => without(f, "replica-bucket-versioning"), resource: "replica-bucket", message: /replica bucket/ },
    { control: logBucketAttachments, breaks: "the log bucket's public access block is dropped", mutate: (f) => without(f, "log-bucket-public-access-block"), resource: "log-bucket", message: /S3\.8/ },
    { control: logBucketAttachments, breaks: "the log bucket's versioning is dropped", mutate: (f) => without(f, "log-bucket-versioning"), resource: "log-bucket", message: /S3\.14/ },
    { control: logBucketAttachments, breaks: "the log bucket's lifecycle is dropped", mutate: (f) => without(f, "log-bucket-lifecycle"), resource: "log-bucket", message: /S3\.13/ },
    { control: logBucketAttachments, breaks: "the log bucket's policy is dropped", mutate: (f) => without(f, "log-bucket-policy"), resource: "log-bucket", message: /BucketPolicy/ },
];
