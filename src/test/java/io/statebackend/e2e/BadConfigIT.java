package io.statebackend.e2e;

import io.statebackend.mockrun.PlanMocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad stack config through the real CLI: the update stops with one line that names the key (from the CLI's own
 * type check, or from the program's settings before it declares anything) and the state holds no resource.
 */
@ExtendWith(E2e.class)
class BadConfigIT {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // the CLI's own check against Pulumi.yaml's declared types
            "a value of the wrong type|dev|azureSoftDeleteRetentionDays|thirty"
                    + "|configuration key 'azureSoftDeleteRetentionDays' must be of type 'integer'",
            // the program's settings, before anything is declared
            "an unknown key in the project's namespace|dev|azureSkuNmae|Standard_LRS"
                    + "|state-backend:azureSkuNmae: got \"Standard_LRS\"; expected no such setting",
            "an out-of-range value|dev|azureSoftDeleteRetentionDays|0"
                    + "|state-backend:azureSoftDeleteRetentionDays: got \"0\"; expected",
            "a development relaxation under the production profile|prod|azureSkuName|Standard_LRS"
                    + "|state-backend:azureSkuName: got \"Standard_LRS\"; expected"})
    void isRefusedWithOneLineNamingTheKeyAndNothingDeclared(String badInput, String stack, String key, String value,
                                                            String line) {
        Sandbox sandbox = new Sandbox(tmp).withOwnIds().initLocal(stack);
        sandbox.pulumiOk("config", "set", "state-backend:" + key, value, "--stack", stack);
        refused(sandbox, stack, line);
    }

    /**
     * A secret set under a mistyped key: refused like any unknown key, saying the value is secret rather than quoting
     * it. The CLI also masks a secret's text in a program's output (it printed {@code got "[secret]"} before the
     * program held back the value); the program does not rely on a display filter.
     */
    @Test
    void aSecretUnderAnUnknownKeyIsRefusedWithoutShowingIt() {
        Sandbox sandbox = new Sandbox(tmp).withOwnIds().initLocal("dev");
        sandbox.pulumiOk("config", "set", "--secret", "state-backend:azureStorageAccountKey", "S3cr3t-first\tsecond",
                "--stack", "dev");
        Run up = refused(sandbox, "dev", "state-backend:azureStorageAccountKey: got a secret value (not shown); expected"
                + " no such setting");
        assertFalse(up.output().contains("S3cr3t-first"), up::describe);
    }

    @Test
    void theShippedProdFileIsRefusedUntilItsExampleIdsAreReplaced() {
        Sandbox sandbox = new Sandbox(tmp).initLocal("prod");
        refused(sandbox, "prod", "state-backend:azureExistingSubnetId: got \"/subscriptions/00000000-0000-0000-0000-"
                + "000000000000/resourceGroups/rg-network-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets"
                + "/snet-private-endpoints\"; expected a resource id in a subscription of your own, not an example");
    }

    /**
     * A value only Azure can judge: the existing workspace's retention, read by the program in the preview (from the
     * stand-in provider, which reports 30 days for this workspace). The preview stops, so nothing is created.
     */
    @Test
    void anExistingWorkspaceThatKeepsAuditLogsTooBrieflyIsRefusedInProduction() {
        refusedInProductionWithWorkspace(PlanMocks.WORKSPACE_THIRTY_DAYS, "a workspace that keeps logs at least 365 days"
                + " (state-backend:azureLogRetentionDays); its table StorageBlobLogs keeps them 30");
    }

    /** A workspace id that names no workspace Azure has: the invoke's failure becomes the setting's one line. */
    @Test
    void anExistingWorkspaceThatAzureCannotFindIsRefusedInProduction() {
        Run up = refusedInProductionWithWorkspace(PlanMocks.WORKSPACE_NOT_FOUND,
                "a workspace this deployment can read; reading it failed: ");
        assertTrue(Pattern.compile("reading it failed: .*'Microsoft.OperationalInsights/workspaces/"
                + PlanMocks.WORKSPACE_NOT_FOUND + "' under resource group 'rg-monitoring' was not found\\.")
                .matcher(up.output()).find(), "Azure's answer on the same line:\n" + up.describe());
    }

    /** The prod stack with the stand-in's existing workspace {@code name}: refused with the setting's one line. */
    private Run refusedInProductionWithWorkspace(String name, String expectation) {
        String workspace = PlanMocks.existingWorkspaceId(name);
        Sandbox sandbox = new Sandbox(tmp).withOwnIds()
                .withConfig("prod", Map.of("azureExistingLogAnalyticsWorkspaceId", workspace))
                .initLocal("prod");
        return refused(sandbox, "prod", "state-backend:azureExistingLogAnalyticsWorkspaceId: got \"" + workspace
                + "\"; expected " + expectation);
    }

    /** {@code up} fails, shows the one line, no stack trace, and leaves no resource in the state. */
    private static Run refused(Sandbox sandbox, String stack, String line) {
        Run up = sandbox.pulumi("up", "--yes", "--stack", stack);
        assertFalse(up.ok(), up::describe);
        assertTrue(Pattern.compile("(?m)^\\s*(error: )?.*" + Pattern.quote(line))
                .matcher(up.output()).find(), "the one line:\n" + up.describe());
        assertFalse(Pattern.compile("(?m)^\\s+at [a-z]+\\.").matcher(up.output()).find(), "no stack trace:\n"
                + up.describe());
        assertEquals(0, sandbox.export(sandbox.localBackend(), stack).path("deployment").path("resources").size(),
                "nothing was declared");
        return up;
    }
}
