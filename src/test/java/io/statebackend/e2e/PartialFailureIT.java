package io.statebackend.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.statebackend.e2e.standin.StandInProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An update that fails part-way (the stand-in refuses the storage account, as a cloud API might) keeps what it
 * created in the state, and the next update completes it: nothing is lost or created twice. The refused resource is
 * Azure's, so the stack runs with AWS turned off, as a team with one cloud runs it.
 */
@ExtendWith(E2e.class)
class PartialFailureIT {

    @TempDir
    Path tmp;

    @Test
    void anUpdateThatFailsPartWayKeepsWhatItCreatedAndTheNextOneCompletesIt() {
        Sandbox sandbox = new Sandbox(tmp).withConfig("dev", Map.of("state-backend:awsEnabled", false)).initLocal("dev");

        Run failed = sandbox.bash("pulumi up --yes --skip-preview --stack dev", Map.of(StandInProvider.FAIL_ENV, "state-account"));
        assertFalse(failed.ok(), failed::describe);
        assertTrue(failed.output().contains("refusing state-account"), failed::describe);
        List<String> afterFailure = names(sandbox.export(sandbox.localBackend(), "dev"));
        assertTrue(afterFailure.contains("state-rg"), "what was created is kept: " + afterFailure);
        assertFalse(afterFailure.contains("state-account"), afterFailure.toString());

        sandbox.pulumiOk("up", "--yes", "--skip-preview", "--stack", "dev");
        List<String> completed = names(sandbox.export(sandbox.localBackend(), "dev"));
        assertTrue(completed.containsAll(afterFailure) && completed.contains("state-account"), completed.toString());
        assertTrue(completed.size() == new java.util.HashSet<>(completed).size(), "nothing twice: " + completed);
    }

    private static List<String> names(JsonNode export) {
        List<String> names = new ArrayList<>();
        for (JsonNode resource : export.path("deployment").path("resources")) {
            names.add(StandInProvider.nameOf(resource.path("urn").asText()));
        }
        return names;
    }
}
