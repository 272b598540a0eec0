package io.statebackend.settings;

import java.util.Optional;

/**
 * Everything the program needs to know, validated and immutable, built from stack config before any resource is
 * declared. An absent cloud is switched off for this stack.
 */
public record Settings(Profile profile, boolean protect, Optional<AzureSettings> azure, Optional<AwsSettings> aws) {
}
