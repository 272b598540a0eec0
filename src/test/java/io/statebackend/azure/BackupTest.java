package io.statebackend.azure;

import io.statebackend.mockrun.PlanResult;
import io.statebackend.mockrun.PlanMocks;
import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.testing.Control;
import io.statebackend.testing.Records;
import io.statebackend.testing.Runs;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.statebackend.azure.AzureTypes.*;
import static io.statebackend.testing.PlanAssertions.assertRejectedSetting;
import static org.junit.jupiter.api.Assertions.*;

class BackupTest {

    static ResourceRecord backupVault(PlanResult r) {
        return r.get(BACKUP_VAULT, "state-backup-vault");
    }

    static Map<?, ?> rule(PlanResult r, String objectType) {
        return maps(r.get(BACKUP_POLICY, "state-backup-policy").input("properties.policyRules")).stream()
                .filter(m -> objectType.equals(m.get("objectType"))).findFirst().orElse(Map.of());
    }

    static final Control GEO_REDUNDANT_VAULT = Control.of("backup vault", "geo-redundant vault store, soft delete on, immutable",
            r -> maps(backupVault(r).input("properties.storageSettings")).stream().anyMatch(s ->
                    "VaultStore".equals(s.get("datastoreType")) && "GeoRedundant".equals(s.get("type")))
                    && "On".equals(backupVault(r).input("properties.securitySettings.softDeleteSettings.state"))
                    && List.of("Unlocked", "Locked").contains(backupVault(r).input("properties.securitySettings.immutabilitySettings.state"))
                    && "SystemAssigned".equals(backupVault(r).input("identity.type")))
                            .inPack("azure-backup-vault-geo-redundant", "azure-backup-vault-soft-delete", "azure-backup-vault-immutability", "azure-backup-vault-system-identity");

    static Control dailyVaultedBackupKept(int days) {
        return Control.of("daily backup", "daily vaulted backup kept " + days + " days",
                r -> String.valueOf(ResourceRecord.at(rule(r, "AzureBackupRule"), "trigger.schedule.repeatingTimeIntervals")).endsWith("/P1D]")
                        && "VaultStore".equals(ResourceRecord.at(rule(r, "AzureBackupRule"), "dataStore.dataStoreType"))
                        && "Discrete".equals(ResourceRecord.at(rule(r, "AzureBackupRule"), "backupParameters.backupType"))
                        && ("P" + days + "D").equals(ResourceRecord.at(rule(r, "AzureRetentionRule"), "lifecycles.0.deleteAfter.duration")))
                                .inPack("azure-backup-policy-daily-vault-tier", "azure-backup-policy-retention");
    }

    static final Control CONTAINER_COVERED = Control.of("backup instance",
            "the state container is backed up, once the vault may read the account and versioning and change feed are on",
            r -> {
                ResourceRecord instance = r.get(BACKUP_INSTANCE, "state-backup-instance");
                ResourceRecord grant = r.get(ROLE_ASSIGNMENT, "backup-vault-storage-account-backup-contributor");
                return idOf(r, ACCOUNT, ACCOUNT_NAME).equals(instance.input("properties.dataSourceInfo.resourceID"))
                        && Backup.BLOB_DATASOURCE_TYPE.equals(instance.input("properties.dataSourceInfo.datasourceType"))
                        && List.of("pulumi-state").equals(instance.input(
                        "properties.policyInfo.policyParameters.backupDatasourceParametersList.0.containersList"))
                        && BuiltInRole.STORAGE_ACCOUNT_BACKUP_CONTRIBUTOR.id().equals(roleId(grant.input("roleDefinitionId")))
                        && idOf(r, ACCOUNT, ACCOUNT_NAME).equals(grant.input("scope"))
                        && instance.dependsOn().contains(ROLE_ASSIGNMENT + "::backup-vault-storage-account-backup-contributor")
                        && instance.dependsOn().contains(BLOB_SERVICE + "::state-blob-service");
            }).inPack("azure-backup-protects-state-account", "azure-key-and-backup-role-scope");

