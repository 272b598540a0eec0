package io.statebackend.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statebackend.e2e.programs.ConsumerProgram;
import io.statebackend.ops.Ops;
import io.statebackend.process.Command;
import io.statebackend.testing.ProviderSdks;
import io.statebackend.testing.Stacks;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One test's copy of the project and the environment its commands run in. The stack files are copies (the
 * bootstrap and migrations rewrite them); the built jar, the policy pack and the tools are the project's own, linked.
 * The environment holds the pinned CLI and the test programs' java first on PATH, and no build tools
 * ({@link E2e#commandPath}), a Pulumi home of the test's own whose plugin cache is the shared one, and nothing of the
 * caller's cloud credentials or Pulumi login.
 */
final class Sandbox {

    static final String PASSPHRASE = "e2e local-backend passphrase";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REAL_BINARY = "binary: target/state-backend.jar";
    /**
     * The aws and azure-native SDKs among the program's runtime dependencies. A stack that declares none of their
     * resources leaves them off its class path, so the language host reports no provider package for it and scans
     * 7,000 entries less on every command.
     */
    private static final Predicate<Path> PROVIDER_SDKS = jar -> Pattern.matches("(aws|azure-native)-[0-9.]+\\.jar",
            jar.getFileName().toString());

    final Path root;
    final Path project;
    final Map<String, String> env = new LinkedHashMap<>();

    Sandbox(Path root) {
        this.root = root;
        this.project = root.resolve("project");
        try {
            Files.createDirectories(project);
            for (String file : List.of("Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml", "README.md")) {
                Files.copy(E2e.PROJECT.resolve(file), project.resolve(file));
            }
            for (String dir : List.of("target", "policy", "tools", "docs")) {
                Files.createSymbolicLink(project.resolve(dir), E2e.PROJECT.resolve(dir));
            }
            Path pulumiHome = Files.createDirectories(root.resolve("pulumi-home"));
            Files.createSymbolicLink(pulumiHome.resolve("plugins"), E2e.PULUMI_HOME.resolve("plugins"));
            Path home = Files.createDirectories(root.resolve("home"));
            env.put("PATH", E2e.commandPath());
            env.put("HOME", home.toString());
            env.put("LANG", "C.UTF-8");
            env.put("PULUMI_HOME", pulumiHome.toString());
            env.put("PULUMI_SKIP_UPDATE_CHECK", "true");
            env.put("PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION", "true");
            env.put("PULUMI_CONFIG_PASSPHRASE", PASSPHRASE);
            env.putAll(E2e.standInEnv());
            env.putAll(E2e.runtimeEnv());
            env.put(E2e.TEST_ENV, E2e.running());
        } catch (IOException e) {
            throw new UncheckedIOException("could not set up the sandbox in " + root, e);
        }
    }

    /**
     * Turns the sandbox into another project of the organisation, {@code consumer}, whose stacks hold secrets
     * ({@link ConsumerProgram}): what the state backend exists to serve.
     */
    Sandbox asConsumer() {
        try {
            Files.delete(project.resolve("Pulumi.dev.yaml"));
            Files.delete(project.resolve("Pulumi.prod.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path jar = programJar(ConsumerProgram.class, "ConsumerProgram", PROVIDER_SDKS.negate(), List.of());
        write("Pulumi.yaml", "name: consumer\nruntime:\n  name: java\n  options:\n    binary: " + jar + "\n");
        return this;
    }

    /**
     * Makes {@code bucket} on moto the backend of every command, and creates the consumer's {@code prod} there under
     * the KMS secrets provider, with a secret in its config.
     */
    Sandbox initConsumerOnS3(Moto moto, String bucket) {
        moto.createKeyAlias("alias/pulumi-secrets-dev");
        moto.createStateBucket(bucket);
        with(moto.env());
        env.put("PULUMI_BACKEND_URL", moto.backendUrl(bucket));
        pulumiOk("stack", "init", "prod", "--secrets-provider", BootstrapIT.SECRETS);
        pulumiOk("config", "set", "--secret", "apiToken", "consumer-token-" + bucket, "--stack", "prod");
        return this;
    }

    /** The project's own local backend, where the README's main command keeps the stack. */
    String localBackend() {
        return "file://" + project.resolve(".pulumi-local");
    }

    /** Replaces the examples in the copy of Pulumi.prod.yaml with ids of the real shape, as an operator would. */
    Sandbox withOwnIds() {
        Stacks.writeOwnIds(project.resolve("Pulumi.prod.yaml"));
        return this;
    }

    /** Sets {@code values} in the stack file's config, as an operator edits it ({@link Stacks#setConfig}). */
    Sandbox withConfig(String stack, Map<String, ?> values) {
        Stacks.setConfig(project.resolve("Pulumi." + stack + ".yaml"), values);
        return this;
    }

    /** Makes the project's local backend the backend of every command, and creates {@code stack} in it. */
    Sandbox initLocal(String stack) {
        env.put("PULUMI_BACKEND_URL", localBackend());
        try {
            Files.createDirectories(project.resolve(".pulumi-local"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pulumiOk("stack", "init", stack);
        return this;
    }

    /** Puts {@code dir} before everything else on the PATH of this sandbox's commands. */
    void putFirstOnPath(Path dir) {
        env.put("PATH", dir + File.pathSeparator + env.get("PATH"));
    }

    Sandbox with(Map<String, String> more) {
        env.putAll(more);
        return this;
    }

    Run pulumi(String... args) {
        return Run.of(env, project, Command.of("pulumi", args).build());
    }

    /** A pulumi command that must succeed. */
    Run pulumiOk(String... args) {
        Run run = pulumi(args);
        assertTrue(run.ok(), run::describe);
        return run;
    }

    /** A pulumi command left running, its output in {@code log}. */
    Process start(Path log, String... args) {
        List<String> argv = new ArrayList<>(List.of(E2e.BIN.resolve("pulumi").toString()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env);
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A line of shell, as a person would paste it, in the project directory. */
    Run bash(String script, Map<String, String> extraEnv) {
        Map<String, String> all = new LinkedHashMap<>(env);
        all.putAll(extraEnv);
        return Run.of(all, project, Command.of("bash", "-c", script).build());
    }

    JsonNode json(Run run) {
        assertTrue(run.ok(), run::describe);
        try {
            return JSON.readTree(run.stdout());
        } catch (IOException e) {
            return fail("not JSON: " + e.getMessage() + "\n" + run.describe());
        }
    }

    /** The stack's state as the backend holds it (secrets encrypted). */
    JsonNode export(String backend, String stack) {
        return json(Run.of(env, project, Command.of("pulumi", "stack", "export", "--stack", stack)
                .env("PULUMI_BACKEND_URL", backend).build()));
    }

    /** Ops for running the project's own commands (bootstrap, migration) in-process on this sandbox. */
    Ops ops(ByteArrayOutputStream out) {
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        return new Ops(env, project, print, print, question -> false, Clock.systemUTC(), false);
    }

    /**
     * Makes Pulumi run {@code main} instead of the program: its jar ({@link E2e#programJar}) holds it and the
     * program's classes, and names the program's runtime dependencies as the real jar does.
     */
    void useProgram(Class<?> main) {
        runInstead(programJar(main, main.getSimpleName(), jar -> true, List.of()));
    }

    /**
     * As {@link #useProgram}, with the full aws and azure-native SDKs in place of the package step's trimmed copies:
     * the class path of a Pulumi Java project built the usual way.
     */
    void useProgramOnFullSdks(Class<?> main) {
        runInstead(programJar(main, main.getSimpleName() + "-on-full-sdks", PROVIDER_SDKS.negate(), ProviderSdks.ALL));
    }

    private void runInstead(Path jar) {
        write("Pulumi.yaml", read("Pulumi.yaml").replace(REAL_BINARY, "binary: " + jar));
    }

    private static Path programJar(Class<?> main, String name, Predicate<Path> dependencies, List<Path> moreJars) {
        List<Path> classPath = new ArrayList<>();
        try (var jars = Files.list(E2e.PROJECT.resolve("target/lib"))) {
            jars.filter(dependencies).sorted().forEach(classPath::add);
        } catch (IOException e) {
            throw new UncheckedIOException("the program's runtime dependencies are not in target/lib: run mvn package", e);
        }
        classPath.addAll(moreJars);
        return E2e.programJar(main, name, classPath);
    }

    void write(String file, String text) {
        try {
            Files.writeString(project.resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the directory {@code from}, with everything below it, to {@code to}. */
    static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.copy(path, to.resolve(from.relativize(path).toString()));
            }
        }
    }

    String read(String file) {
        try {
            return Files.readString(project.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
