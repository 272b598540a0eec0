package io.statebackend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class StaleJarGuardTest {

    @TempDir
    Path project;

    private Path file(String path, Instant modified) throws IOException {
        Path file = project.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    @Test
    void aJarBuiltAfterEverySourceIsCurrent() throws IOException {
        Instant now = Instant.now();
        file("src/main/java/A.java", now.minusSeconds(60));
        file("pom.xml", now.minusSeconds(60));
        Path jar = file("target/state-backend.jar", now);
        assertEquals(Optional.empty(), StaleJarGuard.newerSource(project, jar));
    }

    @Test
    void aSourceEditedAfterTheBuildMakesTheJarStale() throws IOException {
        Instant now = Instant.now();
        file("pom.xml", now.minusSeconds(60));
        Path jar = file("target/state-backend.jar", now.minusSeconds(30));
        Path edited = file("src/main/java/io/statebackend/azure/Account.java", now);
        assertEquals(Optional.of(edited), StaleJarGuard.newerSource(project, jar));
    }

    @Test
    void aChangedPomMakesTheJarStale() throws IOException {
        Instant now = Instant.now();
        file("src/main/java/A.java", now.minusSeconds(60));
        Path jar = file("target/state-backend.jar", now.minusSeconds(30));
        assertEquals(Optional.of(file("pom.xml", now)), StaleJarGuard.newerSource(project, jar));
    }

    @Test
    void withoutSourcesThereIsNothingToCompare() throws IOException {
        Path jar = file("target/state-backend.jar", Instant.now());
        assertEquals(Optional.empty(), StaleJarGuard.newerSource(project, jar));
    }

    @Test
    void pulumiRunsTheJarMavenBuilds() throws IOException {
        String project = Files.readString(Path.of("Pulumi.yaml"));
        String pom = Files.readString(Path.of("pom.xml"));
        assertTrue(project.contains("binary: target/state-backend.jar"), "Pulumi.yaml runs the prebuilt jar");
        assertTrue(pom.contains("<finalName>state-backend</finalName>"), "Maven builds target/state-backend.jar");
    }
}
