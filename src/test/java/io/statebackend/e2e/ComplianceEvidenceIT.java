package io.statebackend.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statebackend.e2e.programs.KeysOnALaterDay;
import io.statebackend.review.ComplianceReport;
import io.statebackend.review.PolicyPackReport;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compliance report's evidence from the engine itself, for prod: the real CLI deploys prod's real program once,
 * with the pack and prod's pack config (where every policy is mandatory), writing the engine's event log (kept for the
 * report in {@link ComplianceReport#ENGINE_LOGS_DIR}); the verdicts read from that log are the offline evaluator's, one
 * for one, and the state marks prod's stateful resources {@code protect}ed. Dev's evidence comes from the README's
 * main command ({@link MainCommandIT}). The tests here read that one deployment and change nothing in it.
 */
@ExtendWith(E2e.class)
class ComplianceEvidenceIT {

    /** The CLI offers {@code --event-log} only with its debug commands switched on. */
    static final Map<String, String> EVENT_LOG_ENV = Map.of("PULUMI_DEBUG_COMMANDS", "true");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    private static Sandbox deployed;
    private static Path log;

    @BeforeAll
    static void deployProdWithThePack() throws IOException {
        log = freshEngineLog("prod");
        deployed = new Sandbox(shared.resolve("prod")).withOwnIds().with(EVENT_LOG_ENV).initLocal("prod");
        deployed.pulumiOk("up", "--yes", "--stack", "prod", "--policy-pack", "policy/run-pack",
                "--policy-pack-config", PolicyPackReport.configFor(Stacks.PROJECT_DIR, "prod"), "--event-log",
                log.toString());
    }

    @Test
    void theEnginesVerdictsOnTheDeployedProdStackAreTheOfflineEvaluatorsAndItsStateIsProtected() throws IOException {
        assertEnginesVerdictsAreTheOfflineEvaluators(log, "prod");
        MainCommandIT.assertProtected(deployed.export(deployed.localBackend(), "prod"), true);
    }

    /**
     * A key's expiry is set when it is created, and a later run, which computes another date, leaves it alone
     * (ignoreChanges); without ignoreChanges the same later run would try to change it on every key.
     */
    @Test
    void aLaterRunLeavesTheKeysExpiryAloneAndWithoutIgnoreChangesWouldNot(@TempDir Path tmp) {
        Sandbox later = new Sandbox(tmp).withOwnIds();
        later.write("Pulumi.prod.yaml", deployed.read("Pulumi.prod.yaml"));
        later.env.put("PULUMI_BACKEND_URL", deployed.localBackend());
        later.useProgram(KeysOnALaterDay.class);
        later.pulumiOk("preview", "--stack", "prod", "--expect-no-changes");

        later.env.put(KeysOnALaterDay.WITHOUT_IGNORE_CHANGES, "1");
        Run changed = later.pulumi("preview", "--stack", "prod", "--expect-no-changes", "--diff");
        assertFalse(changed.ok(), changed::describe);
        assertTrue(changed.stdout().contains("expires"), changed::describe);
    }

    /** Where the compliance report looks for {@code stack}'s engine log, with no log of an earlier run there. */
    static Path freshEngineLog(String stack) throws IOException {
        Path log = ComplianceReport.engineLog(Stacks.PROJECT_DIR, stack);
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        return log;
    }

    /**
     * The verdicts the engine's event log {@code log} of a deployment of {@code stack} holds are the offline
     * evaluator's for the same stack: more than fifty passes and nothing unknown.
     */
    static void assertEnginesVerdictsAreTheOfflineEvaluators(Path log, String stack) throws IOException {
        JsonNode engine = report(PolicyPackReport.fromEngineLog(Stacks.PROJECT_DIR, log, stack, true));
        JsonNode offline = report(PolicyPackReport.run(Stacks.PROJECT_DIR, Stacks.run(stack), true));
        assertEquals("engine", engine.path("source").asText());
        assertEquals(sorted(offline.path("verdicts")), sorted(engine.path("verdicts")));
        assertTrue(engine.path("summary").path("passed").asInt() > 50, engine.path("summary")::toString);
        assertEquals(0, engine.path("summary").path("unknown").asInt(), engine.path("summary")::toString);
    }

    private static JsonNode report(PolicyPackReport.Outcome outcome) throws IOException {
        assertNotNull(outcome.output(), outcome.unavailableBecause());
        return JSON.readTree(outcome.output());
    }

    private static List<String> sorted(JsonNode verdicts) {
        return StreamSupport.stream(verdicts.spliterator(), false).map(JsonNode::toString).sorted().toList();
    }
}
