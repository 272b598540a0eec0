package io.statebackend.azure;

import com.pulumi.azurenative.dataprotection.BackupPolicy;
import com.pulumi.core.Output;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import io.statebackend.common.ResourceTokens;
import io.statebackend.mockrun.PlanMocks;
import io.statebackend.settings.AzureSettings;
import io.statebackend.settings.SettingsLoader;
import io.statebackend.testing.Stacks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Why {@link NameOnlyResource} exists: with the generated class, reading the provider's reply for a blob backup
 * policy stops the program; with the name-only class the same arguments go through.
 */
class AzureSdkLimitationTest {

    private static final AzureSettings.Backup PROD_BACKUP =
            SettingsLoader.load(Stacks.config("prod")).azure().orElseThrow().backup().orElseThrow();

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    private static TestResult declare(boolean generatedClass) {
        return PulumiTest.withMocks(new PlanMocks())
                .withOptions(TestOptions.builder().projectName("p").stackName("s").preview(false).build())
                .runTest(ctx -> {
                    var args = Backup.policyArgs(Output.of("rg"), Output.of("bv"), PROD_BACKUP);
                    if (generatedClass) {
                        new BackupPolicy("policy", args);
                    } else {
                        new NameOnlyResource(BackupPolicy.class, "policy", args, null);
                    }
                });
    }

    @Test
    void generatedBackupPolicyClassCannotReadTheProviderReply() {
        TestResult result = declare(true);
        assertFalse(result.exceptions().isEmpty(), "Pulumi Java reads union-typed outputs now: NameOnlyResource can go");
    }

    @Test
    void nameOnlyResourceDeclaresTheSamePolicy() {
        TestResult result = declare(false);
        assertTrue(result.exceptions().isEmpty(), () -> result.exceptions().toString());
        assertTrue(result.resources().stream().anyMatch(r -> ResourceTokens.of(BackupPolicy.class).equals(r.pulumiResourceType())));
    }
}
