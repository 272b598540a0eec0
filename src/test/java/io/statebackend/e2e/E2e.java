package io.statebackend.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import io.statebackend.e2e.standin.StandInHost;
import io.statebackend.e2e.standin.StandInProvider;
import io.statebackend.process.Command;
import io.statebackend.testing.Executables;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The end-to-end tests' world, prepared once per test JVM: the pinned Pulumi CLI (linked into {@code target/e2e/bin}
 * by {@code tools/pulumi/install}), a Pulumi home whose plugin cache holds the Java language host and, under the
 * exact names and versions the program asks for, the {@link StandInProvider} test doubles, served from this JVM by a
 * {@link StandInHost}; a class-data archive of the program's classes for the JVMs the commands start; and the
 * emulators, started on first use and stopped when the tests end, passed or failed.
 *
 * <p>Nothing is skipped: without the toolchain every test fails with one line that says how to install it.
 */
public final class E2e implements BeforeAllCallback, BeforeEachCallback {

    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final Path DIR = Path.of(System.getProperty("e2e.dir", "target/e2e")).toAbsolutePath();
    static final Path BIN = Path.of(System.getProperty("e2e.bin", DIR.resolve("bin").toString())).toAbsolutePath();
    static final Path PULUMI_HOME = Path.of(System.getProperty("e2e.pulumiHome",
            DIR.resolve("pulumi-home").toString())).toAbsolutePath();
    static final Path JAR = PROJECT.resolve("target/state-backend.jar");
    /** The test programs' jars ({@link #programJar}), each with its class-data archive beside it once made. */
    static final Path PROGRAMS = DIR.resolve("programs");
    static final Properties VERSIONS = versions();

    /** The java launcher's options variable: the one way to give options to the JVMs Pulumi starts. */
    static final String JVM_OPTIONS_ENV = "JDK_JAVA_OPTIONS";
    /**
     * C1 only, and no collector threads competing for the two cores. Under the suite's load the CPU is what counts:
     * each program JVM then costs a third less of it than with C2 or with the program's own compiler directive.
     */
    private static final String SHORT_RUN_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    /**
     * The Go runtime's collector off, under a cap, for the CLI and the language host: a command lives for seconds and
     * allocates a few hundred MiB at most, and collecting it as it goes took a fifth to a third of the CPU of the
     * commands that run no program. The cap brings the collector back for a command that grows past it.
     */
    private static final Map<String, String> GO_RUNTIME = Map.of("GOGC", "off", "GOMEMLIMIT", "1GiB");

