package io.statebackend.plan;

import com.pulumi.azurenative.resources.ResourceGroup;
import com.pulumi.azurenative.resources.ResourceGroupArgs;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import io.statebackend.settings.StackFile;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Start-up benchmark entry: declares a stack's resources under the mock engine in a fresh JVM and prints the
 * milliseconds from JVM start to having declared them. {@code baseline} declares a one-resource Pulumi Java program
 * instead, the floor any Pulumi Java program pays. Used by {@code bench/bench.mjs}, not by the program itself.
 */
public final class StartupProbe {

    private StartupProbe() {
    }

    public static void main(String[] args) {
        String target = args.length == 0 ? "prod" : args[0];
        int declared;
        if (target.equals("baseline")) {
            var result = PulumiTest.withMocks(new PlanMocks())
                    .withOptions(TestOptions.builder().projectName("baseline").stackName("baseline").preview(false).build())
                    .runTest(ctx -> new ResourceGroup("one", ResourceGroupArgs.builder().location("westeurope").build()));
            declared = result.resources().size() - 1;
            PulumiTest.cleanup();
        } else {
            PlanResult result = ProgramRun.run(StackFile.load(Path.of("").toAbsolutePath(), target));
            if (result.error().isPresent()) {
                throw new IllegalStateException(result.error().get());
            }
            declared = result.resources().size() - 1;
        }
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("declared=" + declared + " ms_since_jvm_start=" + sinceJvmStart);
    }
}
