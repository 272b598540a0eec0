import { test } from "node:test";
import * as encryption from "../src/azure/encryption";
import * as keys from "../src/azure/keyVaultKeys";
import { allControls } from "../src/registry";
import { compliantStack, inputsOf } from "./fixtures/stack";
import { assertFires, assertPasses, testBreakCases, UNKNOWN_VALUE } from "./helpers";
import { cases, vault, key } from "./cases/azure.encryption";

testBreakCases(compliantStack, allControls, cases);

test("an unset soft-delete retention means Azure's 90 days", () => {
    const file = compliantStack();
    delete vault(file).softDeleteRetentionInDays;
    delete vault(file).enableSoftDelete;
    assertPasses(encryption.vaultSoftDeleteRetention, file);
});

test("the rotate action type is matched case-insensitively, and RSA-HSM is an RSA key", () => {
    const file = compliantStack();
    key(file).rotationPolicy.lifetimeActions[0].action.type = "Rotate";
    key(file).kty = "RSA-HSM";
    assertPasses([keys.cmkRotation, keys.keyRsaSize], file);
});

test("key operations are matched case-insensitively, as Azure matches them", () => {
    const file = compliantStack();
    key(file).keyOps = ["WrapKey", "UNWRAPKEY"];
    assertPasses(keys.keyOperations, file);
});

test("the minimum key size comes from the policy config", () => {
    const file = compliantStack();
    assertFires(keys.keyRsaSize, file, { packConfig: { "azure-keyvault-key-rsa-size": { minimumKeySize: 4096 } } });
});

test("a lower vault soft-delete minimum can be configured", () => {
    const file = compliantStack();
    vault(file).softDeleteRetentionInDays = 30;
    assertPasses(encryption.vaultSoftDeleteRetention, file, { "azure-keyvault-soft-delete-retention": { minimumSoftDeleteRetentionDays: 30 } });
});

test("in a preview, a key allowed to wrap keys is taken for the CMK when names are unknown", () => {
    const file = compliantStack();
    inputsOf(file, "state-account").encryption.keyVaultProperties.keyName = UNKNOWN_VALUE;
    key(file).rotationPolicy.lifetimeActions.shift();
    assertFires(keys.cmkRotation, file, { resource: "state-cmk" });
});

test("a notify-only policy on the secrets-provider key is fine", () => {
    assertPasses(keys.secretsKeyNotAutoRotated, compliantStack());
});
