import { allControls } from "../src/registry";
import { compliantStack } from "./fixtures/stack";
import { testBreakCases } from "./helpers";
import { cases } from "./cases/common.resourceTypes";

testBreakCases(compliantStack, allControls, cases);
