// The engine's own account of a policy run: the event log a real `pulumi up` writes with
// `--event-log <file>` (one JSON event per line). It holds every resource the engine registered, and for each
// resource the pack's passed and failed resource policies, the passed and failed stack policies, and every
// violation with its message and enforcement level. This file turns that log into the same verdicts the offline
// evaluator gives, so one report renders both and a test can hold them side by side.
import { EnforcementLevel, PolicyPackConfig } from "@pulumi/policy";
import { allControls } from "../registry";
import { assertValidPackConfig, enforcementLevelFor, settingsFor } from "./config";
import { Control, isAboutTheStack, isStackPolicy } from "./control";
import { Verdict } from "./evaluate";
import { RecordsFile, ResourceRecord, toStackArgs } from "./records";

interface PolicySummary {
    passed?: string[];
    failed?: string[];
}

interface PolicyViolation {
    resourceUrn?: string;
    message: string;
    policyName: string;
    enforcementLevel: string;
}

interface StepState {
    urn: string;
    type: string;
    custom?: boolean;
    parent?: string;
    protect?: boolean;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
}

interface StepEvent {
    metadata: { new?: StepState | null; old?: StepState | null };
}

interface EngineEvent {
    resourcePreEvent?: StepEvent;
    resOutputsEvent?: StepEvent;
    policyAnalyzeSummaryEvent?: PolicySummary & { resourceUrn: string };
    policyAnalyzeStackSummaryEvent?: PolicySummary;
    policyEvent?: PolicyViolation;
}

export interface EngineLog {
    file: RecordsFile;
    resourceSummaries: Map<string, PolicySummary>;
    stackSummary: PolicySummary | undefined;
    violations: PolicyViolation[];
}

/** The name part of a URN: everything after its last "::". */
function nameOf(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}

/** Reads an event log; throws naming the line that is not a JSON event. */
export function parseEngineLog(text: string, source = "event log"): EngineLog {
    const events: EngineEvent[] = text.split("\n").filter((line) => line.trim() !== "").map((line, i) => {
        try {
            return JSON.parse(line) as EngineEvent;
        } catch (e) {
            throw new Error(`${source} line ${i + 1} is not a JSON event: ${(e as Error).message}`);
        }
    });
    const states = new Map<string, StepState>();
    const resourceSummaries = new Map<string, PolicySummary>();
    let stackSummary: PolicySummary | undefined;
    const violations: PolicyViolation[] = [];
    for (const event of events) {
        for (const step of [event.resourcePreEvent, event.resOutputsEvent]) {
            const state = step?.metadata.new ?? step?.metadata.old;
            if (state) {
                states.set(state.urn, { ...states.get(state.urn), ...state, inputs: state.inputs ?? states.get(state.urn)?.inputs });
            }
        }
        if (event.policyAnalyzeSummaryEvent) {
            resourceSummaries.set(event.policyAnalyzeSummaryEvent.resourceUrn, event.policyAnalyzeSummaryEvent);
        }
        stackSummary = event.policyAnalyzeStackSummaryEvent ?? stackSummary;
        if (event.policyEvent) {
            violations.push(event.policyEvent);
        }
    }
    if (states.size === 0 || resourceSummaries.size === 0) {
        throw new Error(`${source} holds no resources or no policy summaries: was the pack passed with --policy-pack?`);
    }
    const [stack, project] = [...states.keys()][0].replace(/^urn:pulumi:/, "").split("::");
    const resources: ResourceRecord[] = [...states.values()].map((s) => ({
        type: s.type,
        name: nameOf(s.urn),
        urn: s.urn,
        inputs: s.inputs ?? {},
        outputs: s.outputs ?? {},
        parent: s.parent || undefined,
        protect: s.protect === true,
    }));
    return {
        file: { project, stack, resources },
        resourceSummaries,
        stackSummary,
        violations,
    };
}

/** The violation's own words: the engine prefixes them with the policy's description on a line of its own. */
function violationText(message: string): string {
    const lines = message.trim().split("\n");
    return (lines.length > 1 ? lines.slice(1) : lines).join(" ").trim();
}

