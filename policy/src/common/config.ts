// Policy pack configuration: the file given to `pulumi preview --policy-pack-config`, and to the
// evaluator and report here. Shape:
//   { "all"?: <level> | { "enforcementLevel": <level> },
//     "<policy name>": <level> | { "enforcementLevel"?: <level>, <setting>: <value>, ... } }
// The engine validates each policy's settings against its configSchema; validatePackConfig applies
// the same schemas offline (plus: no unknown policy names, no unknown settings) so a typo in a stack's
// config file fails a test with a sentence naming the key instead of being silently ignored.
import { EnforcementLevel, PolicyPackConfig } from "@pulumi/policy";
import Ajv, { ErrorObject, ValidateFunction } from "ajv";
import { allControls } from "../registry";
import { Control } from "./control";

export const ENFORCEMENT_LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

const ajv = new Ajv({ allErrors: true, strict: true });
const validators = new WeakMap<Control, ValidateFunction>();

function validatorFor(control: Control): ValidateFunction {
    let validate = validators.get(control);
    if (!validate) {
        validate = ajv.compile({
            type: "object",
            properties: { enforcementLevel: { enum: ENFORCEMENT_LEVELS }, ...(control.policy.configSchema?.properties ?? {}) },
            required: control.policy.configSchema?.required ?? [],
            additionalProperties: false,
        });
        validators.set(control, validate);
    }
    return validate;
}

function describeError(policy: string, error: ErrorObject, allowed: string[]): string {
    const where = `${policy}${error.instancePath.replace(/\//g, ".")}`;
    if (error.keyword === "additionalProperties") {
        const key = (error.params as { additionalProperty: string }).additionalProperty;
        return `${where}: unknown setting "${key}" (allowed: ${allowed.join(", ")})`;
    }
    if (error.keyword === "enum") {
        return `${where}: ${error.message} (${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)})`;
    }
    return `${where}: ${error.message}`;
}

function checkLevel(where: string, level: unknown): string[] {
    return ENFORCEMENT_LEVELS.includes(level as EnforcementLevel)
        ? []
        : [`${where}: enforcement level ${JSON.stringify(level)} is not one of ${ENFORCEMENT_LEVELS.join(", ")}`];
}

/** Problems with a pack config, one readable line each; empty when the config is valid. */
export function validatePackConfig(config: unknown, controls: readonly Control[] = allControls): string[] {
    if (config === null || typeof config !== "object" || Array.isArray(config)) {
        return ["policy pack config must be a JSON object keyed by policy name"];
    }
    const byName = new Map(controls.map((c) => [c.policy.name, c]));
    const errors: string[] = [];
    for (const [name, entry] of Object.entries(config)) {
        const control = byName.get(name);
        if (name !== "all" && !control) {
            errors.push(`${name}: unknown policy (not in the state-backend pack)`);
            continue;
        }
        if (typeof entry === "string") {
            errors.push(...checkLevel(name, entry));
            continue;
        }
        if (!control) {
            // "all" sets the level of every policy and nothing else.
            const keys = entry && typeof entry === "object" ? Object.keys(entry) : [];
            errors.push(
                ...(keys.length === 1 && keys[0] === "enforcementLevel"
                    ? checkLevel("all.enforcementLevel", entry.enforcementLevel)
                    : ['all: must be an enforcement level or { "enforcementLevel": <level> }']),
            );
            continue;
        }
        const validate = validatorFor(control);
        if (!validate(entry)) {
            const allowed = ["enforcementLevel", ...Object.keys(control.policy.configSchema?.properties ?? {})];
            errors.push(...(validate.errors ?? []).map((e) => describeError(name, e, allowed)));
        }
    }
    return errors;
}

export function assertValidPackConfig(config: unknown, source = "policy pack config", controls: readonly Control[] = allControls): PolicyPackConfig {
    const errors = validatePackConfig(config, controls);
    if (errors.length > 0) {
        throw new Error(`${source} is invalid:\n  - ${errors.join("\n  - ")}`);
    }
    return config as PolicyPackConfig;
}

/** The level a policy runs at: its own entry, else "all", else its default, else mandatory. */
export function enforcementLevelFor(packConfig: PolicyPackConfig, control: Control): EnforcementLevel {
    const levelOf = (entry: unknown): EnforcementLevel | undefined =>
        typeof entry === "string" ? (entry as EnforcementLevel) : (entry as { enforcementLevel?: EnforcementLevel } | undefined)?.enforcementLevel;
    return levelOf(packConfig[control.policy.name]) ?? levelOf(packConfig.all) ?? control.policy.enforcementLevel ?? "mandatory";
}

/** The settings a policy's getConfig() returns (as the engine does: the entry without its level). */
export function settingsFor(packConfig: PolicyPackConfig, control: Control): Record<string, unknown> {
    const entry = packConfig[control.policy.name];
    if (!entry || typeof entry === "string") {
        return {};
    }
    const { enforcementLevel: _level, ...settings } = entry;
    return settings;
}
