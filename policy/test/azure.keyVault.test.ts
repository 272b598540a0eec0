import { test } from "node:test";
import * as kv from "../src/azure/keyVault";
import { allControls } from "../src/registry";
import { compliantStack, inputsOf } from "./fixtures/stack";
import { assertFires, assertPasses, testBreakCases } from "./helpers";

type File = ReturnType<typeof compliantStack>;
const vault = (f: File) => inputsOf(f, "state-vault").properties;
const key = (f: File) => inputsOf(f, "state-cmk").properties;

testBreakCases(compliantStack, allControls, [
    { control: kv.vaultRbacAuthorization, breaks: "the vault uses access policies", mutate: (f) => void (vault(f).enableRbacAuthorization = false), resource: "state-vault" },
    { control: kv.vaultPurgeProtection, breaks: "purge protection is off", mutate: (f) => void delete vault(f).enablePurgeProtection, resource: "state-vault" },
    { control: kv.vaultSoftDeleteRetention, breaks: "soft delete is off", mutate: (f) => void (vault(f).enableSoftDelete = false), resource: "state-vault", message: /enableSoftDelete/ },
    { control: kv.vaultSoftDeleteRetention, breaks: "deleted keys are kept 7 days", mutate: (f) => void (vault(f).softDeleteRetentionInDays = 7), resource: "state-vault", message: /at least 90/ },
    { control: kv.vaultPublicNetworkDisabled, breaks: "the vault is public", mutate: (f) => void (vault(f).publicNetworkAccess = "Enabled"), resource: "state-vault" },
    { control: kv.vaultNetworkAclsDeny, breaks: "the vault firewall allows by default", mutate: (f) => void (vault(f).networkAcls.defaultAction = "Allow"), resource: "state-vault" },
    { control: kv.vaultNetworkAclsDeny, breaks: "trusted services cannot pass the vault firewall", mutate: (f) => void (vault(f).networkAcls.bypass = "None"), resource: "state-vault", message: /bypass/ },
    { control: kv.keyRsaSize, breaks: "the key is 2048-bit", mutate: (f) => void (key(f).keySize = 2048), resource: "state-cmk", message: /at least 3072/ },
    { control: kv.keyRsaSize, breaks: "the key is an EC key", mutate: (f) => void (key(f).kty = "EC"), resource: "state-cmk", message: /kty/ },
    { control: kv.keyRotationPolicy, breaks: "the key has no rotation policy", mutate: (f) => void delete key(f).rotationPolicy, resource: "state-cmk" },
    { control: kv.keyRotationPolicy, breaks: "the rotation policy only notifies", mutate: (f) => void key(f).rotationPolicy.lifetimeActions.shift(), resource: "state-cmk" },
    {
        control: kv.keyRotationPolicy,
        breaks: "the rotate action has no trigger",
        mutate: (f) => void (key(f).rotationPolicy.lifetimeActions[0].trigger = {}),
        resource: "state-cmk",
    },
]);

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
