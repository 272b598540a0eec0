import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";

const RUNNER = path.join(__dirname, "run.js");

function runIn(files: Record<string, string>) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pack-runner-"));
    for (const [name, body] of Object.entries(files)) {
        fs.writeFileSync(path.join(dir, name), body);
    }
    const result = spawnSync(process.execPath, [RUNNER, dir], { encoding: "utf8" });
    fs.rmSync(dir, { recursive: true });
    return result;
}

const passing = 'require("node:test").test("passes", () => {});';
const failing = 'require("node:test").test("fails", () => { throw new Error("boom"); });';

test("the one-process runner runs every test file and exits 0 when all pass", () => {
    const result = runIn({ "a.test.js": passing, "b.test.js": passing, "helper.js": failing });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /# pass 2\n/);
});

test("the one-process runner exits non-zero when one test of one file fails", () => {
    const result = runIn({ "a.test.js": passing, "b.test.js": failing });
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /# fail 1\n/);
});
