// The two keys, as KeyVaultKeys.java declares them: the customer-managed key that encrypts the state account, which
// rotates itself, and the key behind the azurekeyvault:// secrets provider, which is rotated by the runbook.
import { PolicyResource } from "@pulumi/policy";
import { expectAtLeast, expectSet, expectValue } from "../common/checks";
import { Control, ofType, resourceControl, stackControl } from "../common/control";
import { isUnknown, list, read, sameText, show } from "../common/props";
import { inputSources } from "../common/relations";
import { Thresholds } from "../common/thresholds";
import { AzureTypes } from "./types";

const Key = AzureTypes.Key;

export const keyRsaSize = resourceControl<{ minimumKeySize: number }>({
    name: "azure-keyvault-key-rsa-size",
    controlId: "Baseline: RSA key strength (NIST SP 800-57: 3072-bit for use beyond 2030)",
    requirement:
        "The key is RSA (what storage encryption and the azurekeyvault:// secrets provider use) and at least the configured size.",
    remedy: "set properties.kty: \"RSA\" (or \"RSA-HSM\") and properties.keySize to at least minimumKeySize.",
    resourceType: Key,
    config: {
        minimumKeySize: {
            type: "integer",
            enum: [2048, 3072, 4096],
            default: Thresholds.minimumKeySize,
            description: "Smallest RSA key size accepted, in bits.",
        },
    },
    validate: (props, report, config) => {
        expectValue(props, "properties.kty", ["RSA", "RSA-HSM"], report);
        expectAtLeast(props, "properties.keySize", config.minimumKeySize, report);
    },
});

// The operations of each purpose, as Key Vault names them. A key used for one purpose only (NIST SP 800-57 Part 1,
// 5.2) limits what a holder of a role on it can do: a CMK that could also decrypt, or a secrets key that could wrap,
// would serve a second use nobody reviewed.
const PURPOSES: Record<string, string[]> = {
    "wrapping the storage account's data keys": ["wrapKey", "unwrapKey"],
    "encrypting stack secrets": ["encrypt", "decrypt"],
};

export const keyOperations = resourceControl({
    name: "azure-keyvault-key-operations",
    controlId: "Baseline: one purpose per key (NIST SP 800-57 Part 1, 5.2)",
    requirement:
        "The key allows the operations of one of two purposes only: wrapKey and unwrapKey (what the storage account's customer-managed key needs) or encrypt and decrypt (what the secrets provider's key needs). Which key serves which purpose the program's own tests check, not the pack.",
    remedy: "set properties.keyOps to [\"wrapKey\", \"unwrapKey\"] or to [\"encrypt\", \"decrypt\"].",
    resourceType: Key,
    validate: (props, report) => {
        const ops = list(props, "properties.keyOps");
        if (isUnknown(ops) || ops.some(isUnknown)) {
            return;
        }
        if (ops.length === 0) {
            report("properties.keyOps is not set; Key Vault then allows every operation the key type has.");
        } else if (!Object.values(PURPOSES).some((allowed) => ops.every((op) => allowed.some((a) => sameText(op, a))))) {
            const purposes = Object.entries(PURPOSES).map(([purpose, allowed]) => `${show(allowed)} for ${purpose}`).join(" or ");
            report(`properties.keyOps is ${show(ops)}; a key serves one purpose: ${purposes}.`);
        }
    },
});

/**
 * Whether a key is a storage account's customer-managed key: an account's
 * encryption.keyVaultProperties.keyName names it, or the account's encryption depends on it; when
 * neither can be told in a preview, a key allowed to wrap keys is taken for a CMK (the secrets-provider
 * key only encrypts and decrypts). Reads the key's outputs, as stack policies get them: azure-native
 * returns the key's name as `name` and its properties flattened (`keyOps`, `rotationPolicy`).
 */
export function isStorageCmk(key: PolicyResource, resources: readonly PolicyResource[]): boolean {
    const accounts = ofType(resources, AzureTypes.StorageAccount);
    const keyName = read(key.props, "name");
    const cmkNames = accounts.map((a) => read(a.props, "encryption.keyVaultProperties.keyName"));
    if (typeof keyName === "string" && cmkNames.some((n) => typeof n === "string" && sameText(n, keyName))) {
        return true;
    }
    if (accounts.some((a) => inputSources(a, "encryption").some((d) => d.urn === key.urn))) {
        return true;
    }
    if (isUnknown(keyName) || cmkNames.some(isUnknown)) {
        const ops = list(key.props, "keyOps");
        return !isUnknown(ops) && ops.some((op) => sameText(op, "wrapKey") || sameText(op, "unwrapKey"));
    }
    return false;
}