    @Test
    void productionBacksUpTheStateContainerDailyToAGeoRedundantVault() {
        GEO_REDUNDANT_VAULT.assertHolds(Runs.prod());
        dailyVaultedBackupKept(30).assertHolds(Runs.prod());
        CONTAINER_COVERED.assertHolds(Runs.prod());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("weakenings")
    void checksFailWhenBackupIsWeakened(Control control, PlanResult weakened) {
        control.assertBroken(weakened);
    }

    static Stream<Arguments> weakenings() {
        PlanResult prod = Runs.prod();
        return Stream.of(
                Arguments.of(GEO_REDUNDANT_VAULT, Records.withInput(prod, BACKUP_VAULT, "state-backup-vault", "properties.storageSettings", List.of(Map.of("datastoreType", "VaultStore", "type", "LocallyRedundant")))),
                Arguments.of(GEO_REDUNDANT_VAULT, Records.withInput(prod, BACKUP_VAULT, "state-backup-vault", "properties.securitySettings.immutabilitySettings.state", "Disabled")),
                Arguments.of(GEO_REDUNDANT_VAULT, Records.withInput(prod, BACKUP_VAULT, "state-backup-vault", "properties.securitySettings.softDeleteSettings.state", "Off")),
                Arguments.of(GEO_REDUNDANT_VAULT, Records.withInput(prod, BACKUP_VAULT, "state-backup-vault", "identity.type", "None")),
                Arguments.of(dailyVaultedBackupKept(30), Records.withInput(prod, BACKUP_POLICY, "state-backup-policy", "properties.policyRules", List.of())),
                Arguments.of(CONTAINER_COVERED, Records.with(prod, BACKUP_INSTANCE, "state-backup-instance", Records::withoutDependencies)),
                Arguments.of(dailyVaultedBackupKept(30), Records.withInput(prod, BACKUP_POLICY, "state-backup-policy", "properties.policyRules.0.trigger.schedule.repeatingTimeIntervals", List.of("R/2024-01-01T02:00:00+00:00/P1W"))),
                Arguments.of(dailyVaultedBackupKept(30), Records.withInput(prod, BACKUP_POLICY, "state-backup-policy", "properties.policyRules.0.dataStore.dataStoreType", "OperationalStore")),
                Arguments.of(dailyVaultedBackupKept(30), Records.withInput(prod, BACKUP_POLICY, "state-backup-policy", "properties.policyRules.0.backupParameters.backupType", "Incremental")),
                Arguments.of(dailyVaultedBackupKept(30), Records.withInput(prod, BACKUP_POLICY, "state-backup-policy", "properties.policyRules.1.lifecycles.0.deleteAfter.duration", "P7D")),
                Arguments.of(CONTAINER_COVERED, Records.withInput(prod, BACKUP_INSTANCE, "state-backup-instance", "properties.dataSourceInfo.resourceID", SUBSCRIPTION + "/resourceGroups/rg-elsewhere/providers/Microsoft.Storage/storageAccounts/stelsewhere")),
                Arguments.of(CONTAINER_COVERED, Records.withInput(prod, BACKUP_INSTANCE, "state-backup-instance", "properties.dataSourceInfo.datasourceType", "Microsoft.Compute/disks")),
                Arguments.of(CONTAINER_COVERED, Records.withInput(prod, BACKUP_INSTANCE, "state-backup-instance", "properties.policyInfo.policyParameters.backupDatasourceParametersList.0.containersList", List.of("other-container"))),
                Arguments.of(CONTAINER_COVERED, Records.withInput(prod, ROLE_ASSIGNMENT, "backup-vault-storage-account-backup-contributor", "roleDefinitionId", BuiltInRole.STORAGE_BLOB_DATA_READER.definitionIdIn(PlanMocks.SUBSCRIPTION_ID))),
                Arguments.of(CONTAINER_COVERED, Records.withInput(prod, ROLE_ASSIGNMENT, "backup-vault-storage-account-backup-contributor", "scope", idOf(prod, CONTAINER, "state-container"))),
                Arguments.of(CONTAINER_COVERED, Records.with(prod, BACKUP_INSTANCE, "state-backup-instance", i -> Records.withoutDependency(i, ROLE_ASSIGNMENT + "::backup-vault-storage-account-backup-contributor"))),
                Arguments.of(CONTAINER_COVERED, Records.with(prod, BACKUP_INSTANCE, "state-backup-instance", i -> Records.withoutDependency(i, BLOB_SERVICE + "::state-blob-service"))));
    }

    @Test
    void vaultIdentityIsGrantedOnTheAccount() {
        ResourceRecord grant = Runs.prod().get(ROLE_ASSIGNMENT, "backup-vault-storage-account-backup-contributor");
        String vaultPrincipal = java.util.UUID.nameUUIDFromBytes(
                "principal/backup/bv-pulumi-state".getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        assertEquals(vaultPrincipal, grant.input("principalId"), "the grant goes to the vault's own identity");
        assertEquals("ServicePrincipal", grant.input("principalType"));
    }

    @Test
    void developmentKeepsBackupWithShorterRetentionAndCanSwitchItOff() {
        GEO_REDUNDANT_VAULT.assertHolds(Runs.dev());
        dailyVaultedBackupKept(7).assertHolds(Runs.dev());
        CONTAINER_COVERED.assertHolds(Runs.dev());
        PlanResult off = Stacks.runWith("dev", Map.of("azureBackupEnabled", "false"));
        assertTrue(off.ofType(BACKUP_VAULT).isEmpty() && off.ofType(BACKUP_POLICY).isEmpty() && off.ofType(BACKUP_INSTANCE).isEmpty());
    }

    @Test
    void vaultSettingsFollowTheStack() {
        PlanResult run = Stacks.runWith("prod", Map.of("azureBackupImmutability", "Locked", "azureBackupSoftDeleteDays", "30",
                "azureBackupRetentionDays", "90"));
        assertEquals("Locked", backupVault(run).input("properties.securitySettings.immutabilitySettings.state"));
        assertEquals(30, number(backupVault(run).input("properties.securitySettings.softDeleteSettings.retentionDurationInDays")));
        dailyVaultedBackupKept(90).assertHolds(run);
    }

    @Test
    void theDailyBackupStartsAtTheConfiguredUtcTime() {
        assertEquals(List.of("R/2024-01-01T02:00:00+00:00/P1D"),
                ResourceRecord.at(rule(Stacks.run("prod"), "AzureBackupRule"), "trigger.schedule.repeatingTimeIntervals"));
        PlanResult run = Stacks.runWith("prod", Map.of("azureBackupStartTime", "23:30"));
        assertEquals(List.of("R/2024-01-01T23:30:00+00:00/P1D"),
                ResourceRecord.at(rule(run, "AzureBackupRule"), "trigger.schedule.repeatingTimeIntervals"));
        assertEquals("UTC", ResourceRecord.at(rule(run, "AzureBackupRule"), "trigger.schedule.timeZone"));
        dailyVaultedBackupKept(30).assertHolds(run);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2:00", "24:00", "02:15", "02:00:00", "noon"})
    void aStartTimeOffTheHalfHourGridIsRefused(String time) {
        assertRejectedSetting(Stacks.runWith("prod", Map.of("azureBackupStartTime", time)),
                "state-backend:azureBackupStartTime", time);
    }
}
