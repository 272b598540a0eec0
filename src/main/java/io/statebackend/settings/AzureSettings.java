package io.statebackend.settings;

import java.util.List;
import java.util.Optional;

/** The Azure Blob state store's settings; see {@link Setting} for each field's key and meaning. */
public record AzureSettings(
        String location,
        Optional<String> existingResourceGroupName,
        Optional<String> nameSuffix,
        Optional<String> storageAccountName,
        Optional<String> keyVaultName,
        String skuName,
        String containerName,
        int softDeleteRetentionDays,
        int noncurrentVersionRetentionDays,
        List<String> allowedIpRanges,
        Optional<AzureResourceId> existingSubnetId,
        String vnetAddressPrefix,
        Optional<AzureResourceId> existingBlobDnsZoneId,
        Optional<AzureResourceId> existingVaultDnsZoneId,
        Optional<AzureResourceId> existingWorkspaceId,
        int logRetentionDays,
        List<String> stateUserObjectIds,
        List<String> stateReaderObjectIds,
        int keySize,
        int keyRotationDays,
        boolean deleteLocks,
        Optional<Backup> backup) {

    public AzureSettings {
        allowedIpRanges = List.copyOf(allowedIpRanges);
        stateUserObjectIds = List.copyOf(stateUserObjectIds);
        stateReaderObjectIds = List.copyOf(stateReaderObjectIds);
    }

    /** Daily vaulted Azure Backup of the state container; absent when switched off. */
    public record Backup(int retentionDays, String immutability, int softDeleteDays) {
    }
}
