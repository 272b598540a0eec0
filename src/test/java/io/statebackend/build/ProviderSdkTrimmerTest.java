package io.statebackend.build;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.*;

class ProviderSdkTrimmerTest {

    /**
     * A small SDK laid out as Pulumi's are: a root package whose provider names a config module, a module the
     * program uses that names a second module, and a module nothing names.
     */
    private static final Map<String, String> SDK_SOURCES = Map.of(
            "com/pulumi/fakesdk/Provider.java",
            "package com.pulumi.fakesdk; public class Provider { com.pulumi.fakesdk.config.Config config; }",
            "com/pulumi/fakesdk/config/Config.java",
            "package com.pulumi.fakesdk.config; public class Config { }",
            "com/pulumi/fakesdk/storage/Account.java",
            "package com.pulumi.fakesdk.storage; public class Account { com.pulumi.fakesdk.network.Subnet subnet; }",
            "com/pulumi/fakesdk/storage/outputs/AccountKeys.java",
            "package com.pulumi.fakesdk.storage.outputs; public class AccountKeys { }",
            "com/pulumi/fakesdk/network/Subnet.java",
            "package com.pulumi.fakesdk.network; public class Subnet { }",
            "com/pulumi/fakesdk/compute/VirtualMachine.java",
            "package com.pulumi.fakesdk.compute; public class VirtualMachine { }");
    private static final String PROGRAM_SOURCE =
            "package program; public class App { com.pulumi.fakesdk.storage.Account account; }";

    @TempDir
    static Path dir;
    static Set<String> modules;
    static List<String> entries;

    @BeforeAll
    static void trimTheSmallSdk() throws IOException {
        Path sources = dir.resolve("sources");
        Path compiled = dir.resolve("compiled");
        for (var source : SDK_SOURCES.entrySet()) {
            write(sources.resolve(source.getKey()), source.getValue());
        }
        write(sources.resolve("program/App.java"), PROGRAM_SOURCE);
        try (Stream<Path> files = Files.walk(sources)) {
            String[] args = Stream.concat(Stream.of("-d", compiled.toString()),
                    files.filter(Files::isRegularFile).map(Path::toString)).toArray(String[]::new);
            assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, args));
        }
        Path sdk = dir.resolve("sdk/fakesdk-1.0.0.jar");
        Files.createDirectories(sdk.getParent());
        try (var out = new ZipOutputStream(Files.newOutputStream(sdk)); Stream<Path> files = Files.walk(compiled)) {
            out.putNextEntry(new ZipEntry("com/pulumi/fake-sdk/plugin.json"));
            out.write("{\"resource\":true,\"name\":\"fake-sdk\"}".getBytes(StandardCharsets.UTF_8));
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.startsWith(compiled.resolve("program"))).toList()) {
                out.putNextEntry(new ZipEntry(compiled.relativize(file).toString()));
                out.write(Files.readAllBytes(file));
            }
        }
        Path program = dir.resolve("program-classes/program");
        Files.createDirectories(program);
        Files.copy(compiled.resolve("program/App.class"), program.resolve("App.class"));

        Path lib = dir.resolve("lib");
        modules = ProviderSdkTrimmer.trim(program.getParent(), lib, List.of(sdk));
        try (ZipFile trimmed = new ZipFile(lib.resolve("fakesdk-1.0.0.jar").toFile())) {
            entries = trimmed.stream().map(ZipEntry::getName).toList();
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void keepsTheModulesTheProgramNamesWholeWithTheirSubpackages() {
        assertTrue(modules.contains("com/pulumi/fakesdk/storage"), modules.toString());
        assertTrue(entries.contains("com/pulumi/fakesdk/storage/Account.class"), entries.toString());
        assertTrue(entries.contains("com/pulumi/fakesdk/storage/outputs/AccountKeys.class"), entries.toString());
    }

    @Test
    void keepsTheModulesKeptClassesNameInTurn() {
        assertTrue(entries.contains("com/pulumi/fakesdk/network/Subnet.class"), entries.toString());
        assertTrue(entries.contains("com/pulumi/fakesdk/config/Config.class"), entries.toString());
    }

    @Test
    void keepsTheRootPackageAndThePluginFileTheLanguageHostScansFor() {
        assertTrue(entries.contains("com/pulumi/fakesdk/Provider.class"), entries.toString());
        assertTrue(entries.contains("com/pulumi/fake-sdk/plugin.json"), entries.toString());
    }

    @Test
    void dropsAModuleNothingNames() {
        assertFalse(modules.contains("com/pulumi/fakesdk/compute"), modules.toString());
        assertFalse(entries.contains("com/pulumi/fakesdk/compute/VirtualMachine.class"), entries.toString());
    }

    @Test
    void anEntryBelongsToTheModuleTwoPackagesBelowComPulumi() {
        assertEquals(Optional.of("com/pulumi/aws/s3"), ProviderSdkTrimmer.moduleOf("com/pulumi/aws/s3/inputs/X.class"));
        assertEquals(Optional.empty(), ProviderSdkTrimmer.moduleOf("com/pulumi/aws/Provider.class"));
        assertEquals(Optional.empty(), ProviderSdkTrimmer.moduleOf("com/pulumi/azure-native/version.txt"));
        assertEquals(Optional.empty(), ProviderSdkTrimmer.moduleOf("META-INF/MANIFEST.MF"));
    }
}
