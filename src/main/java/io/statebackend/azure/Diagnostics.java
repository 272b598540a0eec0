package io.statebackend.azure;

import com.pulumi.azurenative.insights.DiagnosticSetting;
import com.pulumi.azurenative.insights.DiagnosticSettingArgs;
import com.pulumi.azurenative.insights.inputs.LogSettingsArgs;
import com.pulumi.azurenative.insights.inputs.MetricSettingsArgs;
import com.pulumi.azurenative.operationalinsights.OperationalinsightsFunctions;
import com.pulumi.azurenative.operationalinsights.Workspace;
import com.pulumi.azurenative.operationalinsights.WorkspaceArgs;
import com.pulumi.azurenative.operationalinsights.enums.WorkspaceSkuNameEnum;
import com.pulumi.azurenative.operationalinsights.inputs.GetWorkspaceArgs;
import com.pulumi.azurenative.operationalinsights.inputs.WorkspaceSkuArgs;
import com.pulumi.azurenative.operationalinsights.outputs.GetWorkspaceResult;
import com.pulumi.azurenative.operationalinsights.outputs.WorkspaceFeaturesResponse;
import com.pulumi.core.Output;
import io.statebackend.settings.AzureResourceId;
import io.statebackend.settings.AzureSettings;

import java.util.List;

/**
 * An audit trail of every read, write and delete of state and every use of its keys (CIS Azure v3.0.0 4.13 blob
 * logging; Key Vault AuditEvent), sent to Log Analytics.
 */
final class Diagnostics {

    static final List<String> BLOB_LOG_CATEGORIES = List.of("StorageRead", "StorageWrite", "StorageDelete");
    static final String BLOB_METRIC = "Transaction";
    static final String VAULT_LOG_CATEGORY = "AuditEvent";
    /** How long Azure keeps a workspace's logs unless told otherwise. */
    private static final int DEFAULT_WORKSPACE_RETENTION_DAYS = 30;

    Diagnostics(AzureScope scope, Account account, Encryption encryption) {
        Output<String> workspaceId = scope.settings().diagnostics().existingWorkspaceId()
                .map(existing -> existingWorkspace(scope, existing))
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
     * production the program reads it (the invoke runs in a preview too) and stops before pointing the diagnostic
     * settings there when it is shorter than azureLogRetentionDays. The provider reads the deployment's subscription
     * only, so a workspace in another (a central monitoring subscription) is taken as given, as in development.
     */
    private static Output<String> existingWorkspace(AzureScope scope, AzureResourceId existing) {
        AzureSettings.Diagnostics diagnostics = scope.settings().diagnostics();
        if (!diagnostics.checkExistingRetention()) {
            return Output.of(existing.value());
        }
        return scope.subscriptionId().apply(subscription -> !subscription.equalsIgnoreCase(existing.subscriptionId())
                ? Output.of(existing.value())
                : OperationalinsightsFunctions.getWorkspace(GetWorkspaceArgs.builder()
                                .resourceGroupName(existing.resourceGroup())
                                .workspaceName(existing.name())
                                .build())
                        .applyValue(workspace -> diagnostics.requireRetention(existing, keepsLogsFor(workspace))));
    }

    /**
     * How many days a workspace keeps what it receives: its retention, Azure's 30 days when unset, and 30 at most when
     * it purges data after 30 days whatever the retention says. Tables may set shorter retentions of their own, which
     * this does not read.
     */
    private static int keepsLogsFor(GetWorkspaceResult workspace) {
        int retention = workspace.retentionInDays().orElse(DEFAULT_WORKSPACE_RETENTION_DAYS);
        boolean purgesAfter30Days = workspace.features()
                .flatMap(WorkspaceFeaturesResponse::immediatePurgeDataOn30Days).orElse(false);
        return purgesAfter30Days ? Math.min(retention, DEFAULT_WORKSPACE_RETENTION_DAYS) : retention;
    }

    private static LogSettingsArgs log(String category) {
        return LogSettingsArgs.builder().category(category).enabled(true).build();
    }
}
