import { test } from "node:test";
import * as assert from "node:assert/strict";
import { evaluate, violationsOf } from "../src/common/evaluate";
import { compliantStack } from "./fixtures/stack";
import { loadPackConfig } from "./helpers";

test("the compliant fixture passes every policy under the prod config", () => {
    const verdicts = evaluate(compliantStack(), loadPackConfig("prod"));
    assert.deepEqual(violationsOf(verdicts), []);
});
