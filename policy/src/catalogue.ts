// The pack's controls as data, for the Java program's tests: a test that states a control names the policies that
// state it again here, and fails on a name the pack does not have.
//   node dist/catalogue.js > catalogue.json
// The pack's tests fail while catalogue.json is stale.
import { allControls } from "./registry";

export function catalogue(): string {
    const entries = allControls.map((c) => ({ policy: c.policy.name, controlId: c.controlId, requirement: c.requirement }));
    return JSON.stringify(entries, null, 2) + "\n";
}

if (require.main === module) {
    process.stdout.write(catalogue());
}
