package io.statebackend.azure;

import com.pulumi.azurenative.authorization.AuthorizationFunctions;
import com.pulumi.azurenative.insights.DiagnosticSetting;
import com.pulumi.azurenative.insights.DiagnosticSettingArgs;
import com.pulumi.azurenative.insights.inputs.LogSettingsArgs;
import com.pulumi.azurenative.insights.inputs.MetricSettingsArgs;
import com.pulumi.azurenative.operationalinsights.OperationalinsightsFunctions;
import com.pulumi.azurenative.operationalinsights.Workspace;
import com.pulumi.azurenative.operationalinsights.WorkspaceArgs;
import com.pulumi.azurenative.operationalinsights.enums.WorkspaceSkuNameEnum;
import com.pulumi.azurenative.operationalinsights.inputs.GetTablePlainArgs;
import com.pulumi.azurenative.operationalinsights.inputs.GetWorkspacePlainArgs;
import com.pulumi.azurenative.operationalinsights.inputs.WorkspaceSkuArgs;
import com.pulumi.azurenative.operationalinsights.outputs.GetTableResult;
import com.pulumi.azurenative.operationalinsights.outputs.GetWorkspaceResult;
import com.pulumi.core.Output;
import io.statebackend.settings.AzureResourceId;
import io.statebackend.settings.AzureSettings;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * An audit trail of every read, write and delete of state and every use of its keys (CIS Azure v3.0.0 4.13 blob
 * logging; CIS Azure v2.0.0 5.1.5 Key Vault AuditEvent), sent to Log Analytics.
 */
final class Diagnostics {

    static final List<String> BLOB_LOG_CATEGORIES = List.of("StorageRead", "StorageWrite", "StorageDelete");
    static final String BLOB_METRIC = "Transaction";
    static final String VAULT_LOG_CATEGORY = "AuditEvent";
    /**
     * The workspace tables the audit trail lands in: blob logs go to their resource-specific table; the vault's
     * AuditEvent, sent without a dedicated destination type, to AzureDiagnostics.
     */
    static final List<String> AUDIT_TABLES = List.of("StorageBlobLogs", "AzureDiagnostics");
    /** How long Azure keeps a workspace's logs unless told otherwise. */
    private static final int DEFAULT_WORKSPACE_RETENTION_DAYS = 30;

    Diagnostics(AzureScope scope, Account account, Encryption encryption) {
        Output<String> workspaceId = scope.settings().diagnostics().existingWorkspaceId()
                .map(existing -> Output.of(existing.value()))
                .orElseGet(() -> new Workspace("state-logs", WorkspaceArgs.builder()
                        .resourceGroupName(scope.resourceGroupName())
                        .workspaceName("log-pulumi-state")
                        .location(scope.location())
                        .sku(WorkspaceSkuArgs.builder().name(WorkspaceSkuNameEnum.PerGB2018).build())
                        .retentionInDays(scope.settings().diagnostics().logRetentionDays())
                        .tags(scope.tags())
                        .build(), scope.child()).id());

        // The blob service always exists with its account, so the setting waits for nothing else.
        new DiagnosticSetting("state-blob-audit", DiagnosticSettingArgs.builder()
                .name("pulumi-state-blob-audit")
                .resourceUri(account.account.id().applyValue(id -> id + "/blobServices/default"))
                .workspaceId(workspaceId)
                .logs(BLOB_LOG_CATEGORIES.stream().map(Diagnostics::log).toList())
                .metrics(MetricSettingsArgs.builder().category(BLOB_METRIC).enabled(true).build())
                .build(), scope.child());

        new DiagnosticSetting("state-vault-audit", DiagnosticSettingArgs.builder()
                .name("pulumi-state-vault-audit")
                .resourceUri(encryption.vault.id())
                .workspaceId(workspaceId)
                .logs(log(VAULT_LOG_CATEGORY))
                .metrics(MetricSettingsArgs.builder().category("AllMetrics").enabled(true).build())
                .build(), scope.child());
    }

    /**
     * An existing workspace's retention is its owner's setting, so the audit trail would keep what it keeps: in
     * production the program reads the retention of each table the logs land in (the workspace's unless the table sets
     * its own; the invokes run in a preview too), and stops, before the store declares anything, with the setting's
     * one line when one keeps them less than azureLogRetentionDays; how long the workspace keeps its other tables is
     * no concern of the audit trail's. The provider reads the deployment's subscription only, so a workspace in
     * another (a central monitoring subscription) is taken as given, as in development.
     */
    static void requireExistingWorkspaceKeepsLogs(AzureSettings.Diagnostics diagnostics) {
        Optional<AzureResourceId> existing = diagnostics.existingWorkspaceId();
        if (!diagnostics.checkExistingRetention() || existing.isEmpty()) {
            return;
        }
        String subscription = awaited(AuthorizationFunctions.getClientConfigPlain()).subscriptionId();
        if (!subscription.equalsIgnoreCase(existing.get().subscriptionId())) {
            return;
        }
        GetWorkspaceResult workspace = readOrRefuse(diagnostics, OperationalinsightsFunctions.getWorkspacePlain(
                GetWorkspacePlainArgs.builder()
                        .resourceGroupName(existing.get().resourceGroup())
                        .workspaceName(existing.get().name())
                        .build()));
        // One at a time: a refusal or a failed invoke stops the run with one line, and no invoke is left to fail after.
        for (String table : AUDIT_TABLES) {
            GetTableResult kept = readOrRefuse(diagnostics, OperationalinsightsFunctions.getTablePlain(
                    GetTablePlainArgs.builder()
                            .resourceGroupName(existing.get().resourceGroup())
                            .workspaceName(existing.get().name())
                            .tableName(table)
                            .build()));
            diagnostics.requireRetention(table, keepsLogsFor(kept, workspace));
        }
    }

    /** An invoke's answer about the existing workspace; Azure's refusal to give it, the setting's one line. */
    private static <T> T readOrRefuse(AzureSettings.Diagnostics diagnostics, CompletableFuture<T> invoke) {
        try {
            return awaited(invoke);
        } catch (RuntimeException e) {
            throw diagnostics.unreadable(e.getMessage());
        }
    }

    /** An invoke's answer, waited for; its failure as thrown, so a refusal keeps its one line. */
    private static <T> T awaited(CompletableFuture<T> invoke) {
        try {
            return invoke.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * How many days a table keeps what it receives: its total retention, archived days included (kept, and restorable
     * for an audit), else its interactive retention, else its workspace's (Azure's 30 days when unset), each of which
     * defaults to the next. The workspace's immediatePurgeDataOn30Days feature only ends a 30-day retention on the
     * 30th day instead of the 31st (Azure's data retention documentation), so it shortens nothing production accepts.
     */
    private static int keepsLogsFor(GetTableResult table, GetWorkspaceResult workspace) {
        return table.totalRetentionInDays().filter(days -> days > 0)
                .or(() -> table.retentionInDays().filter(days -> days > 0))
                .orElseGet(() -> workspace.retentionInDays().orElse(DEFAULT_WORKSPACE_RETENTION_DAYS));
    }

    private static LogSettingsArgs log(String category) {
        return LogSettingsArgs.builder().category(category).enabled(true).build();
    }
}
