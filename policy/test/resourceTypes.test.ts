import { test } from "node:test";
import * as assert from "node:assert/strict";
import { allControls } from "../src/registry";
import { compliantStack } from "./fixtures/stack";
import { testBreakCases } from "./helpers";
import { cases } from "./cases/common.resourceTypes";

testBreakCases(compliantStack, allControls, cases);

// The break cases' baseline runs the guard over the compliant fixture, which must carry these records for that to
// show the guard leaves them alone.
test("the fixture carries the stack, a component and a provider, as the program's records do", () => {
    const types = new Set(compliantStack().resources.map((r) => r.type));
    for (const type of ["pulumi:pulumi:Stack", "state-backend:aws:StateStore", "pulumi:providers:aws"]) {
        assert.ok(types.has(type), `the fixture has a ${type}`);
    }
});
