package io.statebackend.azure;

import io.statebackend.mockrun.PlanMocks;
import io.statebackend.mockrun.PlanResult;
import io.statebackend.mockrun.ProgramRun;
import io.statebackend.mockrun.ResourceRecord;
import io.statebackend.settings.SettingsException;
import io.statebackend.settings.StackConfig;
import io.statebackend.testing.Control;
import io.statebackend.testing.PlanAssertions;
import io.statebackend.testing.Records;
import io.statebackend.testing.Runs;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.statebackend.azure.AzureTypes.*;
import static org.junit.jupiter.api.Assertions.*;

class DiagnosticsTest {

    static Set<String> enabledCategories(ResourceRecord setting, String kind) {
        return maps(setting.input(kind)).stream().filter(m -> isTrue(m.get("enabled")))
                .map(m -> String.valueOf(m.get("category"))).collect(Collectors.toSet());
    }

    static final Control BLOB_AUDIT = Control.of("CIS Azure v3.0.0 4.13", "blob reads, writes and deletes logged to Log Analytics",
            r -> {
                ResourceRecord s = r.get(DIAGNOSTIC_SETTING, "state-blob-audit");
                return (idOf(r, ACCOUNT, ACCOUNT_NAME) + "/blobServices/default").equals(s.input("resourceUri"))
                        && s.input("workspaceId") != null
                        && enabledCategories(s, "logs").containsAll(Diagnostics.BLOB_LOG_CATEGORIES)
                        && enabledCategories(s, "metrics").contains("Transaction");
            }).inPack("azure-blob-diagnostic-logging");
    /** Production's created workspace keeps the audit logs at least 90 days (its default, 365). */
    static final Control PRODUCTION_RETENTION = Control.of("audit log retention", "the created workspace keeps logs >= 90 days",
            r -> number(r.get(WORKSPACE, "state-logs").input("retentionInDays")) >= 90)
                    .inPack("azure-log-analytics-retention");
    static final Control VAULT_AUDIT = Control.of("CIS Azure v2.0.0 5.1.5", "every use of the keys logged (AuditEvent)",
            r -> {
                ResourceRecord s = r.get(DIAGNOSTIC_SETTING, "state-vault-audit");
                return idOf(r, VAULT, VAULT_NAME).equals(s.input("resourceUri")) && s.input("workspaceId") != null
                        && enabledCategories(s, "logs").contains("AuditEvent");
            }).inPack("azure-keyvault-diagnostic-logging");

