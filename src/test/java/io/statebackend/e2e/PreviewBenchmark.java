package io.statebackend.e2e;

import io.statebackend.e2e.programs.EmptyProgram;
import io.statebackend.e2e.programs.OneResourceProgram;
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

/**
 * Not a test: the measurements of {@code pulumi preview} through the pinned CLI that {@code bench/bench.mjs preview}
 * summarises (never run by the build). Each case runs once per round, round after round, so that a machine whose
 * speed drifts shifts every case alike; one untimed round first warms the plugin cache and the page cache. Prints one
 * line per sample: {@code <case>\t<seconds>}.
 *
 * <p>The cases split a preview of the prod stack with the policy pack into its parts: the CLI alone, a JVM alone, the
 * language host with an empty Java program, one provider (the stand-in test double) with a one-resource program, the
 * pack's analyzer on that program, and the prod program with and without the pack; the one-resource program with the
 * pack again on the full provider SDKs, as a project built without the trim runs it; the one-resource and prod
 * previews with the pack again with C1 only for every JVM ({@code JDK_JAVA_OPTIONS=-XX:TieredStopAtLevel=1}), the
 * language host's package scan's too. The one-resource and empty programs otherwise run on the real jar's class path,
 * the trimmed SDKs among it, so that the package scan costs the same as the prod stack's. Providers
 * are the stand-ins of the end-to-end tests, on the local backend: what the real CLI, language host, JVM and pack
 * cost, not a cloud's latency.
 */
public final class PreviewBenchmark {

    private PreviewBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = Integer.parseInt(args[0]);
        E2e.prepare();
        Path root = Files.createTempDirectory("state-backend-preview-bench-");
        Sandbox prod = asUsersRunIt(new Sandbox(root.resolve("prod")).withOwnIds().initLocal("prod"));
        Sandbox one = program(root.resolve("one"), sandbox -> sandbox.useProgram(OneResourceProgram.class));
        Sandbox oneOnFullSdks = program(root.resolve("one-full-sdks"),
                sandbox -> sandbox.useProgramOnFullSdks(OneResourceProgram.class));
        Sandbox empty = program(root.resolve("empty"), sandbox -> sandbox.useProgram(EmptyProgram.class));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        Map<String, Supplier<Run>> cases = new LinkedHashMap<>();
        cases.put("cli: pulumi version", () -> prod.pulumi("version"));
        cases.put("jvm: java -version", () -> Run.of(prod.env, prod.project, Command.of(java, "-version").build()));
        cases.put("preview: empty program", () -> preview(empty, false));
        cases.put("preview: one resource", () -> preview(one, false));
        cases.put("preview: one resource, with the pack", () -> preview(one, true));
        cases.put("preview: prod stack", () -> preview(prod, false));
        cases.put("preview: prod stack, with the pack", () -> preview(prod, true));
        cases.put("preview: one resource, with the pack, full SDKs", () -> preview(oneOnFullSdks, true));
        cases.put("preview: one resource, with the pack, C1", () -> withC1(one, () -> preview(one, true)));
        cases.put("preview: prod stack, with the pack, C1", () -> withC1(prod, () -> preview(prod, true)));

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
    }

    private static Run withC1(Sandbox sandbox, Supplier<Run> command) {
        sandbox.env.put(E2e.JVM_OPTIONS_ENV, "-XX:TieredStopAtLevel=1");
        try {
            return command.get();
        } finally {
            sandbox.env.remove(E2e.JVM_OPTIONS_ENV);
        }
    }

    /**
     * As a user's shell runs it: without the end-to-end tests' JVM options (their class-data archive above all), and
     * with the build tools the tests leave off PATH, whose version probes are part of every preview a user runs.
     */
    private static Sandbox asUsersRunIt(Sandbox sandbox) {
        sandbox.env.remove(E2e.JVM_OPTIONS_ENV);
        sandbox.env.put("PATH", E2e.BIN + File.pathSeparator + System.getenv("PATH"));
        return sandbox;
    }

    private static Sandbox program(Path dir, Consumer<Sandbox> useProgram) {
        Sandbox sandbox = new Sandbox(dir).withOwnIds();
        useProgram.accept(sandbox);
        return asUsersRunIt(sandbox.initLocal("prod"));
    }

    private static Run preview(Sandbox sandbox, boolean withPack) {
        List<String> args = new ArrayList<>(List.of("preview", "--stack", "prod", "--non-interactive"));
        if (withPack) {
            args.addAll(List.of("--policy-pack", "policy/run-pack", "--policy-pack-config", "policy/config/prod.json"));
        }
        return sandbox.pulumi(args.toArray(String[]::new));
    }
}
