// Ids that documentation and the stack files use as examples and that no real tenant, subscription or account has:
// a deployed placeholder is a grant to nobody, and a stack that will fail at the first cloud call. The same rules
// as the program's settings (ExampleValues.java), stated again here as the pack states every control.
import { accountOf } from "./arn";
import { Control, resourceControl } from "./control";
import { isUnknown, read } from "./props";
import { principalsOf, Statement, statementLabel, withStatements } from "./policyDocument";
import { AzureTypes } from "../azure/types";
import { AwsTypes } from "../aws/types";
import { DocumentationAccounts } from "./thresholds";

const DOCUMENTATION_ACCOUNTS = new Set(DocumentationAccounts);

/** A GUID of one repeated digit (00000000-…, 11111111-…) or counting up (12345678-1234-…). */
export function isExampleGuid(guid: string): boolean {
    const digits = guid.replace(/-/g, "").toLowerCase();
    return new Set(digits).size === 1 || digits.startsWith("123456781234");
}

/** An account id of one repeated digit, or one the AWS documentation uses. */
export function isExampleAccount(account: string): boolean {
    return new Set(account).size === 1 || DOCUMENTATION_ACCOUNTS.has(account);
}

const CONTROL_ID = "Baseline: no example id deployed";

export const azurePrincipalNotAnExample = resourceControl({
    name: "azure-role-assignment-principal-not-an-example",
    controlId: CONTROL_ID,
    requirement: "No role is assigned to an example object id (one repeated digit, or counting up).",
    remedy: "put the Entra object ids of the real state users in azureStateUserObjectIds.",
    resourceType: AzureTypes.RoleAssignment,
    validate: (props, report) => {
        const principal = read(props, "principalId");
        if (!isUnknown(principal) && typeof principal === "string" && isExampleGuid(principal)) {
            report(`principalId ${principal} is an example object id, not a real identity.`);
        }
    },
});

function reportExampleAccounts(statements: Statement[], report: (message: string) => void): void {
    for (const statement of statements) {
        for (const principal of principalsOf(statement)) {
            const account = accountOf(principal);
            if (account && isExampleAccount(account)) {
                report(`statement ${statementLabel(statement)} names ${principal}, in the example account ${account}.`);
            }
        }
    }
}

export const bucketPolicyPrincipalsNotExamples = resourceControl({
    name: "aws-bucket-policy-principals-not-examples",
    controlId: CONTROL_ID,
    requirement: "The bucket policy names no principal in an example account (one repeated digit, or one from the AWS documentation).",
    remedy: "put the ARNs of the real state users' roles in awsStatePrincipalArns.",
    resourceType: AwsTypes.BucketPolicy,
    validate: (props, report) => withStatements(props, report, (statements) => reportExampleAccounts(statements, report)),
});

export const keyPolicyPrincipalsNotExamples = resourceControl({
    name: "aws-key-policy-principals-not-examples",
    controlId: CONTROL_ID,
    requirement: "No key policy names a principal in an example account (one repeated digit, or one from the AWS documentation).",
    remedy: "put the ARNs of the real state users' roles in awsStatePrincipalArns.",
    resourceType: AwsTypes.KmsKey,
    validate: (props, report) => withStatements(props, report, (statements) => reportExampleAccounts(statements, report)),
});

export const exampleIdControls: Control[] = [azurePrincipalNotAnExample, bucketPolicyPrincipalsNotExamples, keyPolicyPrincipalsNotExamples];
