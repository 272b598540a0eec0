// Runs every test file of a directory (this one by default) in this one node process: `node --test` starts a process
// per file, which costs each of them a node start-up and a fresh load of @pulumi/policy. node:test still sets a
// non-zero exit code when a test fails.
import * as fs from "node:fs";
import * as path from "node:path";

const dir = path.resolve(process.argv[2] ?? __dirname);
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".test.js")).sort()) {
    require(path.join(dir, file));
}
