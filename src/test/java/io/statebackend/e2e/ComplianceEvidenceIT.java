package io.statebackend.e2e;

import io.statebackend.e2e.programs.KeysOnALaterDay;
import io.statebackend.review.ComplianceReport;
import io.statebackend.review.PolicyPackReport;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @TempDir
    static Path shared;
    private static Sandbox deployed;
    private static Path log;

    @BeforeAll
    static void deployProdWithThePack() throws IOException {
        log = Evidence.freshEngineLog("prod");
        deployed = new Sandbox(shared.resolve("prod")).withOwnIds().with(Evidence.EVENT_LOG_ENV).initLocal("prod");
        deployed.pulumiOk("up", "--yes", "--stack", "prod", "--policy-pack", "policy/run-pack",
                "--policy-pack-config", PolicyPackReport.configFor(Stacks.PROJECT_DIR, "prod"), "--event-log",
                log.toString());
    }

    @Test
    void theEnginesVerdictsOnTheDeployedProdStackAreTheOfflineEvaluatorsAndItsStateIsProtected() throws IOException {
        Evidence.assertEnginesVerdictsAreTheOfflineEvaluators(log, "prod");
        Evidence.assertProtected(deployed.export(deployed.localBackend(), "prod"), true);
    }

    /**
     * A key's expiry is set when it is created, and a later run, which computes another date, leaves it alone
     * (ignoreChanges); without ignoreChanges the same later run would try to change it on every key.
     */
    @Test
    void aLaterRunLeavesTheKeysExpiryAloneAndWithoutIgnoreChangesWouldNot(@TempDir Path tmp) {
        Sandbox later = new Sandbox(tmp);
        later.write("Pulumi.prod.yaml", deployed.read("Pulumi.prod.yaml"));
        later.env.put("PULUMI_BACKEND_URL", deployed.localBackend());
        later.useProgram(KeysOnALaterDay.class);
        later.pulumiOk("preview", "--stack", "prod", "--expect-no-changes");

        later.env.put(KeysOnALaterDay.WITHOUT_IGNORE_CHANGES, "1");
        Run changed = later.pulumi("preview", "--stack", "prod", "--expect-no-changes", "--diff");
        assertFalse(changed.ok(), changed::describe);
        assertTrue(changed.stdout().contains("expires"), changed::describe);
    }
}
