package io.statebackend.azure;

import com.pulumi.core.Output;
import io.statebackend.common.StableSuffix;
import io.statebackend.settings.AzureSettings;

/**
 * Names of the Azure resources that must be globally unique. Each is valid by construction (prefix plus a suffix of
 * lowercase letters and digits) and deterministic: the suffix is a hash of subscription, project and stack unless the
 * stack sets one, and each name can be overridden outright (overrides are validated with the settings).
 */
record Naming(Output<String> storageAccount, Output<String> keyVault) {

    static final String STORAGE_ACCOUNT_PREFIX = "stpulumi";
    static final String KEY_VAULT_PREFIX = "kv-pulumi-";

    static Naming of(AzureSettings settings, Output<String> subscriptionId, String project, String stack) {
        Output<String> suffix = settings.names().nameSuffix()
                .map(Output::of)
                .orElseGet(() -> subscriptionId.applyValue(sub -> StableSuffix.of("azure", sub, project, stack)));
        return new Naming(
                settings.names().storageAccountName().map(Output::of).orElseGet(() -> suffix.applyValue(s -> STORAGE_ACCOUNT_PREFIX + s)),
                settings.names().keyVaultName().map(Output::of).orElseGet(() -> suffix.applyValue(s -> KEY_VAULT_PREFIX + s)));
    }
}
