// Runs the pack's policies over resource records, offline, the way the engine would: resource
// policies once per resource with its inputs, stack policies once with every resource; enforcement
// levels and settings from a pack config. The result is one verdict per policy and resource, which
// the tests assert on and the report prints.
import { EnforcementLevel, PolicyPackConfig, ResourceValidation } from "@pulumi/policy";
import { allControls } from "../registry";
import { assertValidPackConfig, enforcementLevelFor, settingsFor } from "./config";
import { Control, isAboutTheStack, isStackPolicy } from "./control";
import { UnknownValueError } from "./props";
import { RecordsFile, ResourceRecord, toResourceArgs, toStackArgs, urnOf } from "./records";

export type Status = "pass" | "exception" | "fail" | "not-applicable" | "disabled" | "unknown";

export interface Verdict {
    policy: string;
    controlId: string;
    requirement: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    /** Logical name of the resource the verdict is about; null for the stack as a whole. */
    resource: string | null;
    resourceType: string | null;
    status: Status;
    violated: boolean;
    message: string;
    /** For an exception: the setting or design choice that causes it. */
    cause?: string;
}

export interface Violation {
    policyName: string;
    message: string;
    resourceName: string | null;
    enforcementLevel: EnforcementLevel;
}

function ensureSync(result: unknown, policy: string): void {
    if (result && typeof (result as Promise<void>).then === "function") {
        throw new Error(`policy ${policy} returned a promise; the offline evaluator runs synchronous policies only`);
    }
}

interface Finding {
    record: ResourceRecord | null;
    message: string;
    status: "fail" | "unknown";
}

function runResourcePolicy(control: Control, file: RecordsFile, settings: Record<string, unknown>): Map<ResourceRecord, Finding[]> {
    const validations = (control.policy as { validateResource?: ResourceValidation | ResourceValidation[] }).validateResource;
    const list = Array.isArray(validations) ? validations : validations ? [validations] : [];
    const findings = new Map<ResourceRecord, Finding[]>();
    for (const record of file.resources.filter((r) => control.resourceTypes.includes(r.type))) {
        const found: Finding[] = [];
        for (const validate of list) {
            try {
                ensureSync(validate(toResourceArgs(record, file, settings), (message) => found.push({ record, message, status: "fail" })), control.policy.name);
            } catch (e) {
                if (!(e instanceof UnknownValueError)) {
                    throw e;
                }
                found.push({ record, message: `can't run during preview: ${e.message}`, status: "unknown" });
            }
        }
        findings.set(record, found);
    }
    return findings;
}

function runStackPolicy(control: Control, file: RecordsFile, settings: Record<string, unknown>): Map<ResourceRecord | null, Finding[]> {
    if (!isStackPolicy(control.policy)) {
        return new Map();
    }
    const byUrn = new Map(file.resources.map((r) => [urnOf(r, file), r]));
    const findings = new Map<ResourceRecord | null, Finding[]>();
    for (const record of file.resources.filter((r) => control.resourceTypes.includes(r.type))) {
        findings.set(record, []);
    }
    const add = (record: ResourceRecord | null, finding: Finding) => findings.set(record, [...(findings.get(record) ?? []), finding]);
    try {
        const result = control.policy.validateStack(toStackArgs(file, settings), (message, urn) => {
            const record = urn ? (byUrn.get(urn) ?? null) : null;
            add(record, { record, message, status: "fail" });
        });
        ensureSync(result, control.policy.name);
    } catch (e) {
        if (!(e instanceof UnknownValueError)) {
            throw e;
        }
        add(null, { record: null, message: `can't run during preview: ${e.message}`, status: "unknown" });
    }
    if (isAboutTheStack(control) && findings.size === 0) {
        findings.set(null, []);
    }
    return findings;
}

/** One verdict per policy and resource. Throws on an invalid pack config. */
export function evaluate(file: RecordsFile, packConfig: PolicyPackConfig = {}, controls: readonly Control[] = allControls): Verdict[] {
    // Validated against the whole pack: a stack's config names policies outside a subset under test.
    assertValidPackConfig(packConfig, "policy pack config");
    const verdicts: Verdict[] = [];
    for (const control of controls) {
        const level = enforcementLevelFor(packConfig, control);
        const base = {
            policy: control.policy.name,
            controlId: control.controlId,
            requirement: control.requirement,
            description: control.policy.description,
        };
        if (level === "disabled") {
            verdicts.push({ ...base, enforcementLevel: level, resource: null, resourceType: null, status: "disabled", violated: false, message: "disabled by the pack config" });
            continue;
        }
        // Like the engine: a violation of a "remediate" policy that still fires counts as mandatory.
        const enforcementLevel: EnforcementLevel = level === "remediate" ? "mandatory" : level;
        const settings = settingsFor(packConfig, control);
        const findings = isStackPolicy(control.policy) ? runStackPolicy(control, file, settings) : runResourcePolicy(control, file, settings);
        const exceptions = control.exceptionsIn?.(toStackArgs(file, settings).resources) ?? new Map();
        if (findings.size === 0) {
            verdicts.push({
                ...base,
                enforcementLevel,
                resource: null,
                resourceType: null,
                status: "not-applicable",
                violated: false,
                message: `no ${control.resourceTypes.join(" or ")} in the stack`,
            });
            continue;
        }
        for (const [record, found] of findings) {
            const about = { resource: record?.name ?? null, resourceType: record?.type ?? null };
            const exception = record ? exceptions.get(urnOf(record, file)) : undefined;
            if (found.length === 0 && exception) {
                verdicts.push({ ...base, enforcementLevel, ...about, status: "exception", violated: false, message: exception.reason, cause: exception.cause });
            } else if (found.length === 0) {
                verdicts.push({ ...base, enforcementLevel, ...about, status: "pass", violated: false, message: "" });
            }
            for (const f of found) {
                const unknown = f.status === "unknown";
                verdicts.push({ ...base, enforcementLevel: unknown ? "advisory" : enforcementLevel, ...about, status: f.status, violated: !unknown, message: f.message });
            }
        }
    }
    return verdicts;
}

export function violationsOf(verdicts: readonly Verdict[]): Violation[] {
    return verdicts
        .filter((v) => v.violated)
        .map((v) => ({ policyName: v.policy, message: v.message, resourceName: v.resource, enforcementLevel: v.enforcementLevel }));
}
