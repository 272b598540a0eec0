// The pack entry point as the Pulumi CLI runs it: it must load every policy and start serving.
import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { AnalyzeRequest, AnalyzeResponse, AnalyzerResourceOptions } from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { policyRoot } from "./helpers";
import { allControls } from "../src/registry";
import { isStackPolicy } from "../src/common/control";
import { AzureTypes } from "../src/azure/types";

describe("the built pack, as the CLI starts it", () => {
    let pack: ChildProcess;
    let port: string;

    before(async () => {
        pack = spawn(process.execPath, [path.join(policyRoot(), "dist", "index.js")], { cwd: policyRoot() });
        port = await new Promise<string>((resolve, reject) => {
            let out = "";
            let err = "";
            const timer = setTimeout(() => reject(new Error(`no port within 20 s; stderr: ${err}`)), 20_000);
            pack.stdout!.on("data", (d) => {
                out += d;
                if (out.includes("\n")) {
                    clearTimeout(timer);
                    resolve(out.split("\n")[0].trim());
                }
            });
            pack.stderr!.on("data", (d) => (err += d));
            pack.on("exit", (code) => reject(new Error(`pack exited with ${code}: ${err}`)));
        });
    });

    after(() => pack.kill());

    test("the built pack starts its analyzer server and prints the port", () => {
        assert.match(port, /^\d+$/);
    });

    function analyze(type: string): Promise<AnalyzeResponse> {
        const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        const request = new AnalyzeRequest().setType(type).setName("subject").setUrn(`urn:pulumi:test::state-backend::${type}::subject`)
            .setProperties(Struct.fromJavaScript({}))
            .setOptions(new AnalyzerResourceOptions());
        return new Promise((resolve, reject) =>
            client.analyze(request, (err, response) => {
                client.close();
                if (err) {
                    reject(err);
                } else {
                    resolve(response!);
                }
            }),
        );
    }

    const singleTypePolicies = (type?: string) =>
        allControls
            .filter((c) => !isStackPolicy(c.policy) && c.resourceTypes.length === 1 && (type === undefined || c.resourceTypes[0] === type))
            .map((c) => c.policy.name)
            .sort();

    // The analyzer's fast path (src/common/control.ts): a policy of one type is not run on, nor deserialises, others.
    test("the analyzer skips every one-type policy on a resource of another type, unrun", async () => {
        const response = await analyze("test:index:Unrelated");
        assert.deepEqual(response.getDiagnosticsList().map((d) => d.getPolicyname()), []);
        assert.deepEqual(response.getNotApplicableList().map((n) => n.getPolicyName()).sort(), singleTypePolicies());
    });

    test("the analyzer runs the policies of a resource's own type on it", async () => {
        const ownPolicies = singleTypePolicies(AzureTypes.StorageAccount);
        assert.ok(ownPolicies.length > 5, `storage account policies: ${ownPolicies}`);
        const response = await analyze(AzureTypes.StorageAccount);
        const skipped = new Set(response.getNotApplicableList().map((n) => n.getPolicyName()));
        assert.deepEqual(ownPolicies.filter((name) => skipped.has(name)), []);
        // An account with no properties breaks most of its controls: the policies ran.
        const violated = new Set(response.getDiagnosticsList().map((d) => d.getPolicyname()));
        assert.ok(ownPolicies.filter((name) => violated.has(name)).length > 5, [...violated].join(", "));
    });
});