function levelOf(level: string): EnforcementLevel {
    return level === "mandatory" ? "mandatory" : "advisory";
}

/**
 * One verdict per policy and resource, from the engine's log: a policy's verdict on a resource of its types is the
 * engine's pass or fail for that resource (stack policies: for the stack, with each violation on the resource it
 * names). On resources of other types the engine passes a resource policy or finds it not applicable; like the
 * offline evaluator, the verdicts list only the resources of the policy's types, and a policy about the stack as a
 * whole has one verdict for the stack while it holds. A pass the pack's documented exceptions cover is an exception,
 * as offline.
 */
export function verdictsFromEngine(log: EngineLog, packConfig: PolicyPackConfig = {}, controls: readonly Control[] = allControls): Verdict[] {
    assertValidPackConfig(packConfig, "policy pack config");
    const verdicts: Verdict[] = [];
    for (const control of controls) {
        const name = control.policy.name;
        const level = enforcementLevelFor(packConfig, control);
        const base = { policy: name, controlId: control.controlId, requirement: control.requirement, description: control.policy.description };
        if (level === "disabled") {
            verdicts.push({ ...base, enforcementLevel: level, resource: null, resourceType: null, status: "disabled", violated: false, message: "disabled by the pack config" });
            continue;
        }
        const enforcementLevel: EnforcementLevel = level === "remediate" ? "mandatory" : level;
        const typed = log.file.resources.filter((r) => control.resourceTypes.includes(r.type));
        const aboutTheStack = isAboutTheStack(control);
        if (typed.length === 0 && !aboutTheStack) {
            verdicts.push({ ...base, enforcementLevel, resource: null, resourceType: null, status: "not-applicable", violated: false, message: `no ${control.resourceTypes.join(" or ")} in the stack` });
            continue;
        }
        const exceptions = control.exceptionsIn?.(toStackArgs(log.file, settingsFor(packConfig, control)).resources) ?? new Map();
        const ownViolations = log.violations.filter((v) => v.policyName === name);
        const stackPolicy = isStackPolicy(control.policy);
        for (const record of typed) {
            const about = { resource: record.name, resourceType: record.type };
            const summary = stackPolicy ? log.stackSummary : log.resourceSummaries.get(record.urn!);
            const found = ownViolations.filter((v) => v.resourceUrn === record.urn);
            if (found.length > 0) {
                found.forEach((v) => verdicts.push({ ...base, enforcementLevel: levelOf(v.enforcementLevel), ...about, status: "fail", violated: true, message: violationText(v.message) }));
            } else if (summary?.passed?.includes(name) || (stackPolicy && summary?.failed?.includes(name))) {
                const exception = exceptions.get(record.urn!);
                verdicts.push(exception
                    ? { ...base, enforcementLevel, ...about, status: "exception", violated: false, message: exception.reason, cause: exception.cause }
                    : { ...base, enforcementLevel, ...about, status: "pass", violated: false, message: "" });
            } else {
                verdicts.push({ ...base, enforcementLevel: "advisory", ...about, status: "unknown", violated: false, message: "the engine's log has no verdict for this resource" });
            }
        }
        for (const v of ownViolations.filter((v) => !typed.some((r) => r.urn === v.resourceUrn))) {
            const record = log.file.resources.find((r) => r.urn === v.resourceUrn);
            verdicts.push({ ...base, enforcementLevel: levelOf(v.enforcementLevel), resource: record?.name ?? null, resourceType: record?.type ?? null, status: "fail", violated: true, message: violationText(v.message) });
        }
        if (aboutTheStack && ownViolations.length === 0) {
            const about = { resource: null, resourceType: null };
            verdicts.push(log.stackSummary?.passed?.includes(name)
                ? { ...base, enforcementLevel, ...about, status: "pass", violated: false, message: "" }
                : { ...base, enforcementLevel: "advisory", ...about, status: "unknown", violated: false, message: "the engine's log has no verdict for the stack" });
        }
    }
    return verdicts;
}
