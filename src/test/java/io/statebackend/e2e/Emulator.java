package io.statebackend.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An emulator process listening on a free loopback port, its output in a log file. It is stopped by
 * {@link #close()}, and by a shutdown hook should the test JVM end first.
 */
final class Emulator implements AutoCloseable {

    /** The TCP state of a listening socket in /proc/net/tcp. */
    private static final String LISTEN = "0A";
    private static final Pattern ADDRESS_IN_USE = Pattern.compile("EADDRINUSE|[Aa]ddress already in use");

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
     * emulator itself listens on it. Between choosing a free port and the emulator binding it, another process (the
     * tests start many) can take the port; then the emulator exits with "address already in use" and starts again on
     * another port.
     */
    static Emulator start(String name, Path dir, List<String> argv, IntFunction<List<String>> portArgs,
                          Map<String, String> env) {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(name, dir, argv, portArgs, env);
            } catch (PortTaken e) {
                if (attempt == 3) {
                    throw new IllegalStateException(name + " found its port taken three times", e);
                }
            }
        }
    }

    private static Emulator startOnce(String name, Path dir, List<String> argv, IntFunction<List<String>> portArgs,
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
            try {
                emulator.awaitListening(Duration.ofSeconds(60));
            } catch (PortTaken e) {
                emulator.close();
                throw e;
            }
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
                String output = Files.readString(log);
                if (ADDRESS_IN_USE.matcher(output).find()) {
                    throw new PortTaken();
                }
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + output);
            }
            if (listensItself()) {
                return;
            }
            sleep(100);
        }
        close();
        throw new IllegalStateException(name + " did not listen on port " + port + " within " + timeout + ":\n"
                + Files.readString(log));
    }

    /**
     * Whether the socket listening on the port belongs to the emulator's process or one it started, rather than to
     * another process that took the port: the listening socket's inode in /proc/net/tcp among the processes' open
     * files.
     */
    private boolean listensItself() throws IOException {
        String localAddress = String.format(":%04X", port);
        Set<String> sockets = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 9 && fields[1].endsWith(localAddress) && fields[3].equals(LISTEN)) {
                    sockets.add("socket:[" + fields[9] + "]");
                }
            }
        }
        return !sockets.isEmpty() && Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .anyMatch(handle -> opens(handle.pid(), sockets));
    }

    private static boolean opens(long pid, Set<String> sockets) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return sockets.contains(Files.readSymbolicLink(fd).toString());
                } catch (IOException gone) {
                    return false;
                }
            });
        } catch (IOException gone) {
            return false;
        }
    }

    /** The emulator could not bind the port it was given. */
    private static final class PortTaken extends RuntimeException {
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
