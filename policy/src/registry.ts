// Every control of the pack, in the order the compliance report lists them. The pack entry point
// (index.ts), the evaluator and the report all read this one list.
import { bucketControls } from "./aws/bucket";
import { bucketPolicyControls } from "./aws/bucketPolicy";
import { encryptionControls } from "./aws/encryption";
import { iamControls } from "./aws/iam";
import { kmsControls } from "./aws/kms";
import { lifecycleControls as awsLifecycleControls } from "./aws/lifecycle";
import { loggingControls } from "./aws/logging";
import { awsProtectionControls } from "./aws/protection";
import { publicAccessControls } from "./aws/publicAccess";
import { replicationControls } from "./aws/replication";
import { awsStackControls } from "./aws/stack";
import { accessControls } from "./azure/access";
import { backupControls } from "./azure/backup";
import { blobServiceControls } from "./azure/blobService";
import { containerControls } from "./azure/container";
import { diagnosticsControls } from "./azure/diagnostics";
import { keyVaultControls } from "./azure/keyVault";
import { lifecycleControls as azureLifecycleControls } from "./azure/lifecycle";
import { networkControls } from "./azure/network";
import { protectionControls as azureProtectionControls } from "./azure/protection";
import { storageAccountControls } from "./azure/storageAccount";
import { exampleIdControls } from "./common/examples";
import { Control } from "./common/control";

export const azureControls: Control[] = [
    ...storageAccountControls,
    ...blobServiceControls,
    ...containerControls,
    ...azureLifecycleControls,
    ...keyVaultControls,
    ...networkControls,
    ...diagnosticsControls,
    ...azureProtectionControls,
    ...accessControls,
    ...backupControls,
];

export const awsControls: Control[] = [
    ...bucketControls,
    ...encryptionControls,
    ...publicAccessControls,
    ...bucketPolicyControls,
    ...awsLifecycleControls,
    ...loggingControls,
    ...kmsControls,
    ...iamControls,
    ...replicationControls,
    ...awsProtectionControls,
    ...awsStackControls,
];

export const allControls: Control[] = [...azureControls, ...awsControls, ...exampleIdControls];
