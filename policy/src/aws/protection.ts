// Pulumi's protect option on the resources that hold or unlock state. Dev stacks may relax it (the
// pack config there sets this policy to advisory); prod may not.
import { expectProtected } from "../common/checks";
import { Control, resourceControl } from "../common/control";
import { AwsTypes } from "./types";

export const awsStateResourcesProtected = resourceControl({
    name: "aws-state-resources-protected",
    controlId: "Baseline: deletion guard in the program (supports AWS FSBP S3.14, KMS.3)",
    requirement: "The state buckets and the KMS key carry Pulumi's protect option, so `pulumi destroy` or a refactor cannot delete them.",
    remedy: "pass CustomResourceOptions.protect(true) to these resources.",
    resourceType: [AwsTypes.Bucket, AwsTypes.KmsKey],
    validate: (_props, report, _config, args) => expectProtected(args, report),
});

export const awsProtectionControls: Control[] = [awsStateResourcesProtected];
