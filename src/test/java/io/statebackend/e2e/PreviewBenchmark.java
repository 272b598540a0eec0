package io.statebackend.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.statebackend.e2e.programs.EmptyProgram;
import io.statebackend.e2e.programs.ResourceGroupsProgram;
import io.statebackend.settings.Setting;
import io.statebackend.testing.Executables;
import io.statebackend.testing.PlanAssertions;
import io.statebackend.process.Command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Not a test: the measurements of {@code pulumi preview} through the pinned CLI that {@code bench/bench.mjs preview}
 * summarises (never run by the build). Each case runs once per round, round after round, so that a machine whose
 * speed drifts shifts every case alike; one untimed round first warms the plugin cache and the page cache. Prints one
 * line per sample: {@code <case>\t<seconds>}.
 *
 * <p>The cases split a preview of the prod stack with the policy pack into its parts: the CLI alone, a JVM alone, the
 * language host with an empty Java program, one provider (the stand-in test double) with a one-resource program, the
 * pack's analyzer on that program, and the prod program with and without the pack; a program that declares as many
 * resources as prod, all of the simplest kind (resource groups), with the pack: what the SDK and the engine alone need
 * for that many; the one-resource program with the pack again on the full provider SDKs, as a project built without
 * the trim runs it; prod with the pack on the jar's first run, when the program's own JVM writes its class archive,
 * and in the JVM Pulumi starts, where a user's JVM option keeps it ({@code ShortRunJvm}); the one-resource and prod
 * previews with the pack again with C1 only for every JVM
 * ({@code JDK_JAVA_OPTIONS=-XX:TieredStopAtLevel=1}), the language host's package scan's too. The one-resource and
 * empty programs otherwise run on the real jar's class path, the trimmed SDKs among it, so that the package scan costs
 * the same as the prod stack's. Providers are the stand-ins of the end-to-end tests, on the local backend: what the
 * real CLI, language host, JVM and pack cost, not a cloud's latency.
 */
public final class PreviewBenchmark {

    /** C1 only, for every JVM: the package scan's too. */
    private static final String C1 = "-XX:TieredStopAtLevel=1";
    /**
     * The JVM's default, given as a user's option: the program then runs in the JVM Pulumi starts, as it did before it
     * started its own ({@code ShortRunJvm}), and nothing else changes.
     */
    private static final String USER_OPTIONS_THAT_CHANGE_NOTHING = "-Xshare:auto";

    private PreviewBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = Integer.parseInt(args[0]);
        E2e.prepare();
        Path root = Files.createTempDirectory("state-backend-preview-bench-");
        Sandbox prod = asUsersRunIt(new Sandbox(root.resolve("prod")).withOwnIds().initLocal("prod"));
        Sandbox one = program(root.resolve("one"), sandbox -> sandbox.useProgram(ResourceGroupsProgram.class));
        Sandbox oneOnFullSdks = program(root.resolve("one-full-sdks"),
                sandbox -> sandbox.useProgramOnFullSdks(ResourceGroupsProgram.class));
        int declared = resourcesDeclared(prod);
        Sandbox asMany = program(root.resolve("as-many"), sandbox -> sandbox.withConfig("prod",
                Map.of(Setting.NAMESPACE + ":" + ResourceGroupsProgram.COUNT, declared))
                .useProgram(ResourceGroupsProgram.class));
        System.out.println("resources the prod stack declares: " + declared);
        Sandbox empty = program(root.resolve("empty"), sandbox -> sandbox.useProgram(EmptyProgram.class));

        Map<String, Supplier<Run>> cases = new LinkedHashMap<>();
        cases.put("cli: pulumi version", () -> prod.pulumi("version"));
        cases.put("jvm: java -version", () -> Run.of(prod.env, prod.project, Command.of(Executables.JAVA, "-version").build()));
        cases.put("preview: empty program", () -> preview(empty, false));
        cases.put("preview: one resource", () -> preview(one, false));
        cases.put("preview: one resource, with the pack", () -> preview(one, true));
        cases.put("preview: prod stack", () -> preview(prod, false));
        cases.put("preview: prod stack, with the pack", () -> preview(prod, true));
        cases.put("preview: as many resource groups, with the pack", () -> preview(asMany, true));
        cases.put("preview: one resource, with the pack, full SDKs", () -> preview(oneOnFullSdks, true));
        cases.put("preview: prod stack, with the pack, first run of the jar", () -> {
            E2e.removeProgramArchives();
            return preview(prod, true);
        });
        cases.put("preview: prod stack, with the pack, in the JVM Pulumi starts",
                () -> withJvmOptions(prod, USER_OPTIONS_THAT_CHANGE_NOTHING, () -> preview(prod, true)));
        cases.put("preview: one resource, with the pack, C1", () -> withJvmOptions(one, C1, () -> preview(one, true)));
        cases.put("preview: prod stack, with the pack, C1", () -> withJvmOptions(prod, C1, () -> preview(prod, true)));

