#!/usr/bin/env node
// Runs a command unless its inputs are byte for byte those of its last successful run, so that a warm
// `mvn verify` skips the steps whose inputs did not change (installs, the pack's tests, the compliance report).
// Usage: node tools/if-changed.mjs <stamp file> <input file or directory>... [--creates <file>...] -- <command> [args...]
// Directories are read recursively, without node_modules and dist below them. A missing input, or a missing file
// the command creates, counts as changed. The stamp is written only after the command succeeded; the command's
// exit status is passed on.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { spawnSync } from "node:child_process";

const SKIPPED_DIRECTORIES = new Set(["node_modules", "dist", ".git"]);

const args = process.argv.slice(2);
const separator = args.indexOf("--");
if (separator < 2 || separator === args.length - 1) {
  console.error("usage: if-changed.mjs <stamp file> <input>... [--creates <file>...] -- <command> [arguments...]");
  process.exit(2);
}
const [stamp, ...named] = args.slice(0, separator);
const createsAt = named.indexOf("--creates");
const inputs = createsAt < 0 ? named : named.slice(0, createsAt);
const outputs = createsAt < 0 ? [] : named.slice(createsAt + 1);
const [command, ...commandArgs] = args.slice(separator + 1);

function filesUnder(path) {
  if (!existsSync(path)) {
    return [];
  }
  if (!statSync(path).isDirectory()) {
    return [path];
  }
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => !SKIPPED_DIRECTORIES.has(entry.name))
    .flatMap((entry) => filesUnder(join(path, entry.name)))
    .sort();
}

const hash = createHash("sha256").update(JSON.stringify([command, ...commandArgs]));
for (const input of inputs) {
  const files = filesUnder(input);
  hash.update(`${input}\0${files.length}\0`);
  for (const file of files) {
    hash.update(`${relative(input, file)}\0`).update(readFileSync(file)).update("\0");
  }
}
const wanted = hash.digest("hex");
if ([...inputs, ...outputs].every((path) => existsSync(path)) && existsSync(stamp) && readFileSync(stamp, "utf8") === wanted) {
  console.log(`${stamp}: inputs unchanged since the last successful run, skipped`);
  process.exit(0);
}
const result = spawnSync(command, commandArgs, { stdio: "inherit" });
if (result.error) {
  console.error(`${command}: ${result.error.message}`);
  process.exit(1);
}
if (result.status === 0) {
  mkdirSync(dirname(stamp), { recursive: true });
  writeFileSync(stamp, wanted);
}
process.exit(result.status ?? 1);
