package io.statebackend.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statebackend.e2e.E2e;
import io.statebackend.e2e.Run;
import io.statebackend.testing.ProviderSdks;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The built program jar and the trimmed provider SDKs beside it ({@link ProviderSdkTrimmer}): what the language host
 * and the JVM find on its class path.
 */
class ProgramJarIT {

    /** target/lib's copies of the SDK jars, the trimmed ones. */
    private static final Path AZURE_NATIVE = Path.of("target/lib").resolve(ProviderSdks.AZURE_NATIVE.getFileName());
    private static final Path AWS = Path.of("target/lib").resolve(ProviderSdks.AWS.getFileName());

    @Test
    void theLanguageHostsPackageScanFindsTheProviderPackagesTheFullSdksDeclare() throws IOException {
        Run scan = E2e.packageScan();
        assertTrue(scan.ok(), scan.describe());
        ObjectMapper json = new ObjectMapper();
        Set<String> found = new TreeSet<>();
        json.readTree(scan.stdout()).forEach(pkg -> found.add(describe(pkg)));
        Set<String> declared = new TreeSet<>();
        for (String plugin : new String[] {"com/pulumi/aws/plugin.json", "com/pulumi/azure-native/plugin.json"}) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(plugin)) {
                declared.add(describe(json.readTree(in)));
            }
        }
        assertEquals(declared, found);
    }

    /** What the language host reads of a package: only a resource package makes Pulumi load a provider. */
    private static String describe(JsonNode pkg) {
        return pkg.path("name").asText() + " " + pkg.path("version").asText() + " resource=" + pkg.path("resource").asBoolean();
    }

    @Test
    void everySdkPackageTheProgramOrTheKeptSdkClassesNameIsInTheTrimmedJars() {
        StringWriter out = new StringWriter();
        int status = ToolProvider.findFirst("jdeps").orElseThrow().run(new PrintWriter(out), new PrintWriter(out),
                "--multi-release", "17", "-verbose:package", "target/classes", AWS.toString(), AZURE_NATIVE.toString());
        assertEquals(0, status, out.toString());
        assertTrue(out.toString().contains("-> com.pulumi.azurenative.storage"), "jdeps saw no SDK use:\n" + out);
        assertFalse(out.toString().lines().anyMatch(line -> line.matches(".*-> com\\.pulumi\\.(aws|azurenative)\\..*not found")),
                out.toString());
    }

    @Test
    void theTrimmedJarsLeaveOutModulesTheProgramDoesNotUse() throws IOException {
        assertFalse(holdsEntryUnder(AZURE_NATIVE, "com/pulumi/azurenative/compute/"));
        assertFalse(holdsEntryUnder(AWS, "com/pulumi/aws/ec2/"));
        assertTrue(holdsEntryUnder(AZURE_NATIVE, "com/pulumi/azurenative/storage/"));
        assertTrue(holdsEntryUnder(AWS, "com/pulumi/aws/s3/"));
    }

    private static boolean holdsEntryUnder(Path jar, String prefix) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().anyMatch(entry -> entry.getName().startsWith(prefix));
        }
    }
}
