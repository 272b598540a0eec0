package io.statebackend.bench;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import com.pulumi.azurenative.resources.ResourceGroup;
import com.pulumi.azurenative.resources.ResourceGroupArgs;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import io.statebackend.App;
import io.statebackend.mockrun.PlanMocks;
import io.statebackend.settings.Setting;
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
 * any Pulumi Java program pays; {@code baseline N} declares N resource groups, what the SDK alone costs for as many
 * resources as a stack declares. Used by {@code bench/bench.mjs}; not part of the program.
 *
 * <pre>java -cp &lt;tools class path&gt; io.statebackend.bench.StartupProbe &lt;engine-config.json&gt; &lt;stack&gt; | baseline [N]
 * java -cp &lt;tools class path&gt; io.statebackend.bench.StartupProbe --engine-config &lt;stack&gt; &lt;out.json&gt;</pre>
 * The second form writes a stack file's config in the engine's form, once, outside the timed runs.
 */
public final class StartupProbe {

    private StartupProbe() {
    }

    private static final String USAGE = "usage: StartupProbe <engine-config.json> <stack> | baseline [N]"
            + " | --engine-config <stack> <out.json>";

    public static void main(String[] args) throws IOException {
        if (!usable(args)) {
            System.err.println("StartupProbe: unexpected arguments " + String.join(" ", args) + "; " + USAGE);
            System.exit(2);
        }
        TestResult result;
        try {
            if (args[0].equals("--engine-config")) {
                writeEngineConfig(Path.of("").toAbsolutePath(), args[1], Path.of(args[2]));
                return;
            }
            result = declare(args);
        } catch (IOException | RuntimeException e) {
            System.err.println("StartupProbe: " + e);
            System.exit(1);
            return;
        }
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("declared=" + (result.resources().size() - 1) + " ms_since_jvm_start=" + sinceJvmStart);
    }

    /** Whether {@code args} is one of the forms in {@link #USAGE}. */
    static boolean usable(String[] args) {
        if (args.length == 0) {
            return false;
        }
        return switch (args[0]) {
            case "--engine-config" -> args.length == 3;
            case "baseline" -> args.length == 1 || args.length == 2 && args[1].matches("[1-9][0-9]{0,5}");
            default -> args.length == 2;
        };
    }

    /** Writes {@code stack}'s config as the engine hands it to a program: {"project:key": "value", ...}. */
    static void writeEngineConfig(Path projectDir, String stack, Path out) throws IOException {
        Files.writeString(out, new Gson().toJson(StackFile.load(projectDir, stack).values()));
    }

    /** Runs {@code args}' target under the mock engine: the program on a stack's engine-form config file, or the baseline. */
    static TestResult declare(String[] args) throws IOException {
        TestOptions.Builder options = TestOptions.builder().preview(false);
        TestResult result;
        if (args[0].equals("baseline")) {
            int count = args.length > 1 ? Integer.parseInt(args[1]) : 1;
            result = PulumiTest.withMocks(new PlanMocks())
                    .withOptions(options.projectName("baseline").stackName("baseline").build())
                    .runTest(ctx -> {
                        for (int i = 0; i < count; i++) {
                            new ResourceGroup("group-" + i, ResourceGroupArgs.builder().location("westeurope").build());
                        }
                    });
        } else {
            Map<String, String> config = new Gson().fromJson(Files.readString(Path.of(args[0])),
                    new TypeToken<Map<String, String>>() { }.getType());
            result = PulumiTestInternal.builder()
                    .options(options.projectName(Setting.NAMESPACE).stackName(args[1]).build())
                    .mocks(new PlanMocks())
                    .config(config)
                    .build()
                    .runTest(App::stack);
        }
        if (!result.exceptions().isEmpty()) {
            throw new IllegalStateException(result.exceptions().get(0));
        }
        return result;
    }
}
