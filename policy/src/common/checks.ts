// Small checks shared by the resource policies, so every violation message reads the same way:
// "<path> is <actual>; it must be <expected>."
import { ResourceValidationArgs } from "@pulumi/policy";
import { Report } from "./control";
import { isUnknown, read, sameText, show } from "./props";

type Scalar = string | number | boolean;

function matches(actual: unknown, expected: Scalar): boolean {
    return typeof expected === "string" ? sameText(actual, expected) : actual === expected;
}

/**
 * The property must equal one of `expected` (strings compare case-insensitively: Azure enums are
 * case-insensitive and no AWS value here differs only by case). Unknown during a preview: skipped,
 * the engine checks the resource again with known inputs before it creates it.
 */
export function expectValue(props: unknown, path: string, expected: Scalar | Scalar[], report: Report): boolean {
    const actual = read(props, path);
    if (isUnknown(actual)) {
        return true;
    }
    const allowed = Array.isArray(expected) ? expected : [expected];
    if (allowed.some((e) => matches(actual, e))) {
        return true;
    }
    const wanted = allowed.length === 1 ? JSON.stringify(allowed[0]) : `one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`;
    report(`${path} is ${show(actual)}; it must be ${wanted}.`);
    return false;
}

/** A switch that must not be on: unset means the service's default, off. */
export function expectNotTrue(props: unknown, path: string, report: Report, why?: string): boolean {
    if (read(props, path) !== true) {
        return true;
    }
    report(`${path} is true; it must be unset or false${why ? ` (${why})` : ""}.`);
    return false;
}

/** The property must be set (a known non-empty string, or unknown: an output of another resource). */
export function expectSet(props: unknown, path: string, report: Report, why?: string): boolean {
    const actual = read(props, path);
    if (isUnknown(actual) || (typeof actual === "string" && actual.trim() !== "")) {
        return true;
    }
    report(`${path} is ${show(actual)}; it must be set${why ? ` (${why})` : ""}.`);
    return false;
}

/** A number (or numeric string, as some providers type integers) compared to a bound. */
export function asNumber(value: unknown): number | undefined {
    if (typeof value === "number") {
        return value;
    }
    if (typeof value === "string" && value.trim() !== "" && !isUnknown(value) && Number.isFinite(Number(value))) {
        return Number(value);
    }
    return undefined;
}

/**
 * The number at `path` is at least `minimum`. `whenUnset` is what the provider applies when the property is left
 * out; without it an unset property fails.
 */
export function expectAtLeast(props: unknown, path: string, minimum: number, report: Report, whenUnset?: number): boolean {
    const actual = read(props, path);
    if (isUnknown(actual)) {
        return true;
    }
    const n = actual === undefined ? whenUnset : asNumber(actual);
    if (n !== undefined && n >= minimum) {
        return true;
    }
    report(`${path} is ${show(actual)}; it must be at least ${minimum}.`);
    return false;
}

/** The resource carries Pulumi's protect option. */
export function expectProtected(args: ResourceValidationArgs, report: Report): void {
    if (args.opts?.protect !== true) {
        report(`${args.type} ${args.name} is not protected; set protect: true.`);
    }
}
