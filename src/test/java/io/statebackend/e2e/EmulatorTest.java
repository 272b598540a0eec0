package io.statebackend.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Starting an emulator when another process takes its port first: the emulator, a few lines of Python, exits the way
 * Azurite and moto do when their port is taken, as many times as asked, and listens after that; or another process
 * listens on its port while it never does.
 */
class EmulatorTest {

    private static final String EMULATOR = String.join("\n",
            "import os, socket, sys, time",
            "starts, exits, port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])",
            "started = int(open(starts).read()) if os.path.exists(starts) else 0",
            "open(starts, 'w').write(str(started + 1))",
            "squatter = os.environ.get('SQUATTER_PID_FILE')",
            "if squatter:",
            "    # another process, not started by this one, takes the port first; this one never listens",
            "    child = os.fork()",
            "    if child == 0:",
            "        os.setsid()",
            "        if os.fork() == 0:",
            "            taken = socket.socket()",
            "            taken.bind(('127.0.0.1', port))",
            "            taken.listen()",
            "            open(squatter, 'w').write(str(os.getpid()))",
            "            time.sleep(60)",
            "        os._exit(0)",
            "    os.waitpid(child, 0)",
            "    time.sleep(2)",
            "    print('never listened')",
            "    sys.exit(1)",
            "if started < exits:",
            "    print('Error: listen EADDRINUSE: address already in use 127.0.0.1:%d' % port)",
            "    sys.exit(1)",
            "server = socket.socket()",
            "server.bind(('127.0.0.1', port))",
            "server.listen()",
            "time.sleep(600)",
            "");

    @TempDir
    Path dir;

    @Test
    void aPortTakenBeforeTheEmulatorBindsItMeansAnotherStart() throws IOException {
        try (Emulator emulator = start(2)) {
            assertEquals("3", Files.readString(dir.resolve("starts")), "two exits, then a start that listens");
            try (Socket connected = new Socket(InetAddress.getLoopbackAddress(), emulator.port)) {
                assertTrue(connected.isConnected());
            }
        }
    }

    @Test
    void aPortTakenThreeTimesStopsTheTests() throws IOException {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> start(3).close());
        assertEquals("fake found its port taken three times", e.getMessage());
        assertEquals("3", Files.readString(dir.resolve("starts")));
    }

    /**
     * A port that answers is not enough: the socket must be the emulator's. Here a process the fake does not own (it
     * is reparented away) listens on the port while the fake never does, and then exits; the start fails on that exit
     * instead of taking the other process for the emulator.
     */
    @Test
    void aPortSomeoneElseListensOnIsNotTheEmulatorListening() throws IOException {
        Path squatter = dir.resolve("squatter.pid");
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> start(0, Map.of("SQUATTER_PID_FILE", squatter.toString())).close());
            assertTrue(e.getMessage().startsWith("fake exited with 1"), e.getMessage());
            assertTrue(Files.exists(squatter), "another process held the port meanwhile");
        } finally {
            if (Files.exists(squatter)) {
                ProcessHandle.of(Long.parseLong(Files.readString(squatter).strip())).ifPresent(ProcessHandle::destroy);
            }
        }
    }

    /** The fake emulator, told to exit with "address in use" on its first {@code exits} starts. */
    private Emulator start(int exits) throws IOException {
        return start(exits, Map.of());
    }

    private Emulator start(int exits, Map<String, String> env) throws IOException {
        Path script = Files.writeString(dir.resolve("emulator.py"), EMULATOR);
        return Emulator.start("fake", dir, List.of("/usr/bin/env", "python3", script.toString(),
                dir.resolve("starts").toString(), String.valueOf(exits)), port -> List.of(String.valueOf(port)), env);
    }
}
