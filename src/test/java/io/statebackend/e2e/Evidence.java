package io.statebackend.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statebackend.review.ComplianceReport;
import io.statebackend.review.PolicyPackReport;
import io.statebackend.testing.Stacks;
import io.statebackend.vocabulary.AwsType;
import io.statebackend.vocabulary.AzureType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a deployment of the real program with the pack leaves as evidence, checked the same way for dev
 * ({@link MainCommandIT}) and prod ({@link ComplianceEvidenceIT}): the engine's verdicts, and {@code protect} in the
 * state.
 */
final class Evidence {

    /** The CLI offers {@code --event-log} only with its debug commands switched on. */
    static final Map<String, String> EVENT_LOG_ENV = Map.of("PULUMI_DEBUG_COMMANDS", "true");
    /** The kinds of resource that hold state or its keys, which prod protects and dev does not. */
    static final Set<String> STATEFUL_TYPES = Set.of(
            AzureType.STORAGE_ACCOUNT.token(), AzureType.BLOB_CONTAINER.token(),
            AzureType.VAULT.token(), AzureType.KEY.token(),
            AwsType.BUCKET.token(), AwsType.KMS_KEY.token());
    private static final ObjectMapper JSON = new ObjectMapper();

    private Evidence() {
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

    /** Every resource of a stateful type carries {@code protect} as the stack says; each such type is present. */
    static void assertProtected(JsonNode export, boolean expected) {
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode resource : export.path("deployment").path("resources")) {
            String type = resource.path("type").asText();
            if (STATEFUL_TYPES.contains(type)) {
                seen.add(type);
                assertEquals(expected, resource.path("protect").asBoolean(false),
                        resource.path("urn").asText() + " protect");
            }
        }
        assertEquals(STATEFUL_TYPES, seen, "every stateful type is in the state");
    }

    private static JsonNode report(PolicyPackReport.Outcome outcome) throws IOException {
        assertNotNull(outcome.output(), outcome.unavailableBecause());
        return JSON.readTree(outcome.output());
    }

    private static List<String> sorted(JsonNode verdicts) {
        return StreamSupport.stream(verdicts.spliterator(), false).map(JsonNode::toString).sorted().toList();
    }
}
