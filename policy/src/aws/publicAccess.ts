// Public access: the bucket-level block (S3.8) and disabled ACLs (S3.12). The account-level block
// (S3.1) is an account setting outside this program; it is expected to be on as well.
import { expectValue } from "../common/checks";
import { Control, resourceControl } from "../common/control";
import { AwsTypes } from "./types";

export const PUBLIC_ACCESS_BLOCK_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

export const publicAccessBlock = resourceControl({
    name: "aws-s3-public-access-block",
    controlId: "AWS FSBP S3.8 (bucket level; S3.1 is the account-level block)",
    requirement: "All four S3 Block Public Access settings are on for the bucket.",
    remedy: "set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets to true.",
    resourceType: AwsTypes.PublicAccessBlock,
    validate: (props, report) => {
        for (const flag of PUBLIC_ACCESS_BLOCK_FLAGS) {
            expectValue(props, flag, true, report);
        }
    },
});

export const aclsDisabled = resourceControl({
    name: "aws-s3-acls-disabled",
    controlId: "AWS FSBP S3.12",
    requirement: "Object ownership is BucketOwnerEnforced, which disables ACLs: only policies grant access.",
    remedy: "set rule.objectOwnership: \"BucketOwnerEnforced\".",
    resourceType: AwsTypes.OwnershipControls,
    validate: (props, report) => {
        expectValue(props, "rule.objectOwnership", "BucketOwnerEnforced", report);
    },
});

export const publicAccessControls: Control[] = [publicAccessBlock, aclsDisabled];
