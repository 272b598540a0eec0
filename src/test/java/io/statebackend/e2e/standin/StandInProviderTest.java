package io.statebackend.e2e.standin;

import io.statebackend.mockrun.PlanMocks;
import org.junit.jupiter.api.Test;
import pulumirpc.Provider.DiffResponse;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The stand-in's own logic: what it reads from URNs, how it diffs, and what it leaves unknown in a preview. */
class StandInProviderTest {

    static final String URN = "urn:pulumi:dev::state-backend::state-backend:azure:StateStore"
            + "$azure-native:storage:StorageAccount::state-account";

    @Test
    void theResourceNameAndTypeComeFromTheUrn() {
        assertEquals("state-account", StandInProvider.nameOf(URN));
        assertEquals("azure-native:storage:StorageAccount", StandInProvider.typeOf(URN));
        assertEquals("aws:s3/bucketV2:BucketV2",
                StandInProvider.typeOf("urn:pulumi:dev::p::aws:s3/bucketV2:BucketV2::state-bucket"));
    }

    @Test
    void onlyChangedAddedOrRemovedInputsAreDifferences() {
        DiffResponse same = StandInProvider.diff(Map.of("a", 1, "b", "x"), Map.of("a", 1, "b", "x"));
        assertEquals(DiffResponse.DiffChanges.DIFF_NONE, same.getChanges());
        DiffResponse changed = StandInProvider.diff(Map.of("a", 1, "gone", true), Map.of("a", 2, "added", "y"));
        assertEquals(DiffResponse.DiffChanges.DIFF_SOME, changed.getChanges());
        assertEquals(List.of("a", "added", "gone"), changed.getDiffsList());
        assertEquals(List.of(), changed.getReplacesList(), "no stand-in property forces a replacement");
    }

    @Test
    void aPreviewKeepsTheInputsAndLeavesEveryComputedValueUnknownAtAnyDepth() {
        Map<String, Object> inputs = Map.of("vaultName", "kv", "properties", Map.of("tenantId", "t"));
        Map<String, Object> created = Map.of("vaultName", "kv", "name", "kv",
                "properties", Map.of("tenantId", "t", "vaultUri", "https://kv.vault.azure.net/"));
        assertEquals(Map.of("vaultName", "kv", "name", StandInProvider.UNKNOWN,
                        "properties", Map.of("tenantId", "t", "vaultUri", StandInProvider.UNKNOWN)),
                StandInProvider.unknownWhereComputed(inputs, created));
    }

    /**
     * azure-native previews a key in its outputs' shape: its flattened properties are known, its name (from the
     * request's path) and what Key Vault computes (the key's URI) are not.
     */
    @Test
    void anAzureNativePreviewKnowsTheFlattenedPropertiesNotTheNameNorTheComputedValues() {
        Map<String, Object> inputs = Map.of("vaultName", "kv", "resourceGroupName", "rg", "keyName", "cmk",
                "properties", Map.of("kty", "RSA"));
        PlanMocks.Created created = PlanMocks.create("azure-native:keyvault:Key", "storage-cmk", inputs, "");
        Map<String, Object> preview = StandInProvider.unknownWhereComputed(
                PlanMocks.outputsShaped("azure-native:keyvault:Key", inputs), created.state());
        assertEquals("cmk", created.state().get("name"), "the key is named once it exists");
        assertEquals(StandInProvider.UNKNOWN, preview.get("name"));
        assertEquals("RSA", preview.get("kty"));
        assertEquals(StandInProvider.UNKNOWN, preview.get("keyUri"));
        assertFalse(preview.containsKey("vaultName"), "no path parameter comes back");
    }
}
