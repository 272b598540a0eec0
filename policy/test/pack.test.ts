// The pack entry point as the Pulumi CLI runs it: it must load every policy and start serving.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as path from "node:path";
import { policyRoot } from "./helpers";

test("the built pack starts its analyzer server and prints the port", async () => {
    const child = spawn(process.execPath, [path.join(policyRoot(), "dist", "index.js")], { cwd: policyRoot() });
    try {
        const port = await new Promise<string>((resolve, reject) => {
            let out = "";
            let err = "";
            const timer = setTimeout(() => reject(new Error(`no port within 20 s; stderr: ${err}`)), 20_000);
            child.stdout.on("data", (d) => {
                out += d;
                const line = out.split("\n")[0].trim();
                if (out.includes("\n")) {
                    clearTimeout(timer);
                    resolve(line);
                }
            });
            child.stderr.on("data", (d) => (err += d));
            child.on("exit", (code) => reject(new Error(`pack exited with ${code}: ${err}`)));
        });
        assert.match(port, /^\d+$/);
    } finally {
        child.kill();
    }
});
