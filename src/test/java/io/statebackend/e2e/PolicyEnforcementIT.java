package io.statebackend.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.statebackend.e2e.programs.UnprotectedStorageAccount;
import io.statebackend.vocabulary.AzureType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Under prod's pack config the real CLI refuses an update that breaks a mandatory control, and names the policy. That
 * the real program passes under the same config is {@link ComplianceEvidenceIT}'s. The control taken away is Azure's,
 * so the stack runs with AWS turned off, as a team with one cloud runs it.
 */
@ExtendWith(E2e.class)
class PolicyEnforcementIT {

    @TempDir
    Path tmp;

    @Test
    void theRealCliBlocksAProgramWithoutAMandatoryControl() {
        Sandbox sandbox = new Sandbox(tmp).withOwnIds().withConfig("prod", Map.of("state-backend:awsEnabled", false))
                .initLocal("prod");
        String[] up = {"up", "--yes", "--stack", "prod", "--policy-pack", "policy/run-pack",
                "--policy-pack-config", "policy/config/prod.json"};

        sandbox.useProgram(UnprotectedStorageAccount.class);
        Run blocked = sandbox.pulumi(up);
        assertFalse(blocked.ok(), blocked::describe);
        assertTrue(blocked.stdout().contains("[mandatory]  azure-state-resources-protected"), blocked::describe);
        assertTrue(blocked.stdout().contains(AzureType.STORAGE_ACCOUNT.token()), blocked::describe);
        assertEquals(0, resources(sandbox), "nothing was created");
    }

    private static int resources(Sandbox sandbox) {
        JsonNode state = sandbox.export(sandbox.localBackend(), "prod");
        return state.path("deployment").path("resources").size();
    }
}
