// Test helpers: run any control (resource or stack policy) over hand-built records and look at the
// violations. The same evaluator runs the pack over the Java program's recorded resources.
import * as assert from "node:assert/strict";
import { test } from "node:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { PolicyPackConfig } from "@pulumi/policy";
import { Control } from "../src/common/control";
import { evaluate, Verdict, Violation, violationsOf } from "../src/common/evaluate";
import { RecordsFile, ResourceRecord } from "../src/common/records";

export type TestRecord = ResourceRecord;

export function recordsFile(resources: TestRecord[], stack = "test"): RecordsFile {
    return { project: "state-backend", stack, resources };
}

/** Verdicts of `controls` over `resources` (a records file or a plain list). */
export function verdicts(controls: Control | Control[], resources: TestRecord[] | RecordsFile, packConfig: PolicyPackConfig = {}): Verdict[] {
    const file = Array.isArray(resources) ? recordsFile(resources) : resources;
    return evaluate(file, packConfig, Array.isArray(controls) ? controls : [controls]);
}

/** Violations `{ policyName, message, resourceName }` of `controls` over `resources`. */
export function run(controls: Control | Control[], resources: TestRecord[] | RecordsFile, packConfig: PolicyPackConfig = {}): Violation[] {
    return violationsOf(verdicts(controls, resources, packConfig));
}

export function assertPasses(controls: Control | Control[], resources: TestRecord[] | RecordsFile, packConfig: PolicyPackConfig = {}): void {
    assert.deepEqual(run(controls, resources, packConfig), []);
}

/**
 * Asserts that exactly `control` fired (and nothing else in `controls`), on `resourceName` if given,
 * with a message matching `message` if given. Returns the violations for further checks.
 */
export function assertFires(
    control: Control,
    resources: TestRecord[] | RecordsFile,
    expected: { resource?: string; message?: RegExp; packConfig?: PolicyPackConfig; alongside?: Control[]; alsoFires?: Control[] } = {},
): Violation[] {
    const all = run([control, ...(expected.alongside ?? [])], resources, expected.packConfig ?? {});
    const fired = [...new Set(all.map((v) => v.policyName))].sort();
    const wanted = [control, ...(expected.alsoFires ?? [])].map((c) => c.policy.name).sort();
    assert.deepEqual(fired, wanted, `expected exactly ${wanted.join(", ")} to fire`);
    const violations = all.filter((v) => v.policyName === control.policy.name);
    if (expected.resource !== undefined) {
        assert.ok(
            violations.every((v) => v.resourceName === expected.resource),
            `expected violations on ${expected.resource}, got ${JSON.stringify(violations)}`,
        );
    }
    if (expected.message) {
        assert.ok(
            violations.some((v) => expected.message!.test(v.message)),
            `no message matched ${expected.message}: ${JSON.stringify(violations.map((v) => v.message))}`,
        );
    }
    return violations;
}

/** The policy/ directory, found from the compiled test's location. */
export function policyRoot(): string {
    let dir = __dirname;
    while (!fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) {
        const parent = path.dirname(dir);
        if (parent === dir) {
            throw new Error(`PulumiPolicy.yaml not found above ${__dirname}`);
        }
        dir = parent;
    }
    return dir;
}

/** The engine's sentinel for a value not known until the update. */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A policy pack config file of this directory, e.g. config/prod.json. */
export function loadPackConfig(stack: string): PolicyPackConfig {
    return JSON.parse(fs.readFileSync(path.join(policyRoot(), "config", `${stack}.json`), "utf8")) as PolicyPackConfig;
}

export interface BreakCase {
    /** The control that must fire, alone. */
    control: Control;
    /** What is broken, as the test name says it. */
    breaks: string;
    /** Changes a fresh copy of the compliant fixture (returns a new file when it removes records). */
    mutate(file: RecordsFile): RecordsFile | void;
    /** The resource the violation is about. */
    resource?: string;
    /** Other controls the same break rightly trips (e.g. a resource policy and its stack twin). */
    alsoFires?: Control[];
    message?: RegExp;
    packConfig?: PolicyPackConfig;
}

/**
 * For each case, one test: the control passes on the compliant fixture, and after the mutation it,
 * and no other policy of the pack, reports a violation.
 */
export function testBreakCases(fixture: () => RecordsFile, all: readonly Control[], cases: BreakCase[]): void {
    for (const c of cases) {
        test(`${c.control.policy.name} fires when ${c.breaks}`, () => {
            assertPasses(c.control, fixture(), c.packConfig);
            const file = fixture();
            const broken = c.mutate(file) ?? file;
            assertFires(c.control, broken, {
                resource: c.resource,
                message: c.message,
                packConfig: c.packConfig,
                alsoFires: c.alsoFires,
                alongside: all.filter((other) => other !== c.control),
            });
        });
    }
}
