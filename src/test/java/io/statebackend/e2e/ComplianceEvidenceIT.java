package io.statebackend.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statebackend.review.ComplianceReport;
import io.statebackend.review.PolicyPackReport;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compliance report's evidence from the engine itself: the real CLI deploys each stack's real program with the
 * pack and its pack config, writing the engine's event log (kept for the report in
 * {@link ComplianceReport#ENGINE_LOGS_DIR}); the verdicts read from that log are the offline evaluator's, one for one.
 * Prod passes under its pack config, where every policy is mandatory; the state it leaves marks prod's stateful
 * resources {@code protect}ed and dev's not.
 */
@ExtendWith(E2e.class)
class ComplianceEvidenceIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theEnginesVerdictsOnTheDeployedStackAreTheOfflineEvaluatorsVerdicts(String stack) throws IOException {
        Sandbox sandbox = new Sandbox(tmp);
        if (stack.equals("prod")) {
            sandbox.withOwnIds();
        }
        // The CLI offers --event-log only with its debug commands switched on.
        sandbox.with(Map.of("PULUMI_DEBUG_COMMANDS", "true")).initLocal(stack);
        Path log = ComplianceReport.engineLog(Stacks.PROJECT_DIR, stack);
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);

        Run up = sandbox.pulumi("up", "--yes", "--stack", stack, "--policy-pack", "policy/run-pack",
                "--policy-pack-config", PolicyPackReport.configFor(Stacks.PROJECT_DIR, stack), "--event-log", log.toString());
        assertTrue(up.ok(), up::describe);

        JsonNode engine = report(PolicyPackReport.fromEngineLog(Stacks.PROJECT_DIR, log, stack, true));
        JsonNode offline = report(PolicyPackReport.run(Stacks.PROJECT_DIR, Stacks.run(stack), true));
        assertEquals("engine", engine.path("source").asText());
        assertEquals(sorted(offline.path("verdicts")), sorted(engine.path("verdicts")));
        assertTrue(engine.path("summary").path("passed").asInt() > 50, engine.path("summary")::toString);
        assertEquals(0, engine.path("summary").path("unknown").asInt(), engine.path("summary")::toString);
        MainCommandIT.assertProtected(sandbox.export(sandbox.localBackend(), stack), stack.equals("prod"));
    }

    private static JsonNode report(PolicyPackReport.Outcome outcome) throws IOException {
        assertNotNull(outcome.output(), outcome.unavailableBecause());
        return JSON.readTree(outcome.output());
    }

    private static List<String> sorted(JsonNode verdicts) {
        return StreamSupport.stream(verdicts.spliterator(), false).map(JsonNode::toString).sorted().toList();
    }
}
