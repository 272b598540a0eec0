import { test } from "node:test";
import * as assert from "node:assert/strict";
import { onlyCheckedResourceTypes } from "../src/common/resourceTypes";
import { allControls } from "../src/registry";
import { compliantStack } from "./fixtures/stack";
import { assertPasses, testBreakCases } from "./helpers";
import { cases } from "./cases/common.resourceTypes";

testBreakCases(compliantStack, allControls, cases);

test("the stack, its components and its providers are none of the cloud resources the guard governs", () => {
    const file = compliantStack();
    const types = new Set(file.resources.map((r) => r.type));
    for (const type of ["pulumi:pulumi:Stack", "state-backend:aws:StateStore", "pulumi:providers:aws"]) {
        assert.ok(types.has(type), `the fixture has a ${type}, as the program's records do`);
    }
    assertPasses(onlyCheckedResourceTypes, file);
});
