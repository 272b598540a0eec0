import { test } from "node:test";
import * as assert from "node:assert/strict";
import { configDefaults } from "../src/common/control";
import { enforcementLevelFor, validatePackConfig } from "../src/common/config";
import { accountLocked as storageAccountLocked } from "../src/azure/protection";
import { allControls } from "../src/registry";
import { loadPackConfig } from "./helpers";

test("the stack config files are valid", () => {
    assert.deepEqual(validatePackConfig(loadPackConfig("prod")), []);
    assert.deepEqual(validatePackConfig(loadPackConfig("dev")), []);
});

test("every policy's config defaults satisfy its own schema", () => {
    for (const control of allControls) {
        const defaults = configDefaults(control.policy.configSchema?.properties);
        assert.deepEqual(validatePackConfig({ [control.policy.name]: defaults }), [], control.policy.name);
    }
});

test("invalid configs are rejected with one line naming the policy and key", () => {
    const errors = validatePackConfig({
        "azure-blob-soft-delete": { minimumSoftDeleteRetentionDays: 0 },
        "azure-container-soft-delete": { minimumSoftDeleteDays: 30 },
        "azure-storage-geo-redundant-sku": { allowedRedundancySkus: [] },
        "azure-keyvault-key-rsa-size": { minimumKeySize: 1024 },
        "aws-kms-deletion-window": { minimumKmsDeletionWindowDays: 45 },
        "azure-backup-policy-retention": { minimumBackupRetentionDays: "thirty" },
        "aws-s3-sse-kms": "strict",
        "azure-storage-acount-locked": "advisory",
        all: { enforcementLevel: "sometimes" },
    });
    assert.deepEqual(errors, [
        "azure-blob-soft-delete.minimumSoftDeleteRetentionDays: must be >= 1",
        'azure-container-soft-delete: unknown setting "minimumSoftDeleteDays" (allowed: enforcementLevel, minimumSoftDeleteRetentionDays)',
        "azure-storage-geo-redundant-sku.allowedRedundancySkus: must NOT have fewer than 1 items",
        "azure-keyvault-key-rsa-size.minimumKeySize: must be equal to one of the allowed values ([2048,3072,4096])",
        "aws-kms-deletion-window.minimumKmsDeletionWindowDays: must be <= 30",
        "azure-backup-policy-retention.minimumBackupRetentionDays: must be integer",
        'aws-s3-sse-kms: enforcement level "strict" is not one of advisory, mandatory, remediate, disabled',
        "azure-storage-acount-locked: unknown policy (not in the state-backend pack)",
        'all.enforcementLevel: enforcement level "sometimes" is not one of advisory, mandatory, remediate, disabled',
    ]);
    assert.deepEqual(validatePackConfig([]), ["policy pack config must be a JSON object keyed by policy name"]);
});

test("enforcement: the policy's own entry, then all, then its default", () => {
    assert.equal(enforcementLevelFor({}, storageAccountLocked), "mandatory");
    assert.equal(enforcementLevelFor({ all: "advisory" }, storageAccountLocked), "advisory");
    assert.equal(enforcementLevelFor({ all: "advisory", "azure-storage-account-locked": { enforcementLevel: "mandatory" } }, storageAccountLocked), "mandatory");
    assert.equal(enforcementLevelFor(loadPackConfig("dev"), storageAccountLocked), "advisory");
    assert.equal(enforcementLevelFor(loadPackConfig("prod"), storageAccountLocked), "mandatory");
});
