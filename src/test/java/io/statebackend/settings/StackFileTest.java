package io.statebackend.settings;

import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class StackFileTest {

    @TempDir
    Path dir;

    private void write(String file, String content) throws IOException {
        Files.writeString(dir.resolve(file), content);
    }

    @Test
    void mergesProjectDefaultsAndStackValuesInTheEnginesForm() throws IOException {
        write("Pulumi.yaml", """
                name: demo
                runtime: java
                config:
                  count:
                    type: integer
                    default: 3
                  names:
                    type: array
                    items:
                      type: string
                    default: []
                  short: plain
                  optional:
                    type: string
                """);
        write("Pulumi.test.yaml", """
                config:
                  demo:names:
                    - a
                    - b
                  demo:flag: true
                  aws:region: eu-west-1
                """);
        StackFile file = StackFile.load(dir, "test");
        assertEquals("demo", file.projectName());
        assertEquals("3", file.values().get("demo:count"));
        assertEquals("[\"a\",\"b\"]", file.values().get("demo:names"));
        assertEquals("true", file.values().get("demo:flag"));
        assertEquals("plain", file.values().get("demo:short"));
        assertEquals("eu-west-1", file.values().get("aws:region"));
        assertFalse(file.values().containsKey("demo:optional"), "a declaration without default sets nothing");
        assertEquals(java.util.Optional.of(file.values().keySet()), file.keys());
    }

    @Test
    void unknownStackNamesTheStacksThatExist() throws IOException {
        write("Pulumi.yaml", "name: demo\nruntime: java\n");
        write("Pulumi.dev.yaml", "config: {}\n");
        StackFileException e = assertThrows(StackFileException.class, () -> StackFile.load(dir, "qa"));
        assertEquals("no stack \"qa\": Pulumi.qa.yaml does not exist; stacks here: dev", e.getMessage());
    }

    @Test
    void malformedStackFileGivesOneLine() throws IOException {
        write("Pulumi.yaml", "name: demo\nruntime: java\n");
        write("Pulumi.bad.yaml", "config:\n  demo:x: [unclosed\n");
        StackFileException e = assertThrows(StackFileException.class, () -> StackFile.load(dir, "bad"));
        assertTrue(e.getMessage().startsWith("Pulumi.bad.yaml: not valid YAML: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void configThatIsNotAMappingIsRejected() throws IOException {
        write("Pulumi.yaml", "name: demo\nruntime: java\n");
        write("Pulumi.list.yaml", "config:\n  - a\n");
        StackFileException e = assertThrows(StackFileException.class, () -> StackFile.load(dir, "list"));
        assertEquals("Pulumi.list.yaml: 'config' must be a mapping of keys to values", e.getMessage());
    }

    @Test
    void encryptedValuesAreRejectedBecauseNoSettingIsSecret() throws IOException {
        write("Pulumi.yaml", "name: demo\nruntime: java\n");
        write("Pulumi.s.yaml", "config:\n  demo:token:\n    secure: AAABAJ\n");
        StackFileException e = assertThrows(StackFileException.class, () -> StackFile.load(dir, "s"));
        assertTrue(e.getMessage().contains("demo:token is an encrypted secret"), e.getMessage());
    }

    @Test
    void invalidStackNameIsRejectedBeforeAnyFileIsRead() {
        assertThrows(StackFileException.class, () -> StackFile.load(dir, "../etc/passwd"));
    }

    @Test
    void missingProjectFileIsReported() {
        StackFileException e = assertThrows(StackFileException.class, () -> StackFile.load(dir, "dev"));
        assertTrue(e.getMessage().endsWith("Pulumi.yaml does not exist"), e.getMessage());
    }

    @Test
    void projectHasExactlyTheDevAndProdStacks() {
        assertEquals(List.of("dev", "prod"), StackFile.stackNames(Stacks.PROJECT_DIR));
    }
}
