package io.statebackend.e2e;

import org.junit.jupiter.api.Test;
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

    @Test
    void aValueOfTheWrongTypeIsRefusedByTheCliAgainstPulumiYamlsTypes() {
        Sandbox sandbox = stack("dev");
        sandbox.pulumiOk("config", "set", "state-backend:azureSoftDeleteRetentionDays", "thirty", "--stack", "dev");
        refused(sandbox, "dev", "configuration key 'azureSoftDeleteRetentionDays' must be of type 'integer'");
    }

    @Test
    void anUnknownKeyInTheProjectNamespaceIsRefusedByTheProgram() {
        Sandbox sandbox = stack("dev");
        sandbox.pulumiOk("config", "set", "state-backend:azureSkuNmae", "Standard_LRS", "--stack", "dev");
        refused(sandbox, "dev", "error: state-backend:azureSkuNmae: got \"Standard_LRS\"; expected no such setting");
    }

    @Test
    void anOutOfRangeValueIsRefusedByTheProgram() {
        Sandbox sandbox = stack("dev");
        sandbox.pulumiOk("config", "set", "state-backend:azureSoftDeleteRetentionDays", "0", "--stack", "dev");
        refused(sandbox, "dev", "error: state-backend:azureSoftDeleteRetentionDays: got \"0\"; expected");
    }

    @Test
    void aDevelopmentRelaxationUnderTheProductionProfileIsRefusedByTheProgram() {
        Sandbox sandbox = stack("prod");
        sandbox.pulumiOk("config", "set", "state-backend:azureSkuName", "Standard_LRS", "--stack", "prod");
        refused(sandbox, "prod", "error: state-backend:azureSkuName: got \"Standard_LRS\"; expected");
    }

    private Sandbox stack(String name) {
        Sandbox sandbox = new Sandbox(tmp);
        sandbox.env.put("PULUMI_BACKEND_URL", sandbox.localBackend());
        sandbox.bash("mkdir -p .pulumi-local", Map.of());
        sandbox.pulumiOk("stack", "init", name);
        return sandbox;
    }

    /** {@code up} fails, shows the one line, no stack trace, and leaves no resource in the state. */
    private static void refused(Sandbox sandbox, String stack, String line) {
        Run up = sandbox.pulumi("up", "--yes", "--stack", stack);
        assertFalse(up.ok(), up::describe);
        assertTrue(Pattern.compile("(?m)^\\s*(error: )?.*" + Pattern.quote(line.replaceFirst("^error: ", "")))
                .matcher(up.output()).find(), "the one line:\n" + up.describe());
        assertFalse(Pattern.compile("(?m)^\\s+at [a-z]+\\.").matcher(up.output()).find(), "no stack trace:\n"
                + up.describe());
        assertEquals(0, sandbox.export(sandbox.localBackend(), stack).path("deployment").path("resources").size(),
                "nothing was declared");
    }
}
