// Break cases for the resource-type guard: see testBreakCases in ../helpers.ts.
import * as resourceTypes from "../../src/common/resourceTypes";
import { BreakCase } from "../helpers";

export const cases: BreakCase[] = [
    {
        control: resourceTypes.onlyCheckedResourceTypes,
        breaks: "a storage account of a pinned API version, open to anonymous reads",
        mutate: (f) => void f.resources.push({ type: "azure-native:storage/v20230101:StorageAccount", name: "shadow-account", inputs: { accountName: "stshadow", allowBlobPublicAccess: true, publicNetworkAccess: "Enabled" } }),
        resource: "shadow-account",
        message: /azure-native:storage\/v20230101:StorageAccount, a type this pack does not check/,
    },
    {
        control: resourceTypes.onlyCheckedResourceTypes,
        breaks: "a legacy S3 bucket that may be force-destroyed",
        mutate: (f) => void f.resources.push({ type: "aws:s3/bucket:Bucket", name: "legacy-bucket", inputs: { bucket: "legacy", forceDestroy: true, acl: "public-read" } }),
        resource: "legacy-bucket",
    },
    {
        control: resourceTypes.onlyCheckedResourceTypes,
        breaks: "a key policy attached apart from the key",
        mutate: (f) => void f.resources.push({ type: "aws:kms/keyPolicy:KeyPolicy", name: "open-key-policy", inputs: { keyId: "k", policy: "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}" } }),
        resource: "open-key-policy",
    },
];
