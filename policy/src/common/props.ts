// Reading resource properties that may be unknown during a preview.
//
// The engine hands a policy pack the resource inputs (resource policies) or outputs (stack policies)
// wrapped in a proxy that throws UnknownValueError when a value is not known yet (an output of a
// resource that has not been created). Left alone, that error turns the whole policy into an
// advisory "can't run during preview" note. Every policy therefore reads through `read`, which
// returns the UNKNOWN marker instead, so each check can decide what an unknown value means
// (usually: "set, but not checkable until the update").
import * as policyProxy from "@pulumi/policy/proxy";

// @pulumi/policy's proxy module exports these two at run time, but its typings leave them out (marked
// internal). The engine's own analyzer uses the same proxy and error, so records evaluated here behave
// alike. The module is imported on its own because the package's index loads all of @pulumi/pulumi,
// which costs every process that only evaluates policies about a second.
export const { UnknownValueError, unknownCheckingProxy } = policyProxy as unknown as {
    UnknownValueError: new (...args: never[]) => Error;
    unknownCheckingProxy: <T extends object>(props: T) => T;
};
if (typeof UnknownValueError !== "function" || typeof unknownCheckingProxy !== "function") {
    throw new Error("@pulumi/policy/proxy no longer exports UnknownValueError/unknownCheckingProxy; pin the version in package.json");
}

export const UNKNOWN: unique symbol = Symbol("unknown until the update");
export type Unknown = typeof UNKNOWN;

// The sentinels the engine uses for unknown values (@pulumi/policy proxy.ts). Records written by a
// mock engine may carry them as plain strings, outside any proxy.
export const UNKNOWN_SENTINELS: readonly string[] = [
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string (the one the engine sends for any computed value)
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
];

export function isUnknown(value: unknown): value is Unknown {
    return value === UNKNOWN || (typeof value === "string" && UNKNOWN_SENTINELS.includes(value));
}

/** Reads one property; UNKNOWN when the engine does not know it yet, undefined when absent. */
export function get(obj: unknown, key: string | number): unknown {
    if (obj === null || obj === undefined || isUnknown(obj) || typeof obj !== "object") {
        return isUnknown(obj) ? UNKNOWN : undefined;
    }
    try {
        const value = (obj as Record<string | number, unknown>)[key];
        return isUnknown(value) ? UNKNOWN : value;
    } catch (e) {
        if (e instanceof UnknownValueError) {
            return UNKNOWN;
        }
        throw e;
    }
}

/** Reads a dotted path such as "encryption.keyVaultProperties.keyName". */
export function read(obj: unknown, path: string): unknown {
    let current: unknown = obj;
    for (const key of path.split(".")) {
        current = get(current, key);
        if (current === undefined || current === UNKNOWN) {
            return current;
        }
    }
    return current;
}

/** Reads a list; absent means empty. Elements may themselves be UNKNOWN. */
export function list(obj: unknown, path?: string): unknown[] | Unknown {
    const value = path === undefined ? obj : read(obj, path);
    if (isUnknown(value)) {
        return UNKNOWN;
    }
    if (!Array.isArray(value)) {
        return value === undefined || value === null ? [] : [value];
    }
    const items: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
        items.push(get(value, i));
    }
    return items;
}

/** Azure treats enum values case-insensitively; so do the Azure checks. */
export function sameText(a: unknown, b: string): boolean {
    return typeof a === "string" && a.toLowerCase() === b.toLowerCase();
}

/** Renders a value for a violation message. */
export function show(value: unknown): string {
    if (value === undefined) {
        return "not set";
    }
    if (isUnknown(value)) {
        return "unknown";
    }
    return JSON.stringify(value);
}
