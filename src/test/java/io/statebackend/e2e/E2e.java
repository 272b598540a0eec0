package io.statebackend.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statebackend.e2e.standin.StandInHost;
import io.statebackend.e2e.standin.StandInProvider;
import io.statebackend.process.Command;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

/**
 * The end-to-end tests' world, prepared once per test JVM: the pinned Pulumi CLI (linked into {@code target/e2e/bin}
 * by {@code tools/pulumi/install}), a Pulumi home whose plugin cache holds the Java language host and, under the
 * exact names and versions the program asks for, the {@link StandInProvider} test doubles, served from this JVM by a
 * {@link StandInHost}; and the emulators, started on first use and stopped when the tests end, passed or failed.
 *
 * <p>Nothing is skipped: without the toolchain every test fails with one line that says how to install it.
 */
public final class E2e implements BeforeAllCallback {

    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final Path DIR = Path.of(System.getProperty("e2e.dir", "target/e2e")).toAbsolutePath();
    static final Path BIN = Path.of(System.getProperty("e2e.bin", DIR.resolve("bin").toString())).toAbsolutePath();
    static final Path PULUMI_HOME = Path.of(System.getProperty("e2e.pulumiHome",
            DIR.resolve("pulumi-home").toString())).toAbsolutePath();
    static final Path JAR = PROJECT.resolve("target/state-backend.jar");
    static final Properties VERSIONS = versions();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static boolean ready;
    private static Moto moto;
    private static Azurite azurite;
    private static StandInHost standIns;

    @Override
    public void beforeAll(ExtensionContext context) {
        prepare();
        // Closed when the whole run ends, whatever its outcome.
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(E2e.class, k -> (ExtensionContext.Store.CloseableResource) E2e::stopEmulators);
    }

    static synchronized void prepare() {
        if (ready) {
            return;
        }
        String pinned = "v" + VERSIONS.getProperty("PULUMI_VERSION");
        Path pulumi = BIN.resolve("pulumi");
        String found = Files.isExecutable(pulumi) ? run(Command.of(pulumi.toString(), "version").capture().build())
                .stdout().strip() : "none";
        if (!found.equals(pinned)) {
            throw new IllegalStateException("The pinned Pulumi CLI " + pinned + " is not in " + BIN + " (found: "
                    + found + "): run `PULUMI_HOME=" + PULUMI_HOME + " tools/pulumi/install --link " + BIN
                    + "` (mvn -B verify runs it)");
        }
        installStandIns();
        ready = true;
    }

    /**
     * One stand-in plugin per provider package the program's jar declares, as the Java language host reports them,
     * served by this JVM's {@link StandInHost}.
     */
    private static void installStandIns() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Run packages = run(Command.of(java, "-cp", JAR.toString(),
                "com.pulumi.bootstrap.internal.Main", "packages").capture().build());
        try {
            for (JsonNode pkg : JSON.readTree(packages.stdout())) {
                String name = pkg.path("name").asText();
                String version = pkg.path("version").asText();
                Path dir = Files.createDirectories(PULUMI_HOME.resolve("plugins/resource-" + name + "-v" + version));
                Path plugin = dir.resolve("pulumi-resource-" + name);
                // Written aside and moved in whole: another fork may be starting this plugin right now.
                Path written = Files.createTempFile(dir, "pulumi-resource-" + name, ".tmp");
                Files.writeString(written, StandInHost.pluginScript(name, version));
                Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.move(written, plugin, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not install the stand-in providers in " + PULUMI_HOME, e);
        }
        standIns = StandInHost.start();
    }

    /** The environment that points a Pulumi command's stand-in plugins at this JVM's host. */
    static Map<String, String> standInEnv() {
        return Map.of(StandInHost.ADDRESS_ENV, String.valueOf(standIns.port()));
    }

    static synchronized Moto moto() {
        if (moto == null) {
            moto = Moto.start(DIR.resolve("moto"));
        }
        return moto;
    }

    static synchronized Azurite azurite() {
        if (azurite == null) {
            azurite = Azurite.start(DIR.resolve("azurite"));
        }
        return azurite;
    }

    private static synchronized void stopEmulators() {
        if (moto != null) {
            moto.close();
            moto = null;
        }
        if (azurite != null) {
            azurite.close();
            azurite = null;
        }
    }

    private static Properties versions() {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(PROJECT.resolve("tools/pulumi/versions"))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("tools/pulumi/versions is unreadable", e);
        }
        return p;
    }

    private static Run run(Command command) {
        return Run.of(System.getenv(), PROJECT, command);
    }
}
