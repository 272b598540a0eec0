// Default encryption with a customer-managed KMS key. Pulumi relies on it: a bucket policy that
// demands an encryption header instead breaks the backend (REFERENCE §4).
import { expectSet, expectValue } from "../common/checks";
import { Control, resourceControl } from "../common/control";
import { isUnknown, list } from "../common/props";
import { AwsTypes } from "./types";

export const sseKms = resourceControl({
    name: "aws-s3-sse-kms",
    controlId: "AWS FSBP S3.17",
    requirement: "Objects are encrypted by default with a customer-managed KMS key, with an S3 Bucket Key to keep KMS calls down.",
    remedy:
        "set rules[0].applyServerSideEncryptionByDefault: { sseAlgorithm: \"aws:kms\", kmsMasterKeyId: <key arn> } and rules[0].bucketKeyEnabled: true.",
    resourceType: AwsTypes.Encryption,
    validate: (props, report) => {
        const rules = list(props, "rules");
        if (isUnknown(rules)) {
            return;
        }
        if (rules.length === 0) {
            report("rules is empty; one rule must apply SSE-KMS by default.");
            return;
        }
        rules.forEach((rule, i) => {
            const prefix = `rules[${i}]`;
            expectValue(rule, "applyServerSideEncryptionByDefault.sseAlgorithm", ["aws:kms", "aws:kms:dsse"], (m) => report(`${prefix}.${m}`));
            expectSet(rule, "applyServerSideEncryptionByDefault.kmsMasterKeyId", (m) => report(`${prefix}.${m}`), "a customer-managed key, not the AWS-managed aws/s3 key");
            expectValue(rule, "bucketKeyEnabled", true, (m) => report(`${prefix}.${m}`));
        });
    },
});

export const encryptionControls: Control[] = [sseKms];
