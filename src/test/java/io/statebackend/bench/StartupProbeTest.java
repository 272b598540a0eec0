package io.statebackend.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import io.statebackend.testing.Runs;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's start-up probe runs the real program, and its baseline declares what it is asked to. */
class StartupProbeTest {

    @TempDir
    Path dir;

    private static final String STACK = "pulumi:pulumi:Stack";

    /** What a run declared besides its stack, as "type name", sorted. */
    private static List<String> declared(TestResult result) {
        return result.resources().stream()
                .filter(r -> !r.pulumiResourceType().equals(STACK))
                .map(r -> r.pulumiResourceType() + " " + r.pulumiResourceName())
                .sorted()
                .toList();
    }

    /** The same resources and the same stack outputs (names, URLs, ids: they all come from the config). */
    @Test
    void theProdStackFromItsEngineFormConfigDeclaresWhatTheTestsCheck() throws IOException {
        Path config = dir.resolve("prod-engine-config.json");
        StartupProbe.writeEngineConfig(Stacks.PROJECT_DIR, "prod", config);
        Map<String, String> engineForm = new HashMap<>(new ObjectMapper().readValue(config.toFile(),
                new TypeReference<Map<String, String>>() { }));
        engineForm.putAll(Stacks.OWN_IDS);
        new ObjectMapper().writeValue(config.toFile(), engineForm);
        TestResult probe = StartupProbe.declare(new String[]{config.toString(), "prod"});

        List<String> expected = Runs.prod().resources().stream()
                .filter(r -> !r.type().equals(STACK))
                .map(r -> r.type() + " " + r.name())
                .sorted()
                .toList();
        assertEquals(expected, declared(probe));
        Map<String, Object> outputs = new LinkedHashMap<>();
        probe.outputs().forEach((name, output) -> outputs.put(name, PulumiTest.extractValue(output)));
        assertEquals(Runs.prod().outputs(), outputs);
    }

    @Test
    void onlyTheDocumentedFormsAreAccepted() {
        assertTrue(StartupProbe.usable(new String[]{"config.json", "prod"}));
        assertTrue(StartupProbe.usable(new String[]{"baseline"}));
        assertTrue(StartupProbe.usable(new String[]{"baseline", "67"}));
        assertTrue(StartupProbe.usable(new String[]{"--engine-config", "prod", "out.json"}));
        assertFalse(StartupProbe.usable(new String[]{}));
        assertFalse(StartupProbe.usable(new String[]{"config.json"}));
        assertFalse(StartupProbe.usable(new String[]{"baseline", "0"}));
        assertFalse(StartupProbe.usable(new String[]{"baseline", "many"}));
        assertFalse(StartupProbe.usable(new String[]{"--engine-config", "prod"}));
    }

    @Test
    void theBaselineDeclaresOneResourceGroupOrAsManyAsAsked() throws IOException {
        assertEquals(List.of("azure-native:resources:ResourceGroup group-0"), declared(StartupProbe.declare(new String[]{"baseline"})));
        assertEquals(3, declared(StartupProbe.declare(new String[]{"baseline", "3"})).size());
    }
}
