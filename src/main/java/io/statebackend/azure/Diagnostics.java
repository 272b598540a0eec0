package io.statebackend.azure;

import com.pulumi.azurenative.insights.DiagnosticSetting;
import com.pulumi.azurenative.insights.DiagnosticSettingArgs;
import com.pulumi.azurenative.insights.inputs.LogSettingsArgs;
import com.pulumi.azurenative.insights.inputs.MetricSettingsArgs;
import com.pulumi.azurenative.operationalinsights.Workspace;
import com.pulumi.azurenative.operationalinsights.WorkspaceArgs;
import com.pulumi.azurenative.operationalinsights.enums.WorkspaceSkuNameEnum;
import com.pulumi.azurenative.operationalinsights.inputs.WorkspaceSkuArgs;
import com.pulumi.core.Output;

import java.util.List;

/**
 * An audit trail of every read, write and delete of state and every use of its keys (CIS Azure v3.0.0 4.13 blob
 * logging; Key Vault AuditEvent), sent to Log Analytics.
 */
final class Diagnostics {

    static final List<String> BLOB_LOG_CATEGORIES = List.of("StorageRead", "StorageWrite", "StorageDelete");
    static final String BLOB_METRIC = "Transaction";
    static final String VAULT_LOG_CATEGORY = "AuditEvent";

    Diagnostics(AzureScope scope, Account account, Encryption encryption) {
        Output<String> workspaceId = scope.settings().diagnostics().existingWorkspaceId()
                .map(id -> Output.of(id.value()))
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

    private static LogSettingsArgs log(String category) {
        return LogSettingsArgs.builder().category(category).enabled(true).build();
    }
}
