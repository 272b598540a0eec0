package io.statebackend.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs {@link Command}s as child processes with an explicit environment.
 *
 * <p>The environment (and so {@code PATH}) is a map handed in by the caller, never the JVM's own: the program is
 * looked up on that map's {@code PATH} here, because {@link ProcessBuilder} would search the JVM's {@code PATH}.
 * Tests use this to put a fake {@code pulumi} first without touching the JVM's environment.
 *
 * <p>By default the child shares this process's terminal. Given output streams instead, the child gets an empty
 * stdin and its output is copied into those streams: a child must not write into, or read from, the standard streams
 * of a JVM whose streams belong to someone else (Surefire talks to its forked test JVM through them).
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
    private final PrintStream out;
    private final PrintStream err;

    /** A runner whose children share this process's terminal. */
    public ProcessRunner(Map<String, String> baseEnv, Path workDir) {
        this(baseEnv, workDir, null, null);
    }

    /** A runner whose children read nothing and write into {@code out} and {@code err}. */
    public ProcessRunner(Map<String, String> baseEnv, Path workDir, PrintStream out, PrintStream err) {
        this.baseEnv = Map.copyOf(baseEnv);
        this.workDir = workDir;
        this.out = out;
        this.err = err;
    }

    /** The absolute path of {@code program} on this runner's {@code PATH}, if it is there and executable. */
    public Optional<Path> find(String program) {
        return find(program, baseEnv);
    }

    public static Optional<Path> find(String program, Map<String, String> env) {
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
     * shell would, so callers handle every failure the same way. A child that cannot be started or read is an
     * {@link UncheckedIOException}; an interrupt while waiting is an {@link IllegalStateException}, with this
     * thread's interrupt flag set again.
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
        command.unset().forEach(env::remove);
        env.putAll(command.env());
        boolean capture = command.output() == Command.Output.CAPTURE;
        boolean shareTerminal = out == null;
        boolean interactive = shareTerminal && !capture;
        pb.redirectInput(interactive ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE);
        pb.redirectOutput(interactive ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE);
        pb.redirectError(shareTerminal ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE);
        try {
            Process process = pb.start();
            if (!interactive) {
                process.getOutputStream().close();
            }
            CompletableFuture<String> stdout = interactive ? CompletableFuture.completedFuture("")
                    : drain(process.getInputStream(), capture ? null : out);
            CompletableFuture<String> stderr = shareTerminal ? CompletableFuture.completedFuture("")
                    : drain(process.getErrorStream(), err);
            int code = process.waitFor();
            String captured = stdout.join();
            stderr.join();
            return new Result(code, capture ? captured : "");
        } catch (CompletionException e) {
            throw e.getCause() instanceof UncheckedIOException unreadable ? unreadable : e;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command.display(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.display(), e);
        }
    }

    /**
     * Reads a child's stream to its end on a thread of its own (so stdout and stderr can never block each other),
     * copying it to {@code to} when given; the future holds the text.
     */
    private static CompletableFuture<String> drain(InputStream in, PrintStream to) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                String text = readAll(in);
                if (to != null) {
                    to.print(text);
                    to.flush();
                }
                result.complete(text);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        return result;
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
