// Every control of the pack, in the order the compliance report lists them. The pack entry point
// (index.ts), the evaluator and the report all read this one list. Each module is named after the class of the
// Java program that declares what it checks (azure/Account.java: azure/account.ts), but for stack.ts (relations
// across a store's resources) and aws/protection.ts (the protect option, which AwsScope sets).
import { accessControls as awsAccessControls } from "./aws/access";
import { bucketPoliciesControls } from "./aws/bucketPolicies";
import { hardenedBucketControls } from "./aws/hardenedBucket";
import { kmsControls } from "./aws/kms";
import { lifecycleControls } from "./aws/lifecycle";
import { loggingControls } from "./aws/logging";
import { awsProtectionControls } from "./aws/protection";
import { replicationControls } from "./aws/replication";
import { awsStackControls } from "./aws/stack";
import { accessControls as azureAccessControls } from "./azure/access";
import { accountControls } from "./azure/account";
import { backupControls } from "./azure/backup";
import { blobDataProtectionControls } from "./azure/blobDataProtection";
import { diagnosticsControls } from "./azure/diagnostics";
import { encryptionControls } from "./azure/encryption";
import { keyVaultKeysControls } from "./azure/keyVaultKeys";
import { networkControls } from "./azure/network";
import { protectionControls as azureProtectionControls } from "./azure/protection";
import { stateContainerControls } from "./azure/stateContainer";
import { exampleIdControls } from "./common/examples";
import { resourceTypeControls } from "./common/resourceTypes";
import { Control } from "./common/control";

export const azureControls: Control[] = [
    ...accountControls,
    ...blobDataProtectionControls,
    ...stateContainerControls,
    ...encryptionControls,
    ...keyVaultKeysControls,
    ...networkControls,
    ...diagnosticsControls,
    ...azureProtectionControls,
    ...azureAccessControls,
    ...backupControls,
];

export const awsControls: Control[] = [
    ...hardenedBucketControls,
    ...bucketPoliciesControls,
    ...lifecycleControls,
    ...loggingControls,
    ...kmsControls,
    ...awsAccessControls,
    ...replicationControls,
    ...awsProtectionControls,
    ...awsStackControls,
];

export const allControls: Control[] = [...azureControls, ...awsControls, ...exampleIdControls, ...resourceTypeControls];
