// Break cases for the azure.keyVault policies: see testBreakCases in ../helpers.ts.
import * as encryption from "../../src/azure/encryption";
import * as keys from "../../src/azure/keyVaultKeys";
import { compliantStack, inputsOf, recordNamed } from "../fixtures/stack";
import { BreakCase } from "../helpers";

export type File = ReturnType<typeof compliantStack>;
export const vault = (f: File) => inputsOf(f, "state-vault").properties;
export const key = (f: File) => inputsOf(f, "state-cmk").properties;

export const cases: BreakCase[] = [
    { control: encryption.vaultRbacAuthorization, breaks: "the vault uses access policies", mutate: (f) => void (vault(f).enableRbacAuthorization = false), resource: "state-vault" },
    { control: encryption.vaultPurgeProtection, breaks: "purge protection is off", mutate: (f) => void delete vault(f).enablePurgeProtection, resource: "state-vault" },
    { control: encryption.vaultSoftDeleteRetention, breaks: "soft delete is off", mutate: (f) => void (vault(f).enableSoftDelete = false), resource: "state-vault", message: /enableSoftDelete/ },
    { control: encryption.vaultSoftDeleteRetention, breaks: "deleted keys are kept 7 days", mutate: (f) => void (vault(f).softDeleteRetentionInDays = 7), resource: "state-vault", message: /at least 90/ },
    { control: encryption.vaultPublicNetworkDisabled, breaks: "the vault is public", mutate: (f) => void (vault(f).publicNetworkAccess = "Enabled"), resource: "state-vault" },
    { control: encryption.vaultKeysOnly, breaks: "the vault serves VM deployment", mutate: (f) => void (vault(f).enabledForDeployment = true), resource: "state-vault", message: /enabledForDeployment is true/ },
    { control: encryption.vaultKeysOnly, breaks: "the vault serves disk encryption", mutate: (f) => void (vault(f).enabledForDiskEncryption = true), resource: "state-vault", message: /enabledForDiskEncryption is true/ },
    { control: encryption.vaultKeysOnly, breaks: "the vault serves template deployment", mutate: (f) => void (vault(f).enabledForTemplateDeployment = true), resource: "state-vault", message: /enabledForTemplateDeployment is true/ },
    { control: encryption.vaultNetworkAclsDeny, breaks: "the vault firewall allows by default", mutate: (f) => void (vault(f).networkAcls.defaultAction = "Allow"), resource: "state-vault" },
    { control: encryption.vaultNetworkAclsDeny, breaks: "trusted services cannot pass the vault firewall", mutate: (f) => void (vault(f).networkAcls.bypass = "None"), resource: "state-vault", message: /bypass/ },
    { control: keys.keyRsaSize, breaks: "the key is 2048-bit", mutate: (f) => void (key(f).keySize = 2048), resource: "state-cmk", message: /at least 3072/ },
    { control: keys.keyRsaSize, breaks: "the key is an EC key", mutate: (f) => void (key(f).kty = "EC"), resource: "state-cmk", message: /kty/ },
    { control: keys.keyOperations, breaks: "the CMK may also decrypt", mutate: (f) => void (key(f).keyOps = ["wrapKey", "unwrapKey", "decrypt"]), resource: "state-cmk", message: /one purpose/ },
    { control: keys.keyOperations, breaks: "the secrets key may sign", mutate: (f) => void inputsOf(f, "pulumi-secrets-key").properties.keyOps.push("sign"), resource: "pulumi-secrets-key", message: /one purpose/ },
    { control: keys.keyOperations, breaks: "the key allows every operation", mutate: (f) => void delete key(f).keyOps, resource: "state-cmk", message: /not set/ },
    { control: keys.cmkRotation, breaks: "the key has no rotation policy", mutate: (f) => void delete key(f).rotationPolicy, resource: "state-cmk" },
    { control: keys.cmkRotation, breaks: "the rotation policy only notifies", mutate: (f) => void key(f).rotationPolicy.lifetimeActions.shift(), resource: "state-cmk" },
    {
        control: keys.secretsKeyNotAutoRotated,
        breaks: "the secrets-provider key gets an automatic rotation",
        mutate: (f) => void (inputsOf(f, "pulumi-secrets-key").properties.rotationPolicy = { attributes: { expiryTime: "P2Y" }, lifetimeActions: [{ action: { type: "Rotate" }, trigger: { timeAfterCreate: "P90D" } }] }),
        resource: "pulumi-secrets-key",
    },
    {
        control: keys.cmkRotation,
        breaks: "the rotate action has no trigger",
        mutate: (f) => void (key(f).rotationPolicy.lifetimeActions[0].trigger = {}),
        resource: "state-cmk",
    },
    { control: keys.keyExpiry, breaks: "the secrets key never expires", mutate: (f) => void delete inputsOf(f, "pulumi-secrets-key").properties.attributes, resource: "pulumi-secrets-key", message: /must have an expiration date/ },
    { control: keys.keyExpiry, breaks: "every run would try to move the expiry", mutate: (f) => void (recordNamed(f, "state-cmk").ignoreChanges = []), resource: "state-cmk", message: /ignoreChanges/ },
    { control: keys.keyExpiry, breaks: "rotated versions never expire", mutate: (f) => void delete key(f).rotationPolicy.attributes, resource: "state-cmk", message: /expiryTime/ },
];
