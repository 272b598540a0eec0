// A control is one policy plus what a compliance report needs to show about it: the benchmark id and
// the requirement in a sentence. Policies are built through `resourceControl` and `stackControl` so
// every one of them gets the same description shape, the same config handling and the same way of
// matching resource types (by type token: the Java program's resources are not @pulumi/azure-native
// classes, so `validateResourceOfType` cannot be used).
import {
    EnforcementLevel,
    PolicyResource,
    ResourceValidation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

/**
 * Why a control holds on a resource only by a documented exception, and the setting (or fixed design choice) that
 * causes it. The engine sees no difference (an exception is not a violation); the compliance report shows it.
 */
export interface ControlException {
    reason: string;
    cause: string;
}

export interface Control {
    readonly policy: ResourceValidationPolicy | StackValidationPolicy;
    /** Benchmark id(s), e.g. "CIS Azure v5 9.3.4" or "AWS FSBP S3.5". */
    readonly controlId: string;
    /** The requirement in one sentence, as the report shows it. */
    readonly requirement: string;
    /**
     * The resource types a verdict is about (for a stack policy: the resources it reports on; none for a policy about
     * the stack as a whole, see `isAboutTheStack`).
     */
    readonly resourceTypes: readonly string[];
    /** The resources on which the control holds only by a documented exception, by URN. */
    readonly exceptionsIn?: (resources: PolicyResource[]) => Map<string, ControlException>;
}

export type ConfigProperties = Record<string, PolicyConfigJSONSchema>;

export interface ControlSpec {
    /** Policy name, unique in the pack. */
    name: string;
    controlId: string;
    requirement: string;
    /** What to change in the program when the policy fires. */
    remedy: string;
    /** Defaults to mandatory. */
    enforcementLevel?: EnforcementLevel;
    /** Thresholds the pack config may set; each property must carry a default. */
    config?: ConfigProperties;
    /** The resources of a stack on which the control holds only by a documented exception. */
    exceptions?(resources: PolicyResource[]): Array<[PolicyResource, ControlException]>;
}

export type Report = (message: string) => void;
export type StackReport = (message: string, resource?: PolicyResource) => void;

export interface ResourceControlSpec<C> extends ControlSpec {
    /** The type token(s) the policy checks. */
    resourceType: string | string[];
    validate(props: Record<string, unknown>, report: Report, config: C, args: ResourceValidationArgs): void;
}

export interface StackControlSpec<C> extends ControlSpec {
    /**
     * The resource types this stack policy gives a verdict on (e.g. every StorageAccount); none when its verdict is
     * about the stack as a whole.
     */
    subjectTypes: string[];
    validate(resources: PolicyResource[], report: StackReport, config: C, args: StackValidationArgs): void;
}

export function describe(spec: ControlSpec): string {
    return `${spec.controlId}: ${spec.requirement} Remedy: ${spec.remedy}`;
}

/** The defaults declared in a config schema. */
export function configDefaults(properties: ConfigProperties | undefined): Record<string, unknown> {
    const defaults: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(properties ?? {})) {
        if (schema.default !== undefined) {
            defaults[key] = schema.default;
        }
    }
    return defaults;
}

// The engine validates policy config against the schema, but a pack run without any config gets {}:
// the defaults are applied here so a policy never sees a missing threshold.
function configOf<C>(spec: ControlSpec, given: object): C {
    return { ...configDefaults(spec.config), ...given } as C;
}

function basePolicy(spec: ControlSpec) {
    return {
        name: spec.name,
        description: describe(spec),
        enforcementLevel: spec.enforcementLevel ?? "mandatory",
        remediationSteps: spec.remedy,
        ...(spec.config ? { configSchema: { properties: spec.config } } : {}),
    };
}

function exceptionsOf(spec: ControlSpec): Control["exceptionsIn"] {
    const exceptions = spec.exceptions;
    return exceptions && ((resources) => new Map(exceptions(resources).map(([resource, exception]) => [resource.urn, exception])));
}

export function resourceControl<C = Record<string, never>>(spec: ResourceControlSpec<C>): Control {
    const types = Array.isArray(spec.resourceType) ? spec.resourceType : [spec.resourceType];
    const validateResource: ResourceValidation = (args, reportViolation) => {
        if (!types.includes(args.type)) {
            return;
        }
        spec.validate(args.props, (message) => reportViolation(message), configOf<C>(spec, args.getConfig()), args);
    };
    const policy: ResourceValidationPolicy = {
        ...basePolicy(spec),
        validateResource: types.length === 1 ? namingItsType(validateResource, types[0]) : validateResource,
    };
    return { policy, controlId: spec.controlId, requirement: spec.requirement, resourceTypes: types, exceptionsIn: exceptionsOf(spec) };
}

/**
 * The analyzer passes every resource to every resource policy, deserialising the resource's properties once per
 * policy, unless the policy's function names the one type it checks (the `__pulumiType` that `validateResourceOfType`
 * reads from a @pulumi/* resource class): then it answers "not applicable" for other types without deserialising.
 * With some fifty policies and a resource of one of their types at a time, that is most of the pack's time.
 */
function namingItsType(validate: ResourceValidation, type: string): ResourceValidation {
    return Object.assign(validate, { __pulumiType: type });
}

export function stackControl<C = Record<string, never>>(spec: StackControlSpec<C>): Control {
    const policy: StackValidationPolicy = {
        ...basePolicy(spec),
        validateStack: (args, reportViolation) => {
            const report: StackReport = (message, resource) => reportViolation(message, resource?.urn);
            spec.validate(args.resources, report, configOf<C>(spec, args.getConfig()), args);
        },
    };
    return { policy, controlId: spec.controlId, requirement: spec.requirement, resourceTypes: spec.subjectTypes, exceptionsIn: exceptionsOf(spec) };
}

export function isStackPolicy(policy: Control["policy"]): policy is StackValidationPolicy {
    return "validateStack" in policy && typeof policy.validateStack === "function";
}

/**
 * A stack policy with no subject types: it holds for the stack as a whole, so it gets one verdict for the stack while
 * it holds and one per resource it names when it fails, rather than a pass row for every resource it looked at.
 */
export function isAboutTheStack(control: Control): boolean {
    return isStackPolicy(control.policy) && control.resourceTypes.length === 0;
}

export function ofType(resources: readonly PolicyResource[], type: string): PolicyResource[] {
    return resources.filter((r) => r.type === type);
}
