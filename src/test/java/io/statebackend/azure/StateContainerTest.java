package io.statebackend.azure;

import io.statebackend.mockrun.PlanResult;
import io.statebackend.testing.Control;
import io.statebackend.testing.Records;
import io.statebackend.testing.Runs;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.statebackend.azure.AzureTypes.*;
import static org.junit.jupiter.api.Assertions.*;

class StateContainerTest {

    static final Control PRIVATE_CONTAINER = Control.of("CIS Azure 9.3.8", "state container has no public access",
            r -> "None".equals(r.get(CONTAINER, "state-container").input("publicAccess")))
                    .inPack("azure-container-no-public-access");

    @Test
    void containerIsPrivateInEveryStack() {
        PRIVATE_CONTAINER.assertHolds(Runs.prod());
        PRIVATE_CONTAINER.assertHolds(Runs.dev());
    }

    @Test
    void checkFailsForAPublicContainer() {
        PRIVATE_CONTAINER.assertBroken(Records.withInput(Runs.prod(), CONTAINER, "state-container", "publicAccess", "Blob"));
        PRIVATE_CONTAINER.assertBroken(Records.withInput(Runs.prod(), CONTAINER, "state-container", "publicAccess", null));
    }

    @Test
    void containerNameDefaultsToPulumiStateAndCanBeChanged() {
        assertEquals("pulumi-state", Runs.prod().get(CONTAINER, "state-container").input("containerName"));
        PlanResult renamed = Stacks.runWith("dev", Map.of("azureContainerName", "team-state"));
        assertEquals("team-state", renamed.get(CONTAINER, "state-container").input("containerName"));
    }

    @Test
    void containerIsProtectedInProductionOnly() {
        assertTrue(Runs.prod().get(CONTAINER, "state-container").protect());
        assertFalse(Runs.dev().get(CONTAINER, "state-container").protect());
    }
}
