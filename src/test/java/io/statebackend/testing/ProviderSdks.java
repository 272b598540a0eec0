package io.statebackend.testing;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * The full aws and azure-native SDK jars, where this JVM loads them from (Maven's repository): what a project built
 * without the package step's trim ships, and what the trim reads.
 */
public final class ProviderSdks {

    public static final Path AWS = jarOf(com.pulumi.aws.Provider.class);
    public static final Path AZURE_NATIVE = jarOf(com.pulumi.azurenative.Provider.class);
    public static final List<Path> ALL = List.of(AWS, AZURE_NATIVE);

    private ProviderSdks() {
    }

    private static Path jarOf(Class<?> sdkClass) {
        try {
            return Path.of(sdkClass.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
