import { test } from "node:test";
import * as kv from "../src/azure/keyVault";
import { allControls } from "../src/registry";
import { compliantStack } from "./fixtures/stack";
import { assertFires, assertPasses, testBreakCases } from "./helpers";
import { cases, vault, key } from "./cases/azure.keyVault";

testBreakCases(compliantStack, allControls, cases);

test("an unset soft-delete retention means Azure's 90 days", () => {
    const file = compliantStack();
    delete vault(file).softDeleteRetentionInDays;
    delete vault(file).enableSoftDelete;
    assertPasses(kv.vaultSoftDeleteRetention, file);
});

test("the rotate action type is matched case-insensitively, and RSA-HSM is an RSA key", () => {
    const file = compliantStack();
    key(file).rotationPolicy.lifetimeActions[0].action.type = "Rotate";
    key(file).kty = "RSA-HSM";
    assertPasses([kv.keyRotationPolicy, kv.keyRsaSize], file);
});

test("the minimum key size comes from the policy config", () => {
    const file = compliantStack();
    assertFires(kv.keyRsaSize, file, { packConfig: { "azure-keyvault-key-rsa-size": { minimumKeySize: 4096 } } });
});

test("a lower vault soft-delete minimum can be configured", () => {
    const file = compliantStack();
    vault(file).softDeleteRetentionInDays = 30;
    assertPasses(kv.vaultSoftDeleteRetention, file, { "azure-keyvault-soft-delete-retention": { minimumSoftDeleteRetentionDays: 30 } });
});