        for (int round = 0; round <= rounds; round++) {
            for (var entry : cases.entrySet()) {
                long started = System.nanoTime();
                Run run = entry.getValue().get();
                double seconds = (System.nanoTime() - started) / 1e9;
                if (!run.ok()) {
                    throw new IllegalStateException(entry.getKey() + " failed:\n" + run.describe());
                }
                if (round > 0) {
                    System.out.println(entry.getKey() + "\t" + seconds);
                }
            }
        }

        ProgramJvmProbe probe = new ProgramJvmProbe(root.resolve("program-jvm"));
        Map<String, Sandbox> headline = Map.of("prod stack, with the pack", prod, "one resource, with the pack", one,
                "as many resource groups, with the pack", asMany);
        for (int round = 1; round <= rounds; round++) {
            for (var entry : headline.entrySet()) {
                double cpuSeconds = probe.during(entry.getValue(), () -> preview(entry.getValue(), true));
                System.out.println("program JVM, CPU: " + entry.getKey() + "\t" + cpuSeconds);
            }
        }
    }

    /**
     * Runs a sandbox's command with {@link E2e#javaForPrograms} first on its PATH, so that the shell that starts the
     * program's JVM writes down the CPU time of that JVM and of any it starts itself ({@code times}). After the timed
     * rounds, never during them: it shows where the program's JVM spends its CPU, not how long a user waits.
     */
    static final class ProgramJvmProbe {

        private static final Pattern CHILDREN_CPU = Pattern.compile("\\n(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s");

        private final Path cpu;
        private final Path bin;

        ProgramJvmProbe(Path dir) throws IOException {
            this.cpu = Files.createDirectories(dir).resolve("cpu.txt");
            this.bin = E2e.javaForPrograms(dir.resolve("bin"), "", "times > " + cpu);
        }

        /** The CPU seconds the program's JVMs took in the command. */
        double during(Sandbox sandbox, Supplier<Run> command) throws IOException {
            String path = sandbox.env.get("PATH");
            sandbox.putFirstOnPath(bin);
            try {
                Files.deleteIfExists(cpu);
                Run run = command.get();
                if (!run.ok()) {
                    throw new IllegalStateException("the probed command failed:\n" + run.describe());
                }
            } finally {
                sandbox.env.put("PATH", path);
            }
            Matcher times = CHILDREN_CPU.matcher(Files.exists(cpu) ? Files.readString(cpu) : "");
            if (!times.find()) {
                throw new IllegalStateException("the program's JVM left no CPU time in " + cpu);
            }
            return 60 * Integer.parseInt(times.group(1)) + Double.parseDouble(times.group(2))
                    + 60 * Integer.parseInt(times.group(3)) + Double.parseDouble(times.group(4));
        }
    }

    private static Run withJvmOptions(Sandbox sandbox, String options, Supplier<Run> command) {
        sandbox.env.put(E2e.JVM_OPTIONS_ENV, options);
        try {
            return command.get();
        } finally {
            sandbox.env.remove(E2e.JVM_OPTIONS_ENV);
        }
    }

    /**
     * As a user's shell runs it: without the end-to-end tests' runtime settings (their class-data archive above all),
     * and with the build tools the tests leave off PATH, whose version probes are part of every preview a user runs.
     */
    private static Sandbox asUsersRunIt(Sandbox sandbox) {
        sandbox.env.keySet().removeAll(E2e.runtimeEnv().keySet());
        sandbox.env.put("PATH", E2e.BIN + File.pathSeparator + System.getenv("PATH"));
        return sandbox;
    }

    private static Sandbox program(Path dir, Consumer<Sandbox> useProgram) {
        Sandbox sandbox = new Sandbox(dir).withOwnIds();
        useProgram.accept(sandbox);
        return asUsersRunIt(sandbox.initLocal("prod"));
    }

    /**
     * How many resources a preview of the prod stack registers, its stack and provider instances left out: the count
     * for the program that declares as many of the simplest kind.
     */
    private static int resourcesDeclared(Sandbox prod) {
        JsonNode plan = prod.json(prod.pulumiOk("preview", "--stack", "prod", "--non-interactive", "--json"));
        int declared = 0;
        for (JsonNode step : plan.path("steps")) {
            String type = step.path("newState").path("type").asText();
            if (!type.equals(PlanAssertions.ROOT_STACK_TYPE) && !type.startsWith("pulumi:providers:")) {
                declared++;
            }
        }
        if (declared == 0) {
            throw new IllegalStateException("a preview of prod planned no resources:\n" + plan);
        }
        return declared;
    }

    private static Run preview(Sandbox sandbox, boolean withPack) {
        List<String> args = new ArrayList<>(List.of("preview", "--stack", "prod", "--non-interactive"));
        if (withPack) {
            args.addAll(List.of("--policy-pack", "policy/run-pack", "--policy-pack-config", "policy/config/prod.json"));
        }
        return sandbox.pulumi(args.toArray(String[]::new));
    }
}
