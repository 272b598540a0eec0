import { test } from "node:test";
import * as assert from "node:assert/strict";
import { PolicyResource } from "@pulumi/policy";
import { armName } from "../src/azure/stack";
import { minimumDays } from "../src/common/duration";
import { get, isUnknown, read, UNKNOWN, unknownCheckingProxy } from "../src/common/props";
import { asRef, cover, RelationRule } from "../src/common/relations";
import { UNKNOWN_VALUE } from "./helpers";

function node(name: string, props: Record<string, unknown>, dependencies: PolicyResource[] = []): PolicyResource {
    return { type: "t", name, urn: `urn:${name}`, props: unknownCheckingProxy(props), opts: {} as never, dependencies, propertyDependencies: {}, isType: () => false, asType: () => undefined };
}

const rule: RelationRule = { targetNames: (t) => [asRef(read(t.props, "name"))], candidateRef: (c) => asRef(read(c.props, "target")) };
const matchOf = (coverage: ReturnType<typeof cover>) => coverage.map((c) => c.attachments.map((a) => `${a.candidate.name}:${a.kind}`));

test("read returns UNKNOWN for values the engine does not know yet, through its proxy", () => {
    const props = unknownCheckingProxy({ a: { b: UNKNOWN_VALUE }, list: [1, UNKNOWN_VALUE] });
    assert.equal(read(props, "a.b"), UNKNOWN);
    assert.equal(read(props, "a.b.c"), UNKNOWN);
    assert.equal(read(props, "a.missing"), undefined);
    assert.equal(get(read(props, "list"), 1), UNKNOWN);
    assert.ok(isUnknown(UNKNOWN_VALUE));
});

test("a candidate matches its target by known name, case-insensitively", () => {
    const targets = [node("a", { name: "Alpha" }), node("b", { name: "beta" })];
    const candidates = [node("x", { target: "BETA" })];
    assert.deepEqual(matchOf(cover(targets, candidates, rule)), [[], ["x:name"]]);
});

test("an unknown reference matches by dependency before counting", () => {
    const targets = [node("a", { name: "alpha" }), node("b", { name: "beta" })];
    const candidates = [node("x", { target: UNKNOWN_VALUE }, [targets[1]])];
    assert.deepEqual(matchOf(cover(targets, candidates, rule)), [[], ["x:dependency"]]);
});

test("unknown references without dependencies are counted: N candidates cover N targets", () => {
    const targets = [node("a", { name: UNKNOWN_VALUE }), node("b", { name: UNKNOWN_VALUE })];
    assert.deepEqual(matchOf(cover(targets, [node("x", { target: UNKNOWN_VALUE }), node("y", {})], rule)), [["x:count"], ["y:count"]]);
    assert.deepEqual(matchOf(cover(targets, [node("x", { target: UNKNOWN_VALUE })], rule)), [["x:count"], []]);
});

test("a candidate naming something else is never counted for a target with a known name", () => {
    const targets = [node("a", { name: "alpha" })];
    assert.deepEqual(matchOf(cover(targets, [node("x", { target: "gamma" })], rule)), [[]]);
});

test("a candidate whose reference comes from another resource is never counted: a lock on something else covers nothing", () => {
    const targets = [node("account", { name: "st1" })];
    const backupVault = node("backup-vault", { name: "bv1" });
    const lockOnBackupVault = node("backup-vault-lock", {});
    lockOnBackupVault.propertyDependencies = { target: [backupVault] };
    const byTarget: RelationRule = { ...rule, refProperty: "target" };
    assert.deepEqual(matchOf(cover(targets, [lockOnBackupVault], byTarget)), [[]]);
    assert.deepEqual(matchOf(cover(targets, [node("lock", {})], byTarget)), [["lock:count"]], "one that tells nothing is still counted");
});

test("ARM ids yield the account or vault name", () => {
    assert.equal(armName("/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/st1/blobServices/default", "storageAccounts"), "st1");
    assert.equal(armName("/subscriptions/s/providers/Microsoft.KeyVault/vaults/kv1", "vaults"), "kv1");
    assert.equal(armName(UNKNOWN_VALUE, "vaults"), UNKNOWN);
    assert.equal(armName("/subscriptions/s", "vaults"), undefined);
});

test("ISO-8601 durations convert to their fewest days", () => {
    assert.equal(minimumDays("P30D"), 30);
    assert.equal(minimumDays("P4W"), 28);
    assert.equal(minimumDays("P1M"), 28);
    assert.equal(minimumDays("P1Y"), 365);
    assert.equal(minimumDays("PT12H"), undefined);
    assert.equal(minimumDays("thirty days"), undefined);
});