    /** What a deploy machine that runs the prebuilt jar on a JRE does without. */
    private static final Set<String> BUILD_TOOLS = Set.of("mvn", "mvnDebug", "javac");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The test the current thread runs, {@code Class} or {@code Class.method}, in every sandbox command's environment
     * ({@link #TEST_ENV}): what lets {@code bench/bench.mjs e2e} count each test's commands. The tests run two at a
     * time, each on its own thread.
     */
    private static final ThreadLocal<String> RUNNING = ThreadLocal.withInitial(() -> "");
    static final String TEST_ENV = "STATE_BACKEND_E2E_TEST";

    private static boolean ready;
    private static String commandPath;
    private static Moto moto;
    private static Azurite azurite;
    private static StandInHost standIns;

    static String running() {
        return RUNNING.get();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RUNNING.set(context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        prepare();
        RUNNING.set(context.getRequiredTestClass().getSimpleName());
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
        removeStaleProgramArchives();
        String path = pathWithoutBuildTools();
        commandPath = programsJava(path) + File.pathSeparator + path;
        ready = true;
    }

    /**
     * The runtimes' settings for every command of a sandbox. They change how fast the processes run, not what the
     * commands do:
     * <ul>
     *   <li>Java options: {@link #SHORT_RUN_OPTIONS}, and the archive of the classes the program loads, which spares
     *   each program run and each package scan of the language host most of its class loading;</li>
     *   <li>{@link #GO_RUNTIME}.</li>
     * </ul>
     */
    static Map<String, String> runtimeEnv() {
        Map<String, String> env = new HashMap<>(GO_RUNTIME);
        env.put(JVM_OPTIONS_ENV, SHORT_RUN_OPTIONS);
        return env;
    }

    /**
     * The class-data archives the real program's own JVM ({@code io.statebackend.ShortRunJvm}) keeps beside the jar,
     * one per JVM that ran it.
     */
    static List<Path> programArchives() throws IOException {
        try (Stream<Path> files = Files.list(JAR.toRealPath().getParent())) {
            return files.filter(file -> file.getFileName().toString().matches("state-backend-[0-9a-f]+\\.jsa"))
                    .toList();
        }
    }

    /** Removes {@link #programArchives}: the program's next run is then the jar's first, which writes one again. */
    static void removeProgramArchives() {
        try {
            for (Path archive : programArchives()) {
                Files.delete(archive);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the program's class-data archives", e);
        }
    }

    /**
     * The jar Pulumi runs for a test program ({@code binary:} in its sandbox's Pulumi.yaml): {@code main}'s classes
     * and the program's, with {@code classPath} in its manifest, at a fixed path, so that one class-data archive
     * serves every sandbox that runs it ({@link #programsJava}). Written only when its content changes, and then
     * without its archive, which would no longer match it.
     */
    static synchronized Path programJar(Class<?> main, String name, List<Path> classPath) {
        Path jar = PROGRAMS.resolve(name + ".jar");
        try {
            byte[] content = programJarContent(main, classPath);
            if (!Files.exists(jar) || !Arrays.equals(Files.readAllBytes(jar), content)) {
                Files.createDirectories(PROGRAMS);
                Path written = Files.createTempFile(PROGRAMS, name, ".writing");
                Files.write(written, content);
                Files.move(written, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Files.deleteIfExists(archiveOf(jar));
            }
            return jar;
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("could not write the test program's jar " + jar, e);
        }
    }

    /** The same bytes for the same classes: entries in a fixed order, with a fixed time. */
    private static byte[] programJarContent(Class<?> main, List<Path> classPath) throws IOException, URISyntaxException {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.put(Attributes.Name.MAIN_CLASS, main.getName());
        // Relative, as the real jar's: a class-data archive cannot follow file: URLs.
        attributes.put(Attributes.Name.CLASS_PATH,
                String.join(" ", classPath.stream().map(entry -> PROGRAMS.relativize(entry).toString()).toList()));
        Path testClasses = Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path mainPackage = testClasses.resolve(main.getPackageName().replace('.', '/'));
        Map<String, Path> entries = new TreeMap<>();
        try (Stream<Path> own = Files.list(mainPackage); Stream<Path> program = Files.walk(PROJECT.resolve("target/classes"))) {
            own.filter(file -> file.getFileName().toString().matches(Pattern.quote(main.getSimpleName()) + "(\\$.*)?\\.class"))
                    .forEach(file -> entries.put(testClasses.relativize(file).toString(), file));
            Path classes = PROJECT.resolve("target/classes");
            program.filter(Files::isRegularFile).forEach(file -> entries.put(classes.relativize(file).toString(), file));
        }
        var bytes = new ByteArrayOutputStream();
        try (var out = new JarOutputStream(bytes)) {
            out.putNextEntry(fixedTime(new JarEntry(JarFile.MANIFEST_NAME)));
            manifest.write(out);
            for (var entry : entries.entrySet()) {
                out.putNextEntry(fixedTime(new JarEntry(entry.getKey())));
                Files.copy(entry.getValue(), out);
            }
        }
        return bytes.toByteArray();
    }

    private static JarEntry fixedTime(JarEntry entry) {
        entry.setTime(0);
        return entry;
    }

    private static Path archiveOf(Path programJar) {
        String name = programJar.getFileName().toString();
        return programJar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + ".jsa");
    }

    /** Removes the program archives older than the jars they were made from, and what an interrupted dump left. */
    private static void removeStaleProgramArchives() {
        try {
            Files.createDirectories(PROGRAMS);
            FileTime jars = newestOfTheJars();
            try (Stream<Path> files = Files.list(PROGRAMS)) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    boolean stale = name.endsWith(".jsa") && Files.getLastModifiedTime(file).compareTo(jars) <= 0;
                    if (stale || name.contains(".jsa.") || name.endsWith(".writing")) {
                        MoreFiles.deleteRecursively(file, RecursiveDeleteOption.ALLOW_INSECURE);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not clear stale archives in " + PROGRAMS, e);
        }
    }

    /**
     * The commands' {@code java}, first on their PATH:
     * <ul>
     *   <li>the real program ({@code java -jar target/state-backend.jar}, as the language host starts it) runs without
     *   {@link #runtimeEnv}'s Java options, as users run it: it then starts the JVM it runs in itself
     *   ({@code ShortRunJvm}), which the options would turn off;</li>
     *   <li>a test program's JVM ({@code java -jar} a {@link #programJar}, and the language host's package scan of it,
     *   {@code java -cp}) runs with the jar's class-data archive, which the program's first run makes (the first of two
     *   at once; the other runs without). A program the tests run a dozen times then spends about half the CPU.</li>
     * </ul>
     * Every other java command runs as it is. It runs the {@code java} that comes next on {@code path}, which a
     * benchmark may have wrapped in a timer.
     */
    private static Path programsJava(String path) {
        String java = Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, "java"))
                .filter(Files::isExecutable).findFirst().map(Path::toString).orElse(Executables.JAVA);
        // A dynamic archive is made on top of the JDK's own, without which there is none to make.
        Path jdkArchive = Path.of(System.getProperty("java.home"), "lib", "server", "classes.jsa");
        String dump = !Files.exists(jdkArchive) ? "" : String.join("\n",
                "    if [ \"$1\" = -jar ] && mkdir \"$archive.lock\" 2>/dev/null; then",
                "      " + java + " -XX:ArchiveClassesAtExit=\"$archive.$$\" \"$@\"",
                "      code=$?",
                "      if [ -f \"$archive.$$\" ]; then mv \"$archive.$$\" \"$archive\"; fi",
                "      rmdir \"$archive.lock\"",
                "      exit $code",
                "    fi",
                "");
        try {
            Path dir = Files.createDirectories(DIR.resolve("programs-java"));
            Executables.write(dir.resolve("java"), String.join("\n",
                    "#!/bin/sh",
                    "case \"$1 $2\" in",
                    "  \"-jar target/state-backend.jar\")",
                    "    unset " + JVM_OPTIONS_ENV,
                    "    exec " + java + " \"$@\" ;;",
                    "  \"-jar " + PROGRAMS + "/\"*.jar|\"-cp " + PROGRAMS + "/\"*.jar)",
                    "    archive=\"${2%.jar}.jsa\"",
                    "    if [ -f \"$archive\" ]; then exec " + java + " -XX:SharedArchiveFile=\"$archive\" \"$@\"; fi",
                    dump + "    ;;",
                    "esac",
                    "exec " + java + " \"$@\"",
                    ""));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("could not set up the test programs' java in " + DIR, e);
        }
    }

    /**
     * A directory for the front of a sandbox's PATH whose {@code java} adds {@code options} to the programs Pulumi
     * starts ({@code java -jar}) and runs every other java command (the language host's package scan, the version
     * probes) as it is; {@code afterwards}, if not empty, is shell run when such a program has ended (its exit code
     * kept), with {@code $$} naming the run.
     */
    static Path javaForPrograms(Path dir, String options, String afterwards) throws IOException {
        String program = afterwards.isEmpty()
                ? "exec " + Executables.JAVA + " " + options + " \"$@\""
                : Executables.JAVA + " " + options + " \"$@\"; code=$?; " + afterwards + "; exit $code";
        Executables.write(Files.createDirectories(dir).resolve("java"), "#!/bin/sh\ncase \" $* \" in *\" -jar \"*) "
                + program + " ;; esac\nexec " + Executables.JAVA + " \"$@\"\n");
        return dir;
    }

    /**
     * When the jar or one of the dependencies beside it last changed: the package step can rewrite the trimmed
     * provider SDKs alone, and an archive older than any of them no longer matches the class path.
     */
    private static FileTime newestOfTheJars() throws IOException {
        try (Stream<Path> lib = Files.list(JAR.resolveSibling("lib"))) {
            FileTime newest = FileTime.fromMillis(0);
            for (Path jar : Stream.concat(Stream.of(JAR), lib).toList()) {
                FileTime modified = Files.getLastModifiedTime(jar);
                newest = modified.compareTo(newest) > 0 ? modified : newest;
            }
            return newest;
        }
    }

    /**
     * One stand-in plugin per provider package the program's jar declares, as the Java language host reports them,
     * served by this JVM's {@link StandInHost}.
     */
    private static void installStandIns() {
        Run packages = packageScan();
        try {
            for (JsonNode pkg : JSON.readTree(packages.stdout())) {
                String name = pkg.path("name").asText();
                String version = pkg.path("version").asText();
                Path dir = Files.createDirectories(PULUMI_HOME.resolve("plugins/resource-" + name + "-v" + version));
                Path plugin = dir.resolve("pulumi-resource-" + name);
                // Written aside and moved in whole: another fork may be starting this plugin right now.
                Path written = Files.createTempFile(dir, "pulumi-resource-" + name, ".tmp");
                Executables.write(written, StandInHost.pluginScript(name, version));
                Files.move(written, plugin, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not install the stand-in providers in " + PULUMI_HOME, e);
        }
        standIns = StandInHost.start();
    }

    /**
     * What the Java language host runs before every program run: the SDK's scan of the real jar's class path, which
     * prints the provider packages it finds as JSON.
     */
    public static Run packageScan() {
        return run(Command.of(Executables.JAVA, "-cp", JAR.toString(), "com.pulumi.bootstrap.internal.Main", "packages")
                .capture().build());
    }

    /**
     * The PATH of every command: the test programs' java ({@link #programsJava}) and the pinned CLI first, then the
     * caller's PATH without Maven and the Java compiler, as on a deploy machine that runs the prebuilt jar on a JRE.
     * The Java language host runs {@code mvn --version} and {@code javac --version} for every preview's and update's
     * metadata: two JVM starts each time, which say nothing about the state. A directory of the caller's PATH that holds one of them is replaced by a mirror without them.
     */
    static String commandPath() {
        return commandPath;
    }

    private static String pathWithoutBuildTools() {
        List<String> entries = new ArrayList<>(List.of(BIN.toString()));
        try {
            for (String entry : System.getenv("PATH").split(File.pathSeparator)) {
                Path dir = Path.of(entry);
                boolean hasBuildTools = BUILD_TOOLS.stream().anyMatch(tool -> Files.exists(dir.resolve(tool)));
                String kept = hasBuildTools ? mirrorWithoutBuildTools(dir.toRealPath()).toString() : entry;
                if (!entries.contains(kept)) {
                    entries.add(kept);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not make the commands' PATH without build tools", e);
        }
        return String.join(File.pathSeparator, entries);
    }

    /** Links to every program of {@code dir} but the build tools, made whole aside so another test run can share it. */
    private static Path mirrorWithoutBuildTools(Path dir) throws IOException {
        List<String> names;
        try (Stream<Path> programs = Files.list(dir)) {
            names = programs.map(program -> program.getFileName().toString())
                    .filter(name -> !BUILD_TOOLS.contains(name)).sorted().toList();
        }
        Path mirrors = Files.createDirectories(DIR.resolve("path-without-build-tools"));
        Path mirror = mirrors.resolve(Integer.toHexString((dir + "\n" + names).hashCode()));
        if (Files.isDirectory(mirror)) {
            return mirror;
        }
        Path made = Files.createTempDirectory(mirrors, "making-");
        for (String name : names) {
            Files.createSymbolicLink(made.resolve(name), dir.resolve(name));
        }
        try {
            Files.move(made, mirror, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(mirror)) {
                throw e;
            }
            MoreFiles.deleteRecursively(made, RecursiveDeleteOption.ALLOW_INSECURE);
        }
        return mirror;
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
