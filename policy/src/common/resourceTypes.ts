// The pack checks resources by their exact type token. A resource of another token that the same provider serves (a
// pinned API version such as azure-native:storage/v20230101:StorageAccount, the legacy aws:s3/bucket:Bucket, or a
// type that carries a policy of its own such as aws:kms/keyPolicy:KeyPolicy or aws:iam/userPolicy:UserPolicy) would
// pass every check unread. This stack holds the state backend alone, so it may declare only the types the program
// declares, which are the types the pack checks.
import { AwsTypes } from "../aws/types";
import { AzureTypes } from "../azure/types";
import { Control, stackControl } from "./control";

const CHECKED = new Set<string>([...Object.values(AzureTypes), ...Object.values(AwsTypes)]);
const GOVERNED_PROVIDERS = ["azure-native:", "aws:"];

export const onlyCheckedResourceTypes = stackControl({
    name: "state-backend-only-checked-resource-types",
    controlId: "Baseline: every resource is of a type the pack checks",
    requirement:
        "Every azure-native and aws resource of the stack is of a type the program declares and this pack checks: no pinned API version, legacy type or separately attached policy that the pack's checks would not read.",
    remedy: "declare the resource with the type the program uses (the provider's default API version), or add the new type to the program and to the pack together.",
    // What holds is a property of the stack (no resource of an unchecked type), so a pass is the stack's; a failure names
    // the resource.
    subjectTypes: [],
    validate: (resources, report) => {
        for (const resource of resources) {
            if (GOVERNED_PROVIDERS.some((p) => resource.type.startsWith(p)) && !CHECKED.has(resource.type)) {
                report(`${resource.name} is a ${resource.type}, a type this pack does not check; its settings would bypass every control.`, resource);
            }
        }
    },
});

export const resourceTypeControls: Control[] = [onlyCheckedResourceTypes];
