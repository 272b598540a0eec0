package io.statebackend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.*;

class ShortRunJvmTest {

    private static final List<String> ARGS = List.of("--an-argument", "another");

    @TempDir
    Path dir;

    /** A HotSpot JVM's properties, as {@code java -jar} sets them, for a JVM home that ships its class-data archives. */
    private Properties hotSpot() throws IOException {
        Path home = dir.resolve("jdk");
        for (String archive : List.of("classes.jsa", "classes_nocoops.jsa")) {
            touched(home.resolve("lib/server").resolve(archive), Instant.now());
        }
        Properties system = new Properties();
        system.setProperty("java.vm.name", "OpenJDK 64-Bit Server VM");
        system.setProperty("java.vm.version", "17.0.15+6-Debian-1deb12u1");
        system.setProperty("java.home", home.toString());
        return system;
    }

    /** The program's jar, naming {@code lib/dependency.jar} in its manifest as the real one names its dependencies. */
    private Path jar(Instant modified) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "lib/dependency.jar");
        Path jar = dir.resolve("state-backend.jar");
        try (OutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        return touched(jar, modified);
    }

    private static Path touched(Path file, Instant modified) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "x");
        }
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private Launch launch(Map<String, String> env, Properties system, Path jar) {
        return ShortRunJvm.launch(env, system, jar, ARGS).map(Launch::new).orElseThrow();
    }

    /** The launch, read the way the tests ask about it. */
    private record Launch(ShortRunJvm.Launch launch) {

        List<String> options() {
            List<String> command = launch.command();
            return command.subList(1, command.indexOf("-jar"));
        }

        Optional<String> option(String prefix) {
            return options().stream().filter(option -> option.startsWith(prefix)).findFirst()
                    .map(option -> option.substring(prefix.length()));
        }
    }

    @Test
    void theSecondJvmRunsTheSameJarAndArgumentsWithTheShortRunOptionsAndMarksItself() throws IOException {
        Path jar = jar(Instant.now());
        List<String> command = launch(Map.of(), hotSpot(), jar).launch().command();
        assertEquals(dir.resolve("jdk/bin/java").toString(), command.get(0), "the same JVM as the first");
        assertEquals(List.of("-jar", jar.toString(), "--an-argument", "another"),
                command.subList(command.indexOf("-jar"), command.size()));
        List<String> options = launch(Map.of(), hotSpot(), jar).options();
        assertTrue(options.containsAll(ShortRunJvm.OPTIONS), options.toString());
        assertTrue(options.contains("-D" + ShortRunJvm.SECOND_JVM + "=true"), options.toString());
    }

    @Test
    void theFirstRunBesideAJarWritesTheArchiveAsideAndKeepsItBesideTheJar() throws IOException {
        Path jar = jar(Instant.now());
        Launch launch = launch(Map.of(), hotSpot(), jar);
        ShortRunJvm.Archive archive = launch.launch().dumping().orElseThrow();
        assertEquals(Optional.of(archive.written().toString()), launch.option("-XX:ArchiveClassesAtExit="));
        assertEquals(Optional.empty(), launch.option("-XX:SharedArchiveFile="));
        assertEquals(dir, archive.kept().getParent());
        assertTrue(archive.kept().getFileName().toString().matches("state-backend-[0-9a-f]+\\.jsa"),
                archive.kept().toString());
        assertNotEquals(archive.kept(), archive.written(), "a run that fails half way leaves no archive to map");
    }

    @Test
    void aLaterRunMapsTheArchive() throws IOException {
        Instant built = Instant.now().minusSeconds(60);
        Path jar = jar(built);
        touched(dir.resolve("lib/dependency.jar"), built);
        Path archive = touched(launch(Map.of(), hotSpot(), jar).launch().dumping().orElseThrow().kept(), Instant.now());

        Launch later = launch(Map.of(), hotSpot(), jar);
        assertEquals(Optional.of(archive.toString()), later.option("-XX:SharedArchiveFile="));
        assertEquals(Optional.empty(), later.option("-XX:ArchiveClassesAtExit="));
        assertEquals(Optional.empty(), later.launch().dumping());
    }

    @Test
    void aRebuiltJarOrDependencyMakesTheArchiveAgain() throws IOException {
        Instant built = Instant.now().minusSeconds(60);
        Path jar = jar(built);
        Path dependency = touched(dir.resolve("lib/dependency.jar"), built);
        Path archive = launch(Map.of(), hotSpot(), jar).launch().dumping().orElseThrow().kept();
        touched(archive, built.plusSeconds(10));

        touched(dependency, built.plusSeconds(20));
        assertTrue(launch(Map.of(), hotSpot(), jar).option("-XX:ArchiveClassesAtExit=").isPresent(),
                "a dependency the manifest names is newer than the archive");
        touched(dependency, built);
        touched(jar, built.plusSeconds(20));
        assertTrue(launch(Map.of(), hotSpot(), jar).option("-XX:ArchiveClassesAtExit=").isPresent(),
                "the jar is newer than the archive");
    }

    @Test
    void eachJvmHasAnArchiveOfItsOwn() throws IOException {
        Path jar = jar(Instant.now());
        Properties another = hotSpot();
        another.setProperty("java.vm.version", "17.0.16+8");
        assertNotEquals(launch(Map.of(), hotSpot(), jar).launch().dumping().orElseThrow().kept(),
                launch(Map.of(), another, jar).launch().dumping().orElseThrow().kept());
    }

    @Test
    void whereTheJarsDirectoryCannotBeWrittenTheProgramRunsWithoutAnArchive() throws IOException {
        Path jar = dir.resolve("no-such-directory/state-backend.jar");
        Launch launch = launch(Map.of(), hotSpot(), jar);
        assertEquals(Optional.empty(), launch.launch().dumping());
        assertEquals(Optional.empty(), launch.option("-XX:ArchiveClassesAtExit="));
        assertEquals(Optional.empty(), launch.option("-XX:SharedArchiveFile="));
        assertTrue(launch.options().containsAll(ShortRunJvm.OPTIONS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"classes.jsa", "classes_nocoops.jsa"})
    void aJvmMissingAnArchiveOfItsOwnWritesNone(String missing) throws IOException {
        Path jar = jar(Instant.now());
        Properties system = hotSpot();
        Files.delete(Path.of(system.getProperty("java.home"), "lib", "server", missing));
        Launch launch = launch(Map.of(), system, jar);
        assertEquals(Optional.empty(), launch.launch().dumping());
        assertEquals(Optional.empty(), launch.option("-XX:ArchiveClassesAtExit="), "it would stop the JVM at its start");
        assertTrue(launch.options().containsAll(ShortRunJvm.OPTIONS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS"})
    void aUsersOwnJvmOptionsKeepTheProgramInTheJvmPulumiStarted(String variable) throws IOException {
        Path jar = jar(Instant.now());
        assertEquals(Optional.empty(), ShortRunJvm.launch(Map.of(variable, "-Xmx1g"), hotSpot(), jar, ARGS));
        assertTrue(ShortRunJvm.launch(Map.of(variable, " "), hotSpot(), jar, ARGS).isPresent(), "blank is no option");
    }

    @Test
    void theSecondJvmRunsTheProgramItself() throws IOException {
        Properties second = hotSpot();
        second.setProperty(ShortRunJvm.SECOND_JVM, "true");
        assertEquals(Optional.empty(), ShortRunJvm.launch(Map.of(), second, jar(Instant.now()), ARGS));
    }

    @Test
    void aJvmOtherThanHotSpotRunsTheProgramItself() throws IOException {
        Properties openJ9 = hotSpot();
        openJ9.setProperty("java.vm.name", "Eclipse OpenJ9 VM");
        assertEquals(Optional.empty(), ShortRunJvm.launch(Map.of(), openJ9, jar(Instant.now()), ARGS));
    }

    private ShortRunJvm.Launch shell(String script, ShortRunJvm.Archive archive) {
        return new ShortRunJvm.Launch(List.of("sh", "-c", script), Optional.of(archive));
    }

    @Test
    void theSecondJvmsExitCodeIsTheProgramsAndItsArchiveIsKeptOnlyWhenItSucceeded() throws Exception {
        ShortRunJvm.Archive archive = new ShortRunJvm.Archive(dir.resolve("a.jsa.1.writing"), dir.resolve("a.jsa"));
        String dump = "echo archived > " + archive.written() + "; exit ";

        assertEquals(3, ShortRunJvm.run(shell(dump + 3, archive)));
        assertFalse(Files.exists(archive.written()), "a failed run's archive is removed");
        assertFalse(Files.exists(archive.kept()), "a failed run's archive is not kept");

        assertEquals(0, ShortRunJvm.run(shell(dump + 0, archive)));
        assertEquals("archived\n", Files.readString(archive.kept()));
        assertFalse(Files.exists(archive.written()));
    }

    /** Runs {@link ShortRunJvm#run} over a long sleep, standing in for the first JVM, until it is stopped. */
    public static final class FirstJvm {

        public static void main(String[] args) throws Exception {
            ShortRunJvm.run(new ShortRunJvm.Launch(List.of("sleep", "600"), Optional.empty()));
        }
    }

    @Test
    void stoppingTheFirstJvmStopsTheSecond() throws Exception {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FirstJvm.class.getName());
        Process first = new ProcessBuilder(command).redirectErrorStream(true).start();
        ProcessHandle second = null;
        for (int tries = 0; second == null && tries < 200; tries++) {
            second = first.children().findFirst().orElse(null);
            Thread.sleep(50);
        }
        assertNotNull(second, "the first JVM started no second");
        try {
            first.destroy();
            assertTrue(first.waitFor(20, TimeUnit.SECONDS), "the first JVM stopped");
            for (int tries = 0; second.isAlive() && tries < 100; tries++) {
                Thread.sleep(50);
            }
            assertFalse(second.isAlive(), "the second JVM stopped with the first");
        } finally {
            second.destroyForcibly();
        }
    }
}