    @Test
    void everyAccessToStateAndKeysIsLoggedInEveryStack() {
        for (PlanResult run : List.of(Runs.prod(), Runs.dev())) {
            BLOB_AUDIT.assertHolds(run);
            VAULT_AUDIT.assertHolds(run);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("weakenings")
    void checksFailWhenACategoryOrTheDestinationIsMissing(Control control, PlanResult weakened) {
        control.assertBroken(weakened);
    }

    static Stream<Arguments> weakenings() {
        PlanResult prod = Runs.prod();
        String accountId = idOf(prod, ACCOUNT, ACCOUNT_NAME);
        return Stream.of(
                Arguments.of(BLOB_AUDIT, Records.withInput(prod, DIAGNOSTIC_SETTING, "state-blob-audit", "logs",
                        List.of(Map.of("category", "StorageRead", "enabled", true), Map.of("category", "StorageWrite", "enabled", true)))),
                Arguments.of(BLOB_AUDIT, Records.withInput(prod, DIAGNOSTIC_SETTING, "state-blob-audit", "workspaceId", null)),
                Arguments.of(BLOB_AUDIT, Records.withInput(prod, DIAGNOSTIC_SETTING, "state-blob-audit", "metrics",
                        List.of(Map.of("category", "Transaction", "enabled", false)))),
                Arguments.of(BLOB_AUDIT, Records.withInput(prod, DIAGNOSTIC_SETTING, "state-blob-audit", "resourceUri", accountId)),
                Arguments.of(VAULT_AUDIT, Records.withInput(prod, DIAGNOSTIC_SETTING, "state-vault-audit", "logs",
                        List.of(Map.of("category", "AuditEvent", "enabled", false)))),
                Arguments.of(VAULT_AUDIT, Records.withInput(prod, DIAGNOSTIC_SETTING, "state-vault-audit", "workspaceId", null)),
                Arguments.of(VAULT_AUDIT, Records.withInput(prod, DIAGNOSTIC_SETTING, "state-vault-audit", "resourceUri", accountId)));
    }

    @Test
    void productionsWorkspaceKeepsTheLogsAtLeastNinetyDays() {
        PRODUCTION_RETENTION.assertHolds(Runs.prod());
        PRODUCTION_RETENTION.assertBroken(Records.withInput(Runs.prod(), WORKSPACE, "state-logs", "retentionInDays", 60));
    }

    @Test
    void logsGoToTheCreatedWorkspaceWithTheConfiguredRetention() {
        ResourceRecord workspace = Runs.prod().get(WORKSPACE, "state-logs");
        assertEquals(365, number(workspace.input("retentionInDays")));
        assertEquals(30, number(Runs.dev().get(WORKSPACE, "state-logs").input("retentionInDays")));
        String workspaceId = SUBSCRIPTION + "/resourceGroups/rg-pulumi-state-prod"
                + "/providers/Microsoft.OperationalInsights/workspaces/log-pulumi-state";
        assertEquals(workspaceId, Runs.prod().get(DIAGNOSTIC_SETTING, "state-blob-audit").input("workspaceId"));
    }

    @Test
    void anExistingWorkspaceIsUsedAndNoneIsCreated() {
        String existing = "/subscriptions/" + Stacks.ownSubscription() + "/resourceGroups/rg-monitoring"
                + "/providers/Microsoft.OperationalInsights/workspaces/log-central";
        PlanResult run = Stacks.runWith("prod", Map.of("azureExistingLogAnalyticsWorkspaceId", existing));
        assertTrue(run.ofType(WORKSPACE).isEmpty());
        assertEquals(existing, run.get(DIAGNOSTIC_SETTING, "state-blob-audit").input("workspaceId"));
        assertEquals(existing, run.get(DIAGNOSTIC_SETTING, "state-vault-audit").input("workspaceId"));
    }

    /**
     * In production an existing workspace in the deployment's subscription must keep the audit logs as long as
     * azureLogRetentionDays asks: Azure reports how long each table they land in keeps them, and one that keeps them
     * 30 days stops the run before any diagnostic setting points there.
     */
    @Test
    void inProductionAnExistingWorkspaceThatKeepsLogsTooBrieflyStopsTheRun() {
        String briefly = PlanMocks.existingWorkspaceId(PlanMocks.WORKSPACE_THIRTY_DAYS);
        PlanResult run = Stacks.runWith("prod", Map.of("azureExistingLogAnalyticsWorkspaceId", briefly));
        SettingsException error = assertInstanceOf(SettingsException.class, run.error().orElseThrow());
        assertEquals("state-backend:azureExistingLogAnalyticsWorkspaceId: got \"" + briefly + "\"; expected a workspace"
                + " that keeps logs at least 365 days (state-backend:azureLogRetentionDays); its table StorageBlobLogs"
                + " keeps them 30", error.getMessage());
        PlanAssertions.assertNoCloudResources(run);

        PlanResult asked = Stacks.runWith("prod", Map.of("azureExistingLogAnalyticsWorkspaceId", briefly,
                "azureLogRetentionDays", "30"));
        assertTrue(asked.error().isPresent(), "production keeps audit logs at least 90 days whatever is asked");
        PlanResult inDev = Stacks.runWith("dev", Map.of("azureExistingLogAnalyticsWorkspaceId", briefly));
        assertEquals(Optional.empty(), inDev.error(), "development takes the workspace as given");
        assertEquals(briefly, inDev.get(DIAGNOSTIC_SETTING, "state-blob-audit").input("workspaceId"));

        String elsewhere = briefly.replace(PlanMocks.SUBSCRIPTION_ID, Stacks.ownSubscription());
        PlanResult central = Stacks.runWith("prod", Map.of("azureExistingLogAnalyticsWorkspaceId", elsewhere));
        assertEquals(Optional.empty(), central.error(), "a workspace in another subscription, which the provider"
                + " cannot read, is taken as given, not looked up in the deployment's");
        assertEquals(elsewhere, central.get(DIAGNOSTIC_SETTING, "state-blob-audit").input("workspaceId"));
    }

    /** The workspace's refusal comes after the settings were loaded; a workspace id the stack keeps secret is still unquoted. */
    @Test
    void aSecretWorkspaceIdIsRefusedWithoutItsValue() {
        String briefly = PlanMocks.existingWorkspaceId(PlanMocks.WORKSPACE_THIRTY_DAYS);
        StackConfig given = Stacks.configWith("prod", Map.of("azureExistingLogAnalyticsWorkspaceId", briefly));
        StackConfig secret = new StackConfig() {
            @Override
            public Optional<String> get(String qualifiedKey) {
                return given.get(qualifiedKey);
            }

            @Override
            public Optional<Set<String>> keys() {
                return given.keys();
            }

            @Override
            public boolean isSecret(String qualifiedKey) {
                return qualifiedKey.equals("state-backend:azureExistingLogAnalyticsWorkspaceId");
            }
        };
        PlanResult run = ProgramRun.run("state-backend", "prod", secret, Stacks.TODAY);
        String message = run.error().orElseThrow().getMessage();
        assertTrue(message.startsWith("state-backend:azureExistingLogAnalyticsWorkspaceId: got a secret value (not shown);"
                + " expected a workspace that keeps logs at least 365 days"), message);
        assertFalse(message.contains(briefly), message);
    }

    static Stream<Arguments> existingWorkspaces() {
        return Stream.of(
                Arguments.of(PlanMocks.WORKSPACE_WITH_PURGE_FEATURE, "",
                        "a 365-day workspace with the 30-day purge feature on: it only ends a 30-day retention sooner"),
                Arguments.of(PlanMocks.WORKSPACE_WITH_BLOB_TABLE_THIRTY_DAYS, "its table StorageBlobLogs keeps them 30",
                        "the blob logs' table keeps 30 days in a 365-day workspace"),
                Arguments.of(PlanMocks.WORKSPACE_WITH_SHARED_TABLE_THIRTY_DAYS, "its table AzureDiagnostics keeps them 30",
                        "the vault's AuditEvent table keeps 30 days in a 365-day workspace"),
                Arguments.of(PlanMocks.WORKSPACE_WITH_BLOB_TABLE_ARCHIVED, "",
                        "30 days interactive and 335 archived: kept, and restorable"),
                Arguments.of(PlanMocks.WORKSPACE_WITH_AUDIT_TABLES_A_YEAR, "",
                        "a 30-day workspace whose audit tables keep 365 days"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("existingWorkspaces")
    void inProductionWhatTheAuditTablesKeepDecides(String workspace, String refusal, String why) {
        String id = PlanMocks.existingWorkspaceId(workspace);
        PlanResult run = Stacks.runWith("prod", Map.of("azureExistingLogAnalyticsWorkspaceId", id));
        if (refusal.isEmpty()) {
            assertEquals(Optional.empty(), run.error(), why);
            assertEquals(id, run.get(DIAGNOSTIC_SETTING, "state-vault-audit").input("workspaceId"));
        } else {
            String message = run.error().orElseThrow(() -> new AssertionError(why + ": not refused")).getMessage();
            assertTrue(message.endsWith("; " + refusal), why + ": " + message);
            PlanAssertions.assertNoCloudResources(run);
        }
    }

    @Test
    void inProductionAWorkspaceAzureCannotFindStopsTheRunWithTheSettingsLine() {
        String missing = PlanMocks.existingWorkspaceId(PlanMocks.WORKSPACE_NOT_FOUND);
        PlanResult run = Stacks.runWith("prod", Map.of("azureExistingLogAnalyticsWorkspaceId", missing));
        SettingsException error = assertInstanceOf(SettingsException.class, run.error().orElseThrow());
        assertTrue(error.getMessage().startsWith("state-backend:azureExistingLogAnalyticsWorkspaceId: got \"" + missing
                + "\"; expected a workspace this deployment can read; reading it failed: "), error.getMessage());
        assertTrue(error.getMessage().endsWith("was not found."), error.getMessage());
        PlanAssertions.assertNoCloudResources(run);
    }

    /** The vault's AuditEvent lands in AzureDiagnostics, the table the retention check reads, only without this. */
    @Test
    void theVaultsAuditLogsGoToTheSharedTableWhoseRetentionIsChecked() {
        assertNull(Runs.prod().get(DIAGNOSTIC_SETTING, "state-vault-audit").input("logAnalyticsDestinationType"));
    }

    @Test
    void diagnosticsWaitForNothingButTheResourcesTheyWatch() {
        assertTrue(Runs.prod().get(DIAGNOSTIC_SETTING, "state-blob-audit").dependsOn().isEmpty());
        assertTrue(Runs.prod().get(DIAGNOSTIC_SETTING, "state-vault-audit").dependsOn().isEmpty());
    }
}
