// Every policy of the pack has at least one compliant case (the fixture) and one break case.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { policyRoot } from "./helpers";
import { allControls } from "../src/registry";
import { catalogue } from "../src/catalogue";
import { Control, isStackPolicy } from "../src/common/control";
import { cases as awsHardenedBucket } from "./cases/aws.hardenedBucket";
import { cases as awsBucketPolicies } from "./cases/aws.bucketPolicies";
import { cases as awsAccess } from "./cases/aws.access";
import { cases as azureBlobDataProtection } from "./cases/azure.blobDataProtection";
import { cases as azureEncryption } from "./cases/azure.encryption";
import { cases as azureNetwork } from "./cases/azure.network";
import { cases as azureProtection } from "./cases/azure.protection";
import { cases as azureAccount } from "./cases/azure.account";
import { cases as awsStack } from "./cases/aws.stack";
import { cases as commonExamples } from "./cases/common.examples";
import { cases as commonResourceTypes } from "./cases/common.resourceTypes";

test("every policy in the pack has a break case", () => {
    const covered = new Set(
        [...azureAccount, ...azureBlobDataProtection, ...azureEncryption, ...azureNetwork, ...azureProtection, ...awsHardenedBucket, ...awsBucketPolicies, ...awsAccess, ...awsStack, ...commonExamples, ...commonResourceTypes].map(
            (c) => c.control.policy.name,
        ),
    );
    const missing = allControls.map((c) => c.policy.name).filter((name) => !covered.has(name));
    assert.deepEqual(missing, []);
});

test("policy names are unique and every description names a control id and a remedy", () => {
    const names = allControls.map((c) => c.policy.name);
    assert.equal(new Set(names).size, names.length);
    for (const control of allControls) {
        assert.ok(control.policy.description.startsWith(`${control.controlId}: `), control.policy.name);
        assert.match(control.policy.description, / Remedy: /, control.policy.name);
    }
});

test("the README lists every policy of the pack", () => {
    const readme = fs.readFileSync(path.join(policyRoot(), "README.md"), "utf8");
    const missing = allControls.map((c) => c.policy.name).filter((name) => !readme.includes(`\`${name}\``));
    assert.deepEqual(missing, []);
});

const shortTypeName = (type: string) => type.slice(type.lastIndexOf(":") + 1);

/** The README's "checks" cell for a control: its kind, then the short names of the types it reports violations on. */
function checksCell(control: Control): string {
    const kind = isStackPolicy(control.policy) ? "stack" : "resource";
    const types = control.resourceTypes.map(shortTypeName);
    return types.length === 0 ? kind : `${kind}: ${types.join(", ")}`;
}

test("the README's table gives each policy's control id, what it checks and its enforcement as the pack has them", () => {
    const readme = fs.readFileSync(path.join(policyRoot(), "README.md"), "utf8");
    const rows = new Map<string, string[]>();
    for (const line of readme.split("\n")) {
        const cells = line.split("|").slice(1, -1).map((cell) => cell.trim());
        const name = /^`([a-z0-9-]+)`$/.exec(cells[0] ?? "");
        if (name && cells.length === 5) {
            rows.set(name[1], cells);
        }
    }
    const typeNames = new Set(allControls.flatMap((control) => control.resourceTypes.map(shortTypeName)));
    const onlyTypes = (inside: string) => inside.split(",").every((part) => typeNames.has(part.trim()));
    const wrong = allControls.flatMap((control) => {
        const cells = rows.get(control.policy.name);
        const expected = [control.controlId, checksCell(control), control.policy.enforcementLevel ?? "mandatory"];
        // A note in brackets after a type, "(IAM)", says more than the pack's types do and is left out; brackets that
        // hold only type names are no note, and stay to be compared.
        const given = cells?.slice(1, 4).map((cell, i) =>
            i === 1 ? cell.replace(/ \(([^)]*)\)/g, (bracketed, inside: string) => (onlyTypes(inside) ? bracketed : "")) : cell);
        return given && given.join(" | ") === expected.join(" | ")
            ? []
            : [`${control.policy.name}: README says ${given?.join(" | ")}, the pack ${expected.join(" | ")}`];
    });
    assert.deepEqual(wrong, []);
});

test("docs/controls.md gives the number of policies the pack has", () => {
    const controls = fs.readFileSync(path.join(policyRoot(), "..", "docs", "controls.md"), "utf8");
    assert.match(controls, new RegExp(`\\b${allControls.length} policies, one per control`));
});

test("catalogue.json, which the Java tests read, is the pack's controls", () => {
    const committed = fs.readFileSync(path.join(policyRoot(), "catalogue.json"), "utf8");
    assert.equal(committed, catalogue(), "catalogue.json is stale: run `node dist/catalogue.js > catalogue.json` in policy/");
});
