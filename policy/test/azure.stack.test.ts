import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as protection from "../src/azure/protection";
import * as diagnostics from "../src/azure/diagnostics";
import * as network from "../src/azure/network";
import { evaluate, violationsOf } from "../src/common/evaluate";
import { urnOf } from "../src/common/records";
import { compliantStack, recordNamed, without } from "./fixtures/stack";
import { assertFires, loadPackConfig, UNKNOWN_VALUE } from "./helpers";

type File = ReturnType<typeof compliantStack>;

/**
 * The Azure part of the fixture as a first preview sees it: names and ids of the account and vault
 * are outputs not known yet, in every resource that refers to them.
 */
function asPreview(file: File, withDependencies: boolean): File {
    const account = urnOf(recordNamed(file, "state-account"), file);
    const vault = urnOf(recordNamed(file, "state-vault"), file);
    const refer = (name: string, refProperty: string, target: string, edit: (inputs: Record<string, any>) => void) => {
        const record = recordNamed(file, name);
        edit(record.inputs as Record<string, any>);
        if (withDependencies) {
            record.propertyDependencies = { [refProperty]: [target] };
        }
    };
    for (const name of ["state-blob-service", "state-lifecycle", "state-container"]) {
        refer(name, "accountName", account, (i) => void (i.accountName = UNKNOWN_VALUE));
    }
    refer("state-account-lock", "resourceName", account, (i) => void (i.resourceName = UNKNOWN_VALUE));
    refer("state-vault-lock", "resourceName", vault, (i) => void (i.resourceName = UNKNOWN_VALUE));
    refer("state-blob-endpoint", "privateLinkServiceConnections", account, (i) => void (i.privateLinkServiceConnections[0].privateLinkServiceId = UNKNOWN_VALUE));
    refer("state-vault-endpoint", "privateLinkServiceConnections", vault, (i) => void (i.privateLinkServiceConnections[0].privateLinkServiceId = UNKNOWN_VALUE));
    // A zone group that takes the endpoint's name from the endpoint resource sees it unknown, like the zone id.
    for (const [group, endpoint] of [["state-blob-dns", "state-blob-endpoint"], ["state-vault-dns", "state-vault-endpoint"]]) {
        refer(group, "privateEndpointName", urnOf(recordNamed(file, endpoint), file), (i) => {
            i.privateEndpointName = UNKNOWN_VALUE;
            i.privateDnsZoneConfigs[0].privateDnsZoneId = UNKNOWN_VALUE;
        });
    }
    // A VNet link takes its zone's name from the zone resource, which a first preview does not know either.
    for (const [link, zone] of [["state-blob-zone-link", "state-blob-zone"], ["state-vault-zone-link", "state-vault-zone"]]) {
        refer(link, "privateZoneName", urnOf(recordNamed(file, zone), file), (i) => void (i.privateZoneName = UNKNOWN_VALUE));
    }
    refer("state-blob-diagnostics", "resourceUri", account, (i) => void (i.resourceUri = UNKNOWN_VALUE));
    refer("state-vault-diagnostics", "resourceUri", vault, (i) => void (i.resourceUri = UNKNOWN_VALUE));
    refer("state-backup-instance", "properties", account, (i) => {
        i.properties.dataSourceInfo.resourceID = UNKNOWN_VALUE;
        i.properties.dataSourceInfo.resourceName = UNKNOWN_VALUE;
    });
    for (const name of ["state-users-blob-data", "storage-cmk-access", "state-users-key-crypto", "backup-vault-reads-account"]) {
        (recordNamed(file, name).inputs as Record<string, any>).scope = UNKNOWN_VALUE;
    }
    return file;
}

for (const withDependencies of [true, false]) {
    const how = withDependencies ? "property dependencies" : "counting (no dependencies recorded)";
    test(`in a preview with the Azure references unknown the whole pack passes on the compliant stack, matching by ${how}`, () => {
        assert.deepEqual(violationsOf(evaluate(asPreview(compliantStack(), withDependencies), loadPackConfig("prod"))), []);
    });
    test(`in a preview a missing account lock is still found, matching by ${how}`, () => {
        const file = without(asPreview(compliantStack(), withDependencies), "state-account-lock");
        assertFires(protection.accountLocked, file, { alongside: [protection.vaultLocked], resource: "state-account" });
    });
    test(`in a preview private endpoints are told apart by their group ids, matching by ${how}`, () => {
        const file = without(asPreview(compliantStack(), withDependencies), "state-vault-endpoint");
        assertFires(network.vaultHasPrivateEndpoint, file, { alongside: [network.accountHasPrivateEndpoint], resource: "state-vault" });
    });
    test(`in a preview a missing DNS zone group is still found, matching by ${how}`, () => {
        const file = without(asPreview(compliantStack(), withDependencies), "state-vault-dns");
        assertFires(network.endpointHasDnsZoneGroup, file, { alongside: [network.privateDnsZoneGroup], resource: "state-vault-endpoint" });
    });
    test(`in a preview a missing VNet link is still found, matching by ${how}`, () => {
        const file = without(asPreview(compliantStack(), withDependencies), "state-vault-zone-link");
        assertFires(network.zoneHasVnetLink, file, { resource: "state-vault-zone" });
    });
    test(`in a preview diagnostic settings are told apart by their log categories, matching by ${how}`, () => {
        const file = without(asPreview(compliantStack(), withDependencies), "state-vault-diagnostics");
        assertFires(diagnostics.vaultHasDiagnostics, file, { alongside: [diagnostics.accountHasBlobDiagnostics], resource: "state-vault" });
    });
}
