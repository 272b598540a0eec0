package io.statebackend.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The scripts the tests put on a PATH: stand-in plugins, fakes and wrappers around real commands. */
public final class Executables {

    /** The {@code java} of the JVM that runs the tests, for the processes they start. */
    public static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private Executables() {
    }

    /** Writes {@code script} to {@code file}, executable by everyone; {@code file}. */
    public static Path write(Path file, String script) throws IOException {
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
