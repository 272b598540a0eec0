import { test } from "node:test";
import * as assert from "node:assert/strict";
import { isExampleAccount, isExampleGuid } from "../src/common/examples";
import { allControls } from "../src/registry";
import { compliantStack } from "./fixtures/stack";
import { testBreakCases } from "./helpers";
import { cases } from "./cases/common.examples";

testBreakCases(compliantStack, allControls, cases);

test("example ids are those of one repeated digit, counting up, or from the AWS documentation; real-looking ones are not", () => {
    for (const guid of ["00000000-0000-0000-0000-000000000000", "22222222-2222-2222-2222-222222222222", "12345678-1234-1234-1234-123456789012"]) {
        assert.ok(isExampleGuid(guid), guid);
    }
    assert.ok(!isExampleGuid("4a7d9e21-5c3b-4f80-9e16-b2d7c4a85f03"));
    assert.ok(!isExampleGuid("00000000-0000-0000-0000-0000000000b1"));
    for (const account of ["123456789012", "111122223333", "000000000000"]) {
        assert.ok(isExampleAccount(account), account);
    }
    assert.ok(!isExampleAccount("406918273541"));
});
