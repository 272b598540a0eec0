package io.statebackend.plan;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import com.pulumi.azurenative.resources.ResourceGroup;
import com.pulumi.azurenative.resources.ResourceGroupArgs;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import io.statebackend.App;
import io.statebackend.settings.StackFile;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Start-up benchmark entry: in a fresh JVM, runs the program the way the engine does (stack config handed over in
 * the engine's form, read through the SDK) under the mock engine, and prints the milliseconds from JVM start to
 * having declared every resource. {@code baseline} declares a one-resource Pulumi Java program instead, the floor
 * any Pulumi Java program pays. Used by {@code bench/bench.mjs}; not part of the program.
 *
 * <pre>java -cp target/state-backend.jar io.statebackend.plan.StartupProbe &lt;engine-config.json&gt; | baseline
 * java -cp target/state-backend.jar io.statebackend.plan.StartupProbe --engine-config &lt;stack&gt; &lt;out.json&gt;</pre>
 * The second form writes a stack file's config in the engine's form, once, outside the timed runs.
 */
public final class StartupProbe {

    private StartupProbe() {
    }

    public static void main(String[] args) throws IOException {
        if (args[0].equals("--engine-config")) {
            StackFile stack = StackFile.load(Path.of("").toAbsolutePath(), args[1]);
            Files.writeString(Path.of(args[2]), new Gson().toJson(stack.values()));
            return;
        }
        TestOptions.Builder options = TestOptions.builder().preview(false);
        TestResult result;
        if (args[0].equals("baseline")) {
            result = PulumiTest.withMocks(new PlanMocks())
                    .withOptions(options.projectName("baseline").stackName("baseline").build())
                    .runTest(ctx -> new ResourceGroup("one", ResourceGroupArgs.builder().location("westeurope").build()));
        } else {
            // What the engine passes a program: {"project:key": "value", ...}, as in PULUMI_CONFIG.
            Map<String, String> config = new Gson().fromJson(Files.readString(Path.of(args[0])),
                    new TypeToken<Map<String, String>>() { }.getType());
            result = PulumiTestInternal.builder()
                    .options(options.projectName("state-backend").stackName("bench").build())
                    .mocks(new PlanMocks())
                    .config(config)
                    .build()
                    .runTest(App::stack);
        }
        if (!result.exceptions().isEmpty()) {
            throw new IllegalStateException(result.exceptions().get(0));
        }
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("declared=" + (result.resources().size() - 1) + " ms_since_jvm_start=" + sinceJvmStart);
    }
}
