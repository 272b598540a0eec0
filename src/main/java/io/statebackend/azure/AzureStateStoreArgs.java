package io.statebackend.azure;

import io.statebackend.settings.AzureSettings;

import java.time.LocalDate;

/**
 * What an {@link AzureStateStore} is built from: the validated Azure settings, and the day of the run, from which keys
 * created now count their expiry.
 *
 * <p>Building it also confirms with Azure what the settings can only name: an existing Log Analytics workspace must
 * keep the audit logs as long as the stack requires ({@link Diagnostics#requireExistingWorkspaceKeepsLogs}). It runs
 * here, before the store's component exists, so a refusal stops the run with the setting's one line and nothing
 * declared.
 */
public record AzureStateStoreArgs(AzureSettings settings, LocalDate today) {

    public AzureStateStoreArgs {
        Diagnostics.requireExistingWorkspaceKeepsLogs(settings.diagnostics());
    }
}
