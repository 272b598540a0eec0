package io.statebackend.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * An emulator process listening on a free loopback port, its output in a log file. It is stopped by
 * {@link #close()}, and by a shutdown hook should the test JVM end first.
 */
final class Emulator implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Thread stopOnExit;
    final int port;
    final Path log;

    private Emulator(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.stopOnExit = new Thread(process::destroyForcibly, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts {@code argv} (from {@link E2e#BIN}) with {@code portArgs} given the chosen port, and waits until the
     * port takes connections.
     */
    static Emulator start(String name, Path dir, List<String> argv, IntFunction<List<String>> portArgs,
                          Map<String, String> env) {
        try {
            Files.createDirectories(dir);
            int port = freePort();
            Path log = dir.resolve(name + ".log");
            List<String> command = new ArrayList<>(argv);
            command.set(0, E2e.BIN.resolve(argv.get(0)).toString());
            command.addAll(portArgs.apply(port));
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            pb.environment().putAll(env);
            Emulator emulator = new Emulator(name, pb.start(), port, log);
            emulator.awaitListening(Duration.ofSeconds(60));
            return emulator;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitListening(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n"
                        + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        close();
        throw new IllegalStateException(name + " did not listen on port " + port + " within " + timeout + ":\n"
                + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }
}
