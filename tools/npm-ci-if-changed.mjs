#!/usr/bin/env node
// Installs a package's locked dependencies with `npm ci`, but only when its lockfile changed since the last
// install, so a warm `mvn verify` does not pay for a fresh install every time.
// Usage: node tools/npm-ci-if-changed.mjs <package dir> [extra npm ci arguments...]
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";

const [dir, ...extraArgs] = process.argv.slice(2);
if (!dir) {
  console.error("usage: npm-ci-if-changed.mjs <package dir> [npm ci arguments...]");
  process.exit(2);
}
const packageDir = resolve(dir);
const lockfile = join(packageDir, "package-lock.json");
if (!existsSync(lockfile)) {
  console.error(`${lockfile} is missing: dependencies must be locked`);
  process.exit(2);
}
const wanted = createHash("sha256").update(readFileSync(lockfile)).update(extraArgs.join(" ")).digest("hex");
const stamp = join(packageDir, "node_modules", ".installed-lockfile-sha256");
if (existsSync(stamp) && readFileSync(stamp, "utf8") === wanted) {
  console.log(`${dir}: dependencies already installed from this lockfile`);
  process.exit(0);
}
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const result = spawnSync(npm, ["ci", "--no-audit", "--no-fund", ...extraArgs], { cwd: packageDir, stdio: "inherit" });
if (result.status !== 0) {
  process.exit(result.status ?? 1);
}
writeFileSync(stamp, wanted);
