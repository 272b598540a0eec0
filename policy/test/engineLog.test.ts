import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { allControls } from "../src/registry";
import { accountLocked } from "../src/azure/protection";
import { storageMinimumTls } from "../src/azure/account";
import { onlyCheckedResourceTypes } from "../src/common/resourceTypes";
import { isStackPolicy } from "../src/common/control";
import { parseEngineLog, verdictsFromEngine } from "../src/common/engineLog";
import { evaluate, Verdict } from "../src/common/evaluate";
import { RecordsFile, urnOf } from "../src/common/records";
import { compliantStack, without } from "./fixtures/stack";
import { policyRoot } from "./helpers";

/**
 * The event log the engine writes for `file`: each resource registered and its outputs, each resource policy's pass or fail on it, the
 * stack policies' summary, and each violation prefixed with its policy's description, as `pulumi up --event-log` does.
 */
function engineLogOf(file: RecordsFile, offline: Verdict[]): string {
    const lines: unknown[] = [];
    const failedOn = (urn: string | null) => new Set(offline.filter((v) => v.status === "fail" && urnOfVerdict(file, v) === urn).map((v) => v.policy));
    for (const record of file.resources) {
        const urn = urnOf(record, file);
        const state = { urn, type: record.type, inputs: record.inputs, parent: record.parent, protect: record.protect };
        lines.push({ resourcePreEvent: { metadata: { new: state } } });
        lines.push({ resOutputsEvent: { metadata: { new: { ...state, outputs: record.outputs ?? record.inputs } } } });
    }
    const resourcePolicies = allControls.filter((c) => !isStackPolicy(c.policy)).map((c) => c.policy.name);
    const stackPolicies = allControls.filter((c) => isStackPolicy(c.policy)).map((c) => c.policy.name);
    for (const record of file.resources) {
        const urn = urnOf(record, file);
        const failed = [...failedOn(urn)].filter((p) => resourcePolicies.includes(p));
        lines.push({ policyAnalyzeSummaryEvent: { resourceUrn: urn, passed: resourcePolicies.filter((p) => !failed.includes(p)), failed } });
    }
    const stackFailed = new Set(offline.filter((v) => v.status === "fail" && stackPolicies.includes(v.policy)).map((v) => v.policy));
    lines.push({ policyAnalyzeStackSummaryEvent: { passed: stackPolicies.filter((p) => !stackFailed.has(p)), failed: [...stackFailed] } });
    for (const v of offline.filter((v) => v.status === "fail")) {
        const description = allControls.find((c) => c.policy.name === v.policy)!.policy.description;
        lines.push({ policyEvent: { resourceUrn: urnOfVerdict(file, v) ?? undefined, message: `${description}\n${v.message}\n`, policyName: v.policy, enforcementLevel: v.enforcementLevel } });
    }
    return lines.map((l) => JSON.stringify(l)).join("\n") + "\n";
}

function urnOfVerdict(file: RecordsFile, v: Verdict): string | null {
    const record = file.resources.find((r) => r.name === v.resource && r.type === v.resourceType);
    return record ? urnOf(record, file) : null;
}

const sorted = (verdicts: Verdict[]) => verdicts.map((v) => JSON.stringify(v)).sort();

test("the engine's log gives the offline verdicts: passes, exceptions and the resource and stack policies' failures", () => {
    const broken = without(compliantStack(), "state-account-lock");
    const account = broken.resources.find((r) => r.name === "state-account")!;
    account.inputs = { ...account.inputs, minimumTlsVersion: "TLS1_0" };
    const untyped = compliantStack();
    untyped.resources.push({ type: "aws:s3/bucket:Bucket", name: "legacy-bucket", inputs: { bucket: "legacy" } });
    for (const file of [compliantStack(), broken, untyped]) {
        const offline = evaluate(file, { all: "mandatory" });
        const fromEngine = verdictsFromEngine(parseEngineLog(engineLogOf(file, offline)), { all: "mandatory" });
        assert.deepEqual(sorted(fromEngine), sorted(offline));
    }
    const verdicts = verdictsFromEngine(parseEngineLog(engineLogOf(broken, evaluate(broken, {}))), {});
    const failed = verdicts.filter((v) => v.status === "fail").map((v) => [v.policy, v.resource, v.message]);
    assert.ok(failed.some(([p, r, m]) => p === storageMinimumTls.policy.name && r === "state-account" && m === 'minimumTlsVersion is "TLS1_0"; it must be "TLS1_2".'),
        JSON.stringify(failed));
    assert.ok(failed.some(([p]) => p === accountLocked.policy.name), JSON.stringify(failed));
    assert.ok(verdicts.some((v) => v.status === "exception"), "the fixture's documented exceptions stay exceptions");
});

test("a resource the engine gave no verdict for is unknown, not a pass", () => {
    const file = compliantStack();
    const log = engineLogOf(file, evaluate(file, {})).split("\n")
        .filter((line) => !(line.includes("policyAnalyzeSummaryEvent") && line.includes("::state-account\"")))
        .join("\n");
    const account = verdictsFromEngine(parseEngineLog(log), {}, [storageMinimumTls]);
    assert.deepEqual(account.map((v) => [v.status, v.resource]), [["unknown", "state-account"]]);
});

test("a policy about the stack as a whole is unknown, not a pass, when the engine's log has no stack summary", () => {
    const file = compliantStack();
    const log = engineLogOf(file, evaluate(file, {})).split("\n").filter((line) => !line.includes("policyAnalyzeStackSummaryEvent")).join("\n");
    const verdicts = verdictsFromEngine(parseEngineLog(log), {}, [onlyCheckedResourceTypes]);
    assert.deepEqual(verdicts.map((v) => [v.status, v.resource]), [["unknown", null]]);
});

test("a policy the pack config disables is reported as disabled", () => {
    const file = compliantStack();
    const verdicts = verdictsFromEngine(parseEngineLog(engineLogOf(file, evaluate(file, {}))),
        { [storageMinimumTls.policy.name]: "disabled" }, [storageMinimumTls]);
    assert.deepEqual(verdicts.map((v) => v.status), ["disabled"]);
});

test("a log that is not JSON lines, or that no pack ran on, is refused with the reason", () => {
    assert.throws(() => parseEngineLog("{}\nnot json\n", "up.jsonl"), /up.jsonl line 2 is not a JSON event/);
    assert.throws(() => parseEngineLog('{"summaryEvent":{}}\n', "up.jsonl"), /no resources or no policy summaries/);
});

test("the report command reads an event log with --engine-log and says where its verdicts come from", () => {
    const file = compliantStack();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-log-"));
    const log = path.join(dir, "up.jsonl");
    fs.writeFileSync(log, engineLogOf(file, evaluate(file, {})));
    const config = path.join(policyRoot(), "config", "prod.json");
    const cli = path.join(policyRoot(), "dist", "tests", "src", "report.js");

    const md = spawnSync(process.execPath, [cli, "--engine-log", log, config], { encoding: "utf8" });
    assert.equal(md.status, 0, md.stderr);
    assert.match(md.stdout, /Verdicts from the Pulumi engine's event log/);
    assert.match(md.stdout, /\| `azure-storage-minimum-tls-1-2` \| state-account \(azure-native:storage:StorageAccount\) \| pass \|/);
    const json = JSON.parse(spawnSync(process.execPath, [cli, "--engine-log", log, config, "--json"], { encoding: "utf8" }).stdout);
    assert.equal(json.source, "engine");
    fs.rmSync(dir, { recursive: true });
});
