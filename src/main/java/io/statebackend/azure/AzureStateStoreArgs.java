package io.statebackend.azure;

import io.statebackend.settings.AzureSettings;

import java.time.LocalDate;

/**
 * What an {@link AzureStateStore} is built from: the validated Azure settings, and the day of the run, from which keys
 * created now count their expiry.
 */
public record AzureStateStoreArgs(AzureSettings settings, LocalDate today) {
}
