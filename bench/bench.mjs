#!/usr/bin/env node
// Benchmarks start-up, build and test times for state-backend and prints a Markdown table of medians (min, max).
//
//   node bench/bench.mjs [--runs N] [--verify-runs N] [--cold-runs N] [--skip-cold]
//
// Start-up: a fresh JVM declares the prod stack's resources under Pulumi's mock engine, (a) through Maven the way
// Pulumi's Java host runs a Maven project (`mvn --no-transfer-progress compile exec:java`), (b) from the prebuilt
// jar (`java -jar`, what Pulumi.yaml's runtime.options.binary runs), and (c) a one-resource Pulumi Java program as
// the baseline, run the same two ways; (d) the baseline program declaring as many resources as the prod stack, from
// the jar: what the SDK alone costs for that many resources, so (b)/(d) is what this program adds; (e) the jar runs
// again with C1 only from JDK_JAVA_OPTIONS, as the workflow sets it. Then warm
// `mvn -B verify`, and a cold clone-to-green `mvn -B verify` with an empty local Maven repository. Peak memory is
// the largest resident set of the command's process tree (GNU time).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const args = process.argv.slice(2);
const KNOWN = ["--runs", "--verify-runs", "--cold-runs", "--skip-cold"];
for (const arg of args.filter((a) => a.startsWith("--") && !KNOWN.includes(a))) {
  console.error(`bench: unknown option ${arg}; usage: node bench/bench.mjs [--runs N] [--verify-runs N] [--cold-runs N] [--skip-cold]`);
  process.exit(2);
}
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = args[i + 1];
  if (!/^[1-9][0-9]*$/.test(value ?? "")) {
    console.error(`bench: ${name} takes a whole number of runs, 1 or more; got ${value === undefined ? "nothing" : `'${value}'`}`);
    process.exit(2);
  }
  return Number(value);
};
const RUNS = option("--runs", 5);
const VERIFY_RUNS = option("--verify-runs", 3);
const COLD_RUNS = option("--cold-runs", 3);
const SKIP_COLD = args.includes("--skip-cold");
const PROJECT = resolve(new URL("..", import.meta.url).pathname);
const GNU_TIME = "/usr/bin/time";

const SCRATCH = mkdtempSync(join(tmpdir(), "state-backend-bench-"));
const PEAK_FILE = join(SCRATCH, "peak-kb");

// Every command runs without JVM options from the caller's environment, so that only (e) has any.
const PLAIN_ENV = Object.fromEntries(Object.entries(process.env)
  .filter(([name]) => !["JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS"].includes(name)));

function run(command, commandArgs, cwd = PROJECT, env = PLAIN_ENV) {
  const timed = existsSync(GNU_TIME);
  const started = process.hrtime.bigint();
  const result = timed
    ? spawnSync(GNU_TIME, ["-o", PEAK_FILE, "-f", "%M", command, ...commandArgs], { cwd, env, encoding: "utf8", maxBuffer: 1 << 28 })
    : spawnSync(command, commandArgs, { cwd, env, encoding: "utf8", maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`${command} ${commandArgs.join(" ")} exited ${result.status}`);
  }
  const peakKb = timed ? Number(readFileSync(PEAK_FILE, "utf8").trim().split("\n").pop()) : NaN;
  const declared = /declared=(\d+) ms_since_jvm_start=(\d+)/.exec(result.stdout);
  return {
    seconds,
    peakMb: peakKb / 1024,
    resources: declared ? Number(declared[1]) : NaN,
    declaredSeconds: declared ? Number(declared[2]) / 1000 : NaN,
  };
}

