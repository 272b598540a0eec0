// Pack entry point only: constructing a PolicyPack starts the analyzer's gRPC server, so nothing else
// (tests, the report) may import this file.
import { PolicyPack } from "@pulumi/policy";
import { allControls } from "./registry";

new PolicyPack("state-backend", {
    enforcementLevel: "mandatory",
    policies: allControls.map((control) => control.policy),
});
