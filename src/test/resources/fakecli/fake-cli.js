#!/usr/bin/env node
'use strict';
// Stand-in for the `pulumi`, `az`, `aws` and `mvn` programs in tests. The test copies this file under each of those
// names into a directory it puts first on PATH. Every call appends one line to $FAKE_CLI_LOG: the program name
// and its arguments, shell-quoted exactly as io.statebackend.ops.Command#display() prints them, prefixed with
// PULUMI_BACKEND_URL=<url> when that variable is set, so a test can compare the log with what a dry run printed.
//
// Behaviour comes from the JSON file $FAKE_CLI_SCENARIO (optional):
//   { "rules": [ { "match": "<substring of the log line>", "exit": 1, "stdout": "...", "stderr": "..." } ] }
// The first rule whose "match" occurs in the line decides; without a matching rule the call succeeds, and
// `pulumi stack export --file F` writes a small deployment to F, `pulumi stack ls --json` prints [].
const fs = require('fs');
const path = require('path');

const program = path.basename(process.argv[1]);
const args = process.argv.slice(2);
const SAFE = /^[A-Za-z0-9_\-.,:/=@%+]+$/;
const quote = (w) => (w.length > 0 && SAFE.test(w) ? w : "'" + w.replace(/'/g, "'\\''") + "'");

let line = [program, ...args].map(quote).join(' ');
if (process.env.PULUMI_BACKEND_URL) {
  line = 'PULUMI_BACKEND_URL=' + quote(process.env.PULUMI_BACKEND_URL) + ' ' + line;
}
fs.appendFileSync(process.env.FAKE_CLI_LOG, line + '\n');

const scenarioFile = process.env.FAKE_CLI_SCENARIO;
const scenario = scenarioFile && fs.existsSync(scenarioFile)
  ? JSON.parse(fs.readFileSync(scenarioFile, 'utf8'))
  : {};

for (const rule of scenario.rules || []) {
  if (line.includes(rule.match)) {
    if (rule.stdout) process.stdout.write(rule.stdout);
    if (rule.stderr) process.stderr.write(rule.stderr + '\n');
    process.exit(rule.exit === undefined ? 0 : rule.exit);
  }
}

const has = (...words) => words.every((w) => args.includes(w));
if (program === 'pulumi' && has('stack', 'export')) {
  const file = args[args.indexOf('--file') + 1];
  const deployment = {
    version: 3,
    deployment: {
      manifest: { time: '2025-01-01T00:00:00Z', version: 'v3.0.0' },
      secrets_providers: { type: 'passphrase', state: { salt: 'v1:fake' } },
      resources: [{ urn: 'urn:pulumi:prod::state-backend::pulumi:pulumi:Stack::state-backend-prod' }],
    },
  };
  fs.writeFileSync(file, JSON.stringify(deployment));
} else if (program === 'pulumi' && has('stack', 'ls', '--json')) {
  process.stdout.write('[]');
} else if (program === 'pulumi' && has('stack', 'output', '--json')) {
  process.stdout.write('{}');
}
process.exit(0);
