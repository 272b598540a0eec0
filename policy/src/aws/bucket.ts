// The bucket itself and its versioning.
import { expectValue } from "../common/checks";
import { Control, resourceControl } from "../common/control";
import { read } from "../common/props";
import { AwsTypes } from "./types";

export const bucketNoForceDestroy = resourceControl({
    name: "aws-s3-no-force-destroy",
    controlId: "Baseline: state retention (supports AWS FSBP S3.14)",
    requirement: "Deleting the bucket resource never empties it first: forceDestroy would erase every state file and version.",
    remedy: "leave forceDestroy unset or false.",
    resourceType: AwsTypes.Bucket,
    validate: (props, report) => {
        if (read(props, "forceDestroy") === true) {
            report("forceDestroy is true; it must be unset or false.");
        }
    },
});

export const bucketVersioning = resourceControl({
    name: "aws-s3-versioning-enabled",
    controlId: "AWS FSBP S3.14",
    requirement: "Bucket versioning keeps every previous version of the state files.",
    remedy: "set versioningConfiguration.status: \"Enabled\" on the BucketVersioningV2.",
    resourceType: AwsTypes.Versioning,
    validate: (props, report) => {
        expectValue(props, "versioningConfiguration.status", "Enabled", report);
    },
});

export const bucketControls: Control[] = [bucketNoForceDestroy, bucketVersioning];
