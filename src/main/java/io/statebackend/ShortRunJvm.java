package io.statebackend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Pulumi starts the program with {@code java -jar} and no options, which gives it a JVM made for long-running
 * servers, while the program lives a few seconds per preview or update. Much of its time then goes to loading and
 * verifying the SDK's classes and to compiling code that runs too briefly to pay the compiler back, on two cores
 * shared with the engine and the policy pack. No manifest entry can carry JVM options, so the program runs itself
 * again in a second JVM made for a short run, and waits for it:
 * <ul>
 *   <li>C1 only ({@code -XX:TieredStopAtLevel=1}) on one compiler thread, and the serial collector: little work in
 *   background threads to compete with the program, the engine and the pack for the cores;</li>
 *   <li>a class-data archive of the classes the program loads, beside the jar: the first run of a jar writes it as
 *   it exits ({@code -XX:ArchiveClassesAtExit}, which makes that run a second or two longer), and later runs map
 *   those classes instead of loading and verifying them ({@code -XX:SharedArchiveFile}). One per JVM (its home and
 *   version name it), written again once the jar or a dependency its manifest names is newer, and kept only from a
 *   run that succeeded; none where the jar's directory cannot be written or the JVM ships no archive of its own to
 *   build on.</li>
 * </ul>
 * The first JVM passes on the second's exit code and stops it if it is itself asked to stop. The program's output,
 * its config and its connection to the engine are the second JVM's unchanged (its standard streams, its environment
 * and its working directory are the first's). It changes how fast the program runs, never what it declares.
 * docs/performance.md has the figures.
 *
 * <p>The program runs in the JVM Pulumi started when the user set JVM options of their own ({@link #OPTIONS_VARIABLES}:
 * they reach every JVM, so a debugger's port, say, would be taken twice), when it was not started from a jar, on a
 * JVM other than HotSpot, and in the second JVM itself.
 *
 * <p>The first JVM's part is on every run's path, before the program starts, so it uses plain loops, an anonymous
 * class and {@code String.join}: a JVM's first lambda, stream or {@code +} on strings costs it ten milliseconds or more.
 */
final class ShortRunJvm {

    /** Where the java launcher and the JVM read a user's own options from. */
    static final List<String> OPTIONS_VARIABLES = List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS");
    /** The system property that marks the second JVM. */
    static final String SECOND_JVM = "state-backend.short-run-jvm";
    static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:+UseSerialGC",
            // A JVM that cannot map or write the archive runs without it; it need not say so in the program's output.
            "-Xlog:disable", "-Xlog:all=error:stderr");
    private static final long STOP_GRACE_SECONDS = 10;

    private ShortRunJvm() {
    }

    /** How the second JVM is started, and the archive its run makes, if it makes one. */
    record Launch(List<String> command, Optional<Archive> dumping) {
    }

    /** An archive being written by a run ({@code written}) and where it is kept once that run has succeeded. */
    record Archive(Path written, Path kept) {
    }

    /**
     * Runs the program in the second JVM and returns its exit code, or returns empty when this JVM should run the
     * program itself (see the class comment; also when the second JVM could not be started).
     */
    static OptionalInt runInSecondJvm(String[] args) {
        Optional<Path> jar = StaleJarGuard.runningJar();
        if (jar.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            // The jar's own path, however it was reached: one archive then serves every path to it.
            Optional<Launch> launch = launch(System.getenv(), System.getProperties(), jar.get().toRealPath(),
                    List.of(args));
            return launch.isPresent() ? OptionalInt.of(run(launch.get())) : OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            // Exiting stops the second JVM (run's shutdown hook).
            Thread.currentThread().interrupt();
            return OptionalInt.of(1);
        }
    }

    /** The second JVM's launch, or empty when this JVM runs the program (see the class comment). */
    static Optional<Launch> launch(Map<String, String> env, Properties system, Path jar, List<String> args) {
        boolean userOptions = false;
        for (String variable : OPTIONS_VARIABLES) {
            userOptions |= env.get(variable) != null && !env.get(variable).isBlank();
        }
        boolean hotSpot = system.getProperty("java.vm.name", "").contains("Server VM");
        if (userOptions || !hotSpot || system.getProperty(SECOND_JVM) != null) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(system.getProperty("java.home"), "bin", "java").toString());
        command.add("-D" + SECOND_JVM + "=true");
        command.addAll(OPTIONS);
        String jarName = jar.getFileName().toString();
        String jvm = Integer.toHexString(Objects.hash(system.getProperty("java.home"),
                system.getProperty("java.vm.version")));
        Path archive = jar.resolveSibling(String.join("", jarName.substring(0, jarName.length() - ".jar".length()),
                "-", jvm, ".jsa"));
        Optional<Archive> dumping = Optional.empty();
        if (isFresh(archive, jar)) {
            command.add("-XX:SharedArchiveFile=".concat(archive.toString()));
        } else if (Files.isWritable(jar.getParent()) && hasOwnArchives(system)) {
            Archive next = new Archive(archive.resolveSibling(String.join(".", archive.getFileName().toString(),
                    Long.toString(ProcessHandle.current().pid()), "writing")), archive);
            command.add("-XX:ArchiveClassesAtExit=".concat(next.written().toString()));
            dumping = Optional.of(next);
        }
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(args);
        return Optional.of(new Launch(List.copyOf(command), dumping));
    }

    /**
     * Starts the second JVM on this one's standard streams, waits for it, keeps the archive it wrote if it succeeded,
     * and returns its exit code. Should this JVM be asked to stop first, it stops the second one too.
     */
    static int run(Launch launch) throws IOException, InterruptedException {
        Process second = new ProcessBuilder(launch.command()).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread("stop-short-run-jvm") {
            @Override
            public void run() {
                terminate(second);
            }
        });
        int code = second.waitFor();
        if (launch.dumping().isPresent()) {
            keep(launch.dumping().get(), code == 0);
        }
        return code;
    }

    private static void terminate(Process second) {
        if (second.isAlive()) {
            second.destroy();
            try {
                second.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void keep(Archive archive, boolean succeeded) {
        try {
            if (succeeded && Files.exists(archive.written())) {
                Files.move(archive.written(), archive.kept(), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.deleteIfExists(archive.written());
            }
        } catch (IOException e) {
            // Only an optimisation: the next run writes it again.
        }
    }

    /**
     * Whether the JVM ships its own class-data archives, for either heap layout: a dynamic archive is made on top of
     * one, and without it {@code -XX:ArchiveClassesAtExit} stops the JVM before the program starts
     * ("DynamicDumpSharedSpaces is unsupported when base CDS archive is not loaded").
     */
    private static boolean hasOwnArchives(Properties system) {
        Path server = Path.of(system.getProperty("java.home"), "lib", "server");
        return Files.isRegularFile(server.resolve("classes.jsa"))
                && Files.isRegularFile(server.resolve("classes_nocoops.jsa"));
    }

    /** Whether {@code archive} was written after the jar and every dependency its manifest names last changed. */
    static boolean isFresh(Path archive, Path jar) {
        try {
            if (!Files.exists(archive)) {
                return false;
            }
            FileTime written = Files.getLastModifiedTime(archive);
            for (Path part : classPath(jar)) {
                if (Files.exists(part) && Files.getLastModifiedTime(part).compareTo(written) >= 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The jar and the dependencies its manifest's {@code Class-Path} names (relative URLs, resolved as the JVM does). */
    private static List<Path> classPath(Path jar) throws IOException {
        List<Path> parts = new ArrayList<>(List.of(jar));
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String entries = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            // Entries are separated by spaces; a one-character split needs no regular expression.
            for (String entry : entries == null ? new String[0] : entries.split(" ")) {
                if (!entry.isEmpty()) {
                    parts.add(Path.of(jar.toAbsolutePath().getParent().toUri().resolve(entry)));
                }
            }
        }
        return parts;
    }
}
