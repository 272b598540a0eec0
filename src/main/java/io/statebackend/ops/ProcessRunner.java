package io.statebackend.ops;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs {@link Command}s as child processes with an explicit environment.
 *
 * <p>The environment (and so {@code PATH}) is a map handed in by the caller, never the JVM's own: the program is
 * looked up on that map's {@code PATH} here, because {@link ProcessBuilder} would search the JVM's {@code PATH}.
 * Tests use this to put a fake {@code pulumi} first without touching the JVM's environment.
 */
public final class ProcessRunner {

    /** What a finished command returned. {@code stdout} is empty unless the command captured it. */
    public record Result(int exitCode, String stdout) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private final Map<String, String> baseEnv;
    private final Path workDir;

    public ProcessRunner(Map<String, String> baseEnv, Path workDir) {
        this.baseEnv = Map.copyOf(baseEnv);
        this.workDir = workDir;
    }

    /** The absolute path of {@code program} on this runner's {@code PATH}, if it is there and executable. */
    public Optional<Path> find(String program) {
        return find(program, baseEnv);
    }

    static Optional<Path> find(String program, Map<String, String> env) {
        if (program.contains(File.separator)) {
            Path p = Path.of(program);
            return Files.isExecutable(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
        }
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    /**
     * Runs the command and waits for it. A program missing from {@code PATH} is reported as exit code 127, as a
     * shell would, so callers handle every failure the same way.
     */
    public Result run(Command command) {
        Optional<Path> exe = find(command.program());
        if (exe.isEmpty()) {
            return new Result(127, "");
        }
        List<String> argv = new ArrayList<>(command.argv());
        argv.set(0, exe.get().toString());
        ProcessBuilder pb = new ProcessBuilder(argv).directory(workDir.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(baseEnv);
        env.putAll(command.env());
        pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.redirectOutput(command.output() == Command.Output.CAPTURE
                ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.INHERIT);
        try {
            Process process = pb.start();
            CompletableFuture<String> stdout = command.output() == Command.Output.CAPTURE
                    ? CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()))
                    : CompletableFuture.completedFuture("");
            int code = process.waitFor();
            return new Result(code, stdout.join());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command.display(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.display(), e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
