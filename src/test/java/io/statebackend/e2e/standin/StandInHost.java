package io.statebackend.e2e.standin;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * TEST DOUBLE: serves the {@link StandInProvider} instances from the test JVM, so that a provider plugin the engine
 * starts costs a connection rather than a JVM of its own. The plugin the engine runs is the shell script of
 * {@link #pluginScript}: it connects here, asks for a provider instance (its package, version and the resource it
 * must refuse, from its own environment), prints the instance's gRPC port as a plugin's first line of output must,
 * and holds the connection until the engine stops it; the instance lives exactly as long as that connection.
 */
public final class StandInHost implements AutoCloseable {

    /** Where the plugin script finds this host: the port, in the environment every Pulumi command of a test gets. */
    public static final String ADDRESS_ENV = "STATE_BACKEND_STANDINS";

    private final ServerSocket listener;

    private StandInHost(ServerSocket listener) {
        this.listener = listener;
    }

    public static StandInHost start() {
        try {
            StandInHost host = new StandInHost(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            Thread accepting = new Thread(host::accept, "stand-in-host");
            accepting.setDaemon(true);
            accepting.start();
            return host;
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the stand-in providers' host", e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The plugin the engine runs for {@code pkg} at {@code version}: a client of whichever host its caller names. */
    public static String pluginScript(String pkg, String version) {
        return String.join("\n",
                "#!/usr/bin/env bash",
                "# TEST DOUBLE: stands in for the " + pkg + " " + version + " provider plugin (" + StandInProvider.class
                        .getName() + ", served by " + StandInHost.class.getName() + " in the end-to-end tests' JVM).",
                "# Nothing it returns exists anywhere.",
                "set -eu",
                "host=${" + ADDRESS_ENV + ":?the stand-in providers serve only inside the end-to-end tests}",
                "exec 3<>\"/dev/tcp/127.0.0.1/$host\"",
                "printf '%s %s %s\\n' " + pkg + " " + version + " \"${" + StandInProvider.FAIL_ENV + ":-}\" >&3",
                "IFS= read -r port <&3",
                "echo \"$port\"",
                "exec cat <&3",
                "");
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket plugin = listener.accept();
                Thread serving = new Thread(() -> serve(plugin), "stand-in-" + plugin.getPort());
                serving.setDaemon(true);
                serving.start();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    System.err.println("stand-in host: " + e);
                }
            }
        }
    }

    /** One provider instance for one plugin process, shut down when the process (and so its connection) ends. */
    private static void serve(Socket plugin) {
        Server server = null;
        try (plugin;
             BufferedReader in = new BufferedReader(new InputStreamReader(plugin.getInputStream(),
                     StandardCharsets.UTF_8));
             Writer out = new OutputStreamWriter(plugin.getOutputStream(), StandardCharsets.UTF_8)) {
            String[] request = in.readLine().split(" ", 3);
            String refused = request.length > 2 ? request[2] : "";
            server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                    .addService(new StandInProvider(request[0], request[1], refused))
                    .build()
                    .start();
            out.write(server.getPort() + "\n");
            out.flush();
            in.transferTo(Writer.nullWriter());
        } catch (IOException | RuntimeException e) {
            System.err.println("stand-in host: a plugin's instance ended: " + e);
        } finally {
            if (server != null) {
                server.shutdownNow();
            }
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
