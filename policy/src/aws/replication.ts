// Cross-region replication of the state bucket. Optional per stack, so its presence is advisory by
// default; a replication configuration that does exist must replicate the KMS-encrypted objects and
// re-encrypt them with a key in the destination region.
import { PolicyResource } from "@pulumi/policy";
import { expectSet, expectValue } from "../common/checks";
import { Control, resourceControl, stackControl } from "../common/control";
import { isUnknown, list } from "../common/props";
import { uncoveredTargets } from "../common/relations";
import { attachedBy, bucketsWithRole } from "./stack";
import { AwsTypes } from "./types";

export const replicationEncrypted = resourceControl({
    name: "aws-s3-replication-encrypted",
    controlId: "AWS FSBP S3.7",
    requirement: "Every replication rule is enabled, replicates SSE-KMS objects and encrypts the replicas with a KMS key.",
    remedy:
        "on each rule set status \"Enabled\", sourceSelectionCriteria.sseKmsEncryptedObjects.status \"Enabled\" and destination.encryptionConfiguration.replicaKmsKeyId.",
    resourceType: AwsTypes.Replication,
    validate: (props, report) => {
        const rules = list(props, "rules");
        if (isUnknown(rules)) {
            return;
        }
        if (rules.length === 0) {
            report("rules is empty; at least one rule must replicate the state.");
        }
        rules.forEach((rule, i) => {
            const prefixed = (m: string) => report(`rules[${i}].${m}`);
            expectValue(rule, "status", "Enabled", prefixed);
            expectValue(rule, "sourceSelectionCriteria.sseKmsEncryptedObjects.status", "Enabled", prefixed);
            expectSet(rule, "destination.encryptionConfiguration.replicaKmsKeyId", prefixed, "a KMS key in the destination region");
        });
    },
});

export const stateBucketReplicated = stackControl({
    name: "aws-s3-cross-region-replication",
    controlId: "AWS FSBP S3.7",
    requirement: "Every state bucket (not the log bucket, not the replica itself) replicates to a bucket in another region.",
    remedy: "add a BucketReplicationConfig for the state bucket (and a replica bucket with versioning in another region), or accept the advisory.",
    enforcementLevel: "advisory",
    subjectTypes: [AwsTypes.Bucket],
    validate: (resources, report) => {
        const primaries: PolicyResource[] = bucketsWithRole(resources, "state");
        for (const bucket of uncoveredTargets(primaries, resources, attachedBy(AwsTypes.Replication))) {
            report(`state bucket ${bucket.name} has no BucketReplicationConfig.`, bucket);
        }
    },
});

export const replicationControls: Control[] = [replicationEncrypted, stateBucketReplicated];
