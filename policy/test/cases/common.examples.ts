// Break cases for the example-id policies: see testBreakCases in ../helpers.ts.
import * as examples from "../../src/common/examples";
import { Statement } from "../../src/common/policyDocument";
import { editStatements, inputsOf } from "../fixtures/stack";
import { BreakCase } from "../helpers";

export const EXAMPLE_ROLE = "arn:aws:iam::123456789012:role/pulumi-state-users";

/** Grants the state users' statements to a role in the documentation's account instead. */
const namingExampleRole = (statements: Statement[]) => {
    for (const statement of statements) {
        const aws = (statement.Principal as { AWS?: unknown } | undefined)?.AWS;
        if (Array.isArray(aws) && aws.some((p) => String(p).endsWith(":role/pulumi-state-users"))) {
            statement.Principal = { AWS: [EXAMPLE_ROLE] };
        }
    }
};

export const cases: BreakCase[] = [
    {
        control: examples.azurePrincipalNotAnExample,
        breaks: "the state users' blob role goes to an example object id",
        mutate: (f) => void (inputsOf(f, "state-users-blob-data").principalId = "11111111-1111-1111-1111-111111111111"),
        resource: "state-users-blob-data",
        message: /11111111-1111-1111-1111-111111111111 is an example object id/,
    },
    {
        control: examples.bucketPolicyPrincipalsNotExamples,
        breaks: "the bucket policy names a role in the documentation's account",
        mutate: (f) => editStatements(f, "state-bucket-policy", namingExampleRole),
        resource: "state-bucket-policy",
        message: /example account 123456789012/,
    },
    {
        control: examples.keyPolicyPrincipalsNotExamples,
        breaks: "the key policy names a role in the documentation's account",
        mutate: (f) => editStatements(f, "state-key", namingExampleRole),
        resource: "state-key",
        message: /example account 123456789012/,
    },
];