function repeat(label, times, fn) {
  process.stderr.write(`${label}: `);
  const samples = [];
  for (let i = 0; i < times; i++) {
    samples.push(fn());
    process.stderr.write(`${samples.at(-1).seconds.toFixed(2)}s `);
  }
  process.stderr.write("\n");
  return samples;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const stat = (samples, key, digits = 2) => {
  const xs = samples.map((s) => s[key]).filter((x) => !Number.isNaN(x));
  if (xs.length === 0) return "n/a";
  return `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;
};

const PROD_CONFIG = join(SCRATCH, "prod-engine-config.json");
const probe = (...target) => ["-cp", "target/state-backend.jar", "io.statebackend.plan.StartupProbe", ...target];
const mavenProbe = (...target) => ["--no-transfer-progress", "-q", "compile", "exec:java",
  "-Dexec.mainClass=io.statebackend.plan.StartupProbe", `-Dexec.args=${target.join(" ")}`];

// One untimed verify builds the jar and, in a fresh clone, installs the policy pack's and the linter's npm
// dependencies, so that every timed verify below is warm.
process.stderr.write("building the jar and warming the build once (mvn -B -q verify)\n");
run("mvn", ["-B", "-q", "verify"]);
// The prod stack's config as the engine hands it to a program, prepared outside the timed runs, with ids of the real
// shape over the stack file's examples (production refuses those), as the tests run it.
run("java", ["-cp", "target/state-backend.jar", "io.statebackend.plan.StartupProbe", "--engine-config", "prod", PROD_CONFIG]);
writeFileSync(PROD_CONFIG, JSON.stringify({
  ...JSON.parse(readFileSync(PROD_CONFIG, "utf8")),
  ...JSON.parse(readFileSync("src/test/resources/prod-own-ids.json", "utf8")),
}));

// The resource count of the prod stack, for (d); taken from one untimed run.
const prodResources = String(run("java", probe(PROD_CONFIG, "prod")).resources);
const FLOOR = `(d) ${prodResources} resource groups from the jar`;
// What the workflow sets: the java launcher reads JVM options from JDK_JAVA_OPTIONS, the one way to give a program
// that Pulumi starts with `java -jar` any.
const C1_ENV = { ...PLAIN_ENV, JDK_JAVA_OPTIONS: "-XX:TieredStopAtLevel=1" };
const C1_PROD = "(e) prod stack from the jar, JDK_JAVA_OPTIONS=-XX:TieredStopAtLevel=1";
const C1_BASELINE = "(e) baseline from the jar, same option";
const startupCommands = {
  "(a) prod stack through Maven": ["mvn", mavenProbe(PROD_CONFIG, "prod")],
  "(b) prod stack from the jar": ["java", probe(PROD_CONFIG, "prod")],
  "(c) baseline through Maven": ["mvn", mavenProbe("baseline")],
  "(c) baseline from the jar": ["java", probe("baseline")],
  [FLOOR]: ["java", probe("baseline", prodResources)],
  [C1_PROD]: ["java", probe(PROD_CONFIG, "prod"), C1_ENV],
  [C1_BASELINE]: ["java", probe("baseline"), C1_ENV],
};
// Round by round, one run of each, so that a machine whose speed drifts during the benchmark (a shared host does)
// shifts every measurement alike and the ratios stay fair.
const startup = Object.fromEntries(Object.keys(startupCommands).map((name) => [name, []]));
for (let round = 1; round <= RUNS; round++) {
  process.stderr.write(`start-up round ${round}:`);
  for (const [name, [command, commandArgs, env]] of Object.entries(startupCommands)) {
    startup[name].push(run(command, commandArgs, PROJECT, env));
    process.stderr.write(` ${startup[name].at(-1).seconds.toFixed(2)}s`);
  }
  process.stderr.write("\n");
}
const verify = repeat("warm mvn -B verify", VERIFY_RUNS, () => run("mvn", ["-B", "-q", "verify"]));

let cold = [];
if (!SKIP_COLD) {
  cold = repeat("cold clone-to-green", COLD_RUNS, () => {
    const dir = mkdtempSync(join(tmpdir(), "state-backend-cold-"));
    try {
      const started = process.hrtime.bigint();
      run("git", ["clone", "-q", PROJECT, join(dir, "p")], dir);
      const verified = run("mvn", ["-B", "-q", "verify", `-Dmaven.repo.local=${join(dir, "m2")}`], join(dir, "p"));
      return { ...verified, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

const ratio = (a, b) => (median(a.map((s) => s.seconds)) / median(b.map((s) => s.seconds))).toFixed(2);
const lines = [
  `| measurement | runs | wall s, median (min–max) | declared after s | peak MB | × baseline |`,
  `|---|---|---|---|---|---|`,
  ...Object.entries(startup).map(([name, samples]) => {
    const baseline = name.includes("Maven") ? startup["(c) baseline through Maven"]
      : name.startsWith("(e)") ? startup[C1_BASELINE] : startup["(c) baseline from the jar"];
    return `| ${name} | ${samples.length} | ${stat(samples, "seconds")} | ${stat(samples, "declaredSeconds")} | ${stat(samples, "peakMb", 0)} | ${ratio(samples, baseline)} |`;
  }),
  `| warm \`mvn -B verify\` | ${verify.length} | ${stat(verify, "seconds", 1)} | | ${stat(verify, "peakMb", 0)} | |`,
  ...(cold.length ? [`| cold clone-to-green (empty ~/.m2) | ${cold.length} | ${stat(cold, "seconds", 1)} | | ${stat(cold, "peakMb", 0)} | |`] : []),
];
console.log(lines.join("\n"));
console.log(`\nprod stack over the SDK's cost for as many resources, (b)/(d): ${ratio(startup["(b) prod stack from the jar"], startup[FLOOR])}×`);
console.log(`\nmachine: ${spawnSync("nproc", { encoding: "utf8" }).stdout.trim()} cores; ${new Date().toISOString().slice(0, 10)}`);
console.log("\nDeploy critical path (longest chain of creates):");
console.log(spawnSync("java", ["-cp", "target/state-backend.jar", "io.statebackend.plan.DependencyGraph"],
  { cwd: PROJECT, encoding: "utf8" }).stdout.trim());
rmSync(SCRATCH, { recursive: true, force: true });
