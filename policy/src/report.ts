// Compliance report of one stack, from either of two sources:
//   node dist/report.js --engine-log <events.jsonl> <pack-config.json> [--json]
//     the event log of a real `pulumi up` run with the pack (`--event-log`): the engine's
//     own verdicts
//   node dist/report.js <records.json> <pack-config.json> [--json]
//     the pack's policies run offline over resource records the program's tests wrote (no Pulumi CLI needed)
// Prints, per policy and resource, the control id, the requirement, pass/fail and the enforcement
// level, as Markdown (default) or JSON. Exit status: 0 when the report was produced (whatever the
// verdicts; the cross-check test is the gate), 2 on bad arguments or unreadable/invalid input.
import * as fs from "fs";
import { PolicyPackConfig } from "@pulumi/policy";
import { assertValidPackConfig } from "./common/config";
import { parseEngineLog, verdictsFromEngine } from "./common/engineLog";
import { evaluate, Verdict } from "./common/evaluate";
import { parseRecordsFile, RecordsFile } from "./common/records";

export interface Summary {
    policies: number;
    passed: number;
    exceptions: number;
    failedMandatory: number;
    failedAdvisory: number;
    notApplicable: number;
    disabled: number;
    unknown: number;
}

export function summarise(verdicts: readonly Verdict[]): Summary {
    const count = (predicate: (v: Verdict) => boolean) => verdicts.filter(predicate).length;
    return {
        policies: new Set(verdicts.map((v) => v.policy)).size,
        passed: count((v) => v.status === "pass"),
        exceptions: count((v) => v.status === "exception"),
        failedMandatory: count((v) => v.status === "fail" && v.enforcementLevel === "mandatory"),
        failedAdvisory: count((v) => v.status === "fail" && v.enforcementLevel !== "mandatory"),
        notApplicable: count((v) => v.status === "not-applicable"),
        disabled: count((v) => v.status === "disabled"),
        unknown: count((v) => v.status === "unknown"),
    };
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function resultOf(v: Verdict): string {
    switch (v.status) {
        case "fail":
            return v.enforcementLevel === "mandatory" ? "**FAIL**" : "fail (advisory)";
        case "not-applicable":
            return "n/a";
        default:
            return v.status;
    }
}

/** Where the verdicts come from, as the report states it. */
export const SOURCES = {
    engine: "the Pulumi engine's event log of the run with the pack",
    offline: "the pack's policies run offline on the resources the program declared under the mock engine",
} as const;

export function toMarkdown(file: RecordsFile, verdicts: readonly Verdict[], configSource: string, source: keyof typeof SOURCES = "offline"): string {
    const s = summarise(verdicts);
    const lines = [
        `# Policy compliance: ${file.project ?? "state-backend"} / ${file.stack ?? "unknown stack"}`,
        "",
        `Policy pack \`state-backend\`, config \`${configSource}\`, ${file.resources.length} resources, ${s.policies} policies.`,
        `Verdicts from ${SOURCES[source]}.`,
        "",
        `- passed: ${s.passed}`,
        `- held by a documented exception: ${s.exceptions}`,
        `- failed (mandatory): ${s.failedMandatory}`,
        `- failed (advisory): ${s.failedAdvisory}`,
        `- not applicable: ${s.notApplicable}, disabled: ${s.disabled}, unknown until update: ${s.unknown}`,
        "",
        "| Control | Requirement | Policy | Resource | Result | Enforcement |",
        "|---|---|---|---|---|---|",
        ...verdicts.map((v) =>
            `| ${cell(v.controlId)} | ${cell(v.requirement)} | \`${v.policy}\` | ${cell(v.resource ? `${v.resource} (${v.resourceType})` : "—")} | ${resultOf(v)} | ${v.enforcementLevel} |`,
        ),
    ];
    const exceptions = verdicts.filter((v) => v.status === "exception");
    if (exceptions.length > 0) {
        lines.push("", "## Exceptions", "", "| Control | Policy | Resource | Reason | Caused by |", "|---|---|---|---|---|");
        for (const v of exceptions) {
            lines.push(`| ${cell(v.controlId)} | \`${v.policy}\` | ${cell(v.resource ?? "the stack")} | ${cell(v.message)} | ${cell(v.cause ?? "")} |`);
        }
    }
    const failures = verdicts.filter((v) => v.status === "fail" || v.status === "unknown");
    if (failures.length > 0) {
        lines.push("", "## Findings", "");
        for (const v of failures) {
            lines.push(`- \`${v.policy}\` (${v.controlId}, ${v.enforcementLevel}) on ${v.resource ?? "the stack"}: ${v.message}`);
        }
    }
    return lines.join("\n") + "\n";
}

function readText(path: string, what: string): string {
    try {
        return fs.readFileSync(path, "utf8");
    } catch (e) {
        throw new Error(`cannot read ${what} ${path}: ${(e as Error).message}`);
    }
}

function readJson(path: string, what: string): unknown {
    const text = readText(path, what);
    try {
        return JSON.parse(text);
    } catch (e) {
        throw new Error(`${what} ${path} is not valid JSON: ${(e as Error).message}`);
    }
}

export function main(argv: string[]): number {
    const json = argv.includes("--json");
    const fromEngine = argv.includes("--engine-log");
    const paths = argv.filter((a) => a !== "--json" && a !== "--engine-log");
    if (paths.length !== 2 || paths.some((p) => p.startsWith("--"))) {
        process.stderr.write("usage: node dist/report.js [--engine-log <events.jsonl> | <records.json>] <pack-config.json> [--json]\n");
        return 2;
    }
    const [inputPath, configPath] = paths;
    try {
        const packConfig: PolicyPackConfig = assertValidPackConfig(readJson(configPath, "pack config"), configPath);
        let file: RecordsFile;
        let verdicts: Verdict[];
        if (fromEngine) {
            const log = parseEngineLog(readText(inputPath, "event log"), inputPath);
            file = log.file;
            verdicts = verdictsFromEngine(log, packConfig);
        } else {
            file = parseRecordsFile(readJson(inputPath, "records file"), inputPath);
            verdicts = evaluate(file, packConfig);
        }
        process.stdout.write(
            json
                ? JSON.stringify({ project: file.project, stack: file.stack, config: configPath, source: fromEngine ? "engine" : "offline", summary: summarise(verdicts), verdicts }, null, 2) + "\n"
                : toMarkdown(file, verdicts, configPath, fromEngine ? "engine" : "offline"),
        );
        return 0;
    } catch (e) {
        process.stderr.write(`${(e as Error).message}\n`);
        return 2;
    }
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
