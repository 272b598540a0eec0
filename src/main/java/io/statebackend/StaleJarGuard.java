package io.statebackend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Pulumi runs this program from the prebuilt jar ({@code runtime.options.binary} in Pulumi.yaml) because it starts
 * several times faster than through Maven. The price is that the jar must be rebuilt after every change: deploying a
 * stale jar would apply old code. So before anything else the program compares the jar with the sources beside it
 * and refuses to run an out-of-date one.
 */
final class StaleJarGuard {

    private StaleJarGuard() {
    }

    /** The newer source (or pom.xml) that makes {@code jar} stale, if any. */
    static Optional<Path> newerSource(Path projectDir, Path jar) {
        if (!Files.isRegularFile(jar) || !Files.isDirectory(projectDir.resolve("src/main"))) {
            return Optional.empty();
        }
        try (Stream<Path> sources = Stream.concat(Files.walk(projectDir.resolve("src/main")), Stream.of(projectDir.resolve("pom.xml")))) {
            FileTime built = Files.getLastModifiedTime(jar);
            return sources.filter(Files::isRegularFile)
                    .filter(p -> modified(p).compareTo(built) > 0)
                    .max(Comparator.comparing(StaleJarGuard::modified));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the program with one line when it runs from a jar older than its sources. */
    static void check(Path projectDir) {
        runningJar().flatMap(jar -> newerSource(projectDir, jar).map(source -> projectDir.relativize(jar) + " is older than "
                + projectDir.relativize(source) + ": run `mvn -B package -DskipTests` before `pulumi up`"))
                .ifPresent(problem -> {
                    System.err.println("state-backend: " + problem);
                    System.exit(1);
                });
    }

    /** The jar this program runs from, if it runs from one. */
    static Optional<Path> runningJar() {
        try {
            Path location = Path.of(App.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.toString().endsWith(".jar") ? Optional.of(location) : Optional.empty();
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
