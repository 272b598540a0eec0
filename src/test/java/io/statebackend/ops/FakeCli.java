package io.statebackend.ops;

import com.google.common.io.MoreFiles;
import io.statebackend.process.ProcessRunner;
import io.statebackend.testing.Executables;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A sandbox for one test: a project directory, a {@code bin/} with the fake {@code pulumi}, {@code az},
 * {@code aws} and {@code mvn} (src/test/resources/fakecli/fake-cli.sh), a {@code tools/} with links to the real
 * {@code node}, {@code java} and {@code mvn}, and an environment whose PATH holds only those two directories, bin
 * first (so the build step is recorded, not run).
 */
final class FakeCli {

    static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");

    final Path root;
    final Path project;
    final Path bin;
    final Path tools;
    final Path log;
    final Path scenario;
    final Map<String, String> env = new LinkedHashMap<>();
    private final List<Rule> rules = new ArrayList<>();

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    boolean confirmAnswer = true;
    final List<String> questions = new ArrayList<>();

    FakeCli(Path root) {
        this.root = root;
        this.project = root.resolve("project");
        this.bin = root.resolve("bin");
        this.tools = root.resolve("tools");
        this.log = root.resolve("calls.log");
        this.scenario = root.resolve("scenario");
        try {
            Files.createDirectories(bin);
            Files.createDirectories(tools);
            Files.createDirectories(project.resolve("policy").resolve("node_modules"));
            Files.createDirectories(project.resolve("policy").resolve("dist"));
            Files.writeString(project.resolve("policy").resolve("dist").resolve("index.js"), "");
            Files.writeString(project.resolve("Pulumi.yaml"), "name: state-backend\nruntime: java\n");
            Files.writeString(project.resolve("policy").resolve("PulumiPolicy.yaml"), "runtime: nodejs\n");
            String script;
            try (InputStream in = FakeCli.class.getResourceAsStream("/fakecli/fake-cli.sh")) {
                script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            for (String name : List.of("pulumi", "az", "aws", "mvn")) {
                Executables.write(bin.resolve(name), script);
            }
            for (String real : List.of("node", "java", "mvn")) {
                Optional<Path> found = ProcessRunner.find(real, System.getenv());
                assumeTrue(found.isPresent(), real + " must be on PATH to run these tests");
                Files.createSymbolicLink(tools.resolve(real), found.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("PATH", bin + ":" + tools);
        env.put("HOME", root.toString());
        env.put("FAKE_CLI_LOG", log.toString());
        env.put("FAKE_CLI_SCENARIO", scenario.toString());
        env.put("PULUMI_CONFIG_PASSPHRASE", "test-passphrase");
        env.put("AZURE_CLIENT_ID", "00000000-0000-0000-0000-000000000001");
        env.put("AZURE_TENANT_ID", "00000000-0000-0000-0000-000000000002");
        env.put("AZURE_FEDERATED_TOKEN_FILE", root.resolve("token").toString());
        env.put("AWS_PROFILE", "state-admin");
        writeScenario();
    }

    void removeFromPath(String name) {
        try {
            Files.deleteIfExists(bin.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the fakes answer to calls whose log line contains {@code match}. */
    private record Rule(String match, int exit, String stdout, String stderr) {
    }

    /** Adds a rule: calls whose log line contains {@code match} answer with this exit code and output. */
    FakeCli on(String match, int exit, String stdout) {
        rules.add(new Rule(match, exit, stdout, exit == 0 ? null : "fake failure for '" + match + "'\n"));
        writeScenario();
        return this;
    }

    /** Makes calls containing {@code match} fail with exit code 1; this rule wins over earlier ones. */
    FakeCli fail(String match) {
        on(match, 1, null);
        rules.add(0, rules.remove(rules.size() - 1));
        writeScenario();
        return this;
    }

    /** Writes the rules as fake-cli.sh reads them: one numbered directory per rule, in order. */
    private void writeScenario() {
        try {
            if (Files.exists(scenario)) {
                MoreFiles.deleteRecursively(scenario);
            }
            Files.createDirectories(scenario);
            for (int i = 0; i < rules.size(); i++) {
                Rule rule = rules.get(i);
                Path dir = Files.createDirectory(scenario.resolve(String.format("%03d", i)));
                Files.writeString(dir.resolve("match"), rule.match() + "\n");
                Files.writeString(dir.resolve("exit"), rule.exit() + "\n");
                if (rule.stdout() != null) {
                    Files.writeString(dir.resolve("stdout"), rule.stdout());
                }
                if (rule.stderr() != null) {
                    Files.writeString(dir.resolve("stderr"), rule.stderr());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commands the fakes received so far, one per line, with the project path shown as {@code <P>}. */
    List<String> calls() {
        try {
            if (!Files.exists(log)) {
                return List.of();
            }
            return Files.readAllLines(log).stream().map(l -> l.replace(project.toString(), "<P>")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void clearCalls() {
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int run(BiFunction<String[], Ops, Integer> command, String... args) {
        out.reset();
        err.reset();
        Ops ops = new Ops(env, project,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                q -> {
                    questions.add(q);
                    return confirmAnswer;
                }, Clock.fixed(NOW, ZoneOffset.UTC), false);
        return command.apply(args, ops);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8).replace(project.toString(), "<P>");
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8).replace(project.toString(), "<P>");
    }

    /** Lines that the command printed as {@code  $ <command>}. */
    List<String> printedCommands() {
        return out().lines().filter(l -> l.startsWith("  $ ")).map(l -> l.substring(4)).toList();
    }
}
