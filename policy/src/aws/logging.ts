// Server access logging: every request against the state bucket is recorded in the log bucket.
import { expectSet } from "../common/checks";
import { Control, resourceControl } from "../common/control";
import { AwsTypes } from "./types";

export const accessLogging = resourceControl({
    name: "aws-s3-access-logging",
    controlId: "AWS FSBP S3.9",
    requirement: "Server access logs of the bucket are delivered to a log bucket.",
    remedy: "set targetBucket (and a targetPrefix) on the BucketLoggingV2.",
    resourceType: AwsTypes.Logging,
    validate: (props, report) => {
        expectSet(props, "targetBucket", report);
    },
});

export const loggingControls: Control[] = [accessLogging];