/** Whether a key's rotation policy rotates it: a "rotate" lifetime action with a trigger. */
export function rotatesAutomatically(rotationPolicy: unknown): boolean | undefined {
    const actions = list(rotationPolicy, "lifetimeActions");
    if (isUnknown(actions)) {
        return undefined;
    }
    return actions.some((a) => {
        const type = read(a, "action.type");
        const triggers = [read(a, "trigger.timeAfterCreate"), read(a, "trigger.timeBeforeExpiry")];
        const triggered = isUnknown(read(a, "trigger")) || triggers.some((t) => isUnknown(t) || (typeof t === "string" && t !== ""));
        return (isUnknown(type) || sameText(type, "rotate")) && triggered;
    });
}

export const cmkRotation = stackControl({
    name: "azure-keyvault-cmk-rotation",
    controlId: "CIS Azure v2.0.0 8.8 (automatic key rotation)",
    requirement: "The storage account's customer-managed key rotates itself: its rotation policy has a \"rotate\" lifetime action with a trigger.",
    remedy:
        "set properties.rotationPolicy.lifetimeActions on the CMK to include { action: { type: \"rotate\" }, trigger: { timeAfterCreate: \"P365D\" } } (the account follows it: it references the key without a version).",
    subjectTypes: [Key],
    validate: (resources, report) => {
        for (const key of ofType(resources, Key).filter((k) => isStorageCmk(k, resources))) {
            if (rotatesAutomatically(read(key.props, "rotationPolicy")) === false) {
                report(`CMK ${key.name} has no "rotate" lifetime action with a trigger (timeAfterCreate or timeBeforeExpiry).`, key);
            }
        }
    },
});

// pulumi/pulumi#22338: with an azurekeyvault:// URL that names no version, Pulumi decrypts each stack's
// data key with the key's latest version, so an automatic rotation locks every stack out of its secrets.
export const secretsKeyNotAutoRotated = stackControl({
    name: "azure-keyvault-secrets-key-not-auto-rotated",
    controlId: "Operational: pulumi/pulumi#22338 (azurekeyvault:// decrypts with the latest key version)",
    requirement:
        "A Key Vault key that is not a storage CMK (the Pulumi secrets-provider key) is not rotated automatically; it is rotated with the re-wrap runbook.",
    remedy:
        "drop the \"rotate\" lifetime action from the key (keep a \"notify\" one), or, if every stack uses a versioned azurekeyvault://…/keys/<key>/<version> URL, set this policy to advisory.",
    subjectTypes: [Key],
    validate: (resources, report) => {
        for (const key of ofType(resources, Key).filter((k) => !isStorageCmk(k, resources))) {
            if (rotatesAutomatically(read(key.props, "rotationPolicy")) === true) {
                report(`key ${key.name} rotates automatically; stacks using its versionless azurekeyvault:// URL could no longer decrypt their secrets.`, key);
            }
        }
    },
});

const EXPIRES = "properties.attributes.expires";

// Key Vault refuses encrypt and wrap on an expired key but still decrypts and unwraps, so an expiry never locks
// existing state out; it stops new encryptions until the date is extended.
export const keyExpiry = resourceControl({
    name: "azure-keyvault-key-expiry",
    controlId: "CIS Azure v3.0.0 3.3.1",
    requirement:
        "Every key in the RBAC vault has an expiration date, set at creation and left out of later updates (Azure Resource Manager never updates an existing key, so a new date would show as a change on every run); a key that rotates gives each new version an expiry too.",
    remedy:
        "set properties.attributes.expires (seconds since the epoch) when the key is created, add \"properties.attributes.expires\" to the resource's ignoreChanges, and on a rotating key set properties.rotationPolicy.attributes.expiryTime.",
    resourceType: Key,
    validate: (props, report, _config, args) => {
        const expires = read(props, EXPIRES);
        if (!isUnknown(expires) && typeof expires !== "number") {
            report(`${EXPIRES} is ${show(expires)}; the key must have an expiration date.`);
        } else if (!args.opts.ignoreChanges.includes(EXPIRES)) {
            report(`${EXPIRES} is not in ignoreChanges; every later run would try to change a date Resource Manager cannot update.`);
        }
        if (rotatesAutomatically(read(props, "properties.rotationPolicy")) === true) {
            expectSet(props, "properties.rotationPolicy.attributes.expiryTime", report, "each rotated version must expire");
        }
    },
});

export const keyVaultKeysControls: Control[] = [
    keyRsaSize,
    keyOperations,
    cmkRotation,
    secretsKeyNotAutoRotated,
    keyExpiry,
];
