package io.statebackend.ops;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a second bootstrap or migration from running beside the first in the same project directory. Two runs of one
 * stack would read the same journal and stack file, and the second would repeat steps the first is running or has
 * just finished (an {@code up} on a local copy the first has moved); runs of two stacks would still share the
 * program's jar, which a bootstrap rebuilds. Taken before any journal is read and held until the run ends, on
 * {@code .state-backend/run.lock}.
 *
 * <p>It is the operating system's lock, which dies with its process, so a killed run leaves nothing to clear; the
 * empty file stays. A run in the same JVM is checked first, by the file's real path, without opening it again: on
 * Linux and macOS closing any handle to a file drops every lock the process holds on it. Runs on other machines share
 * no lock: there the backend's own stack locks apply.
 */
final class RunLock implements AutoCloseable {

    /** Why the run cannot start, with the exit code to stop with. */
    static final class Refused extends Exception {
        final int exitCode;

        Refused(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    private static final String FILE_NAME = "run.lock";
    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path lockFile;
    private final FileChannel channel;

    private RunLock(Path lockFile, FileChannel channel) {
        this.lockFile = lockFile;
        this.channel = channel;
    }

    /** Locks the project directory of {@code ops}, which must exist. */
    static RunLock acquire(Ops ops) throws Refused {
        Path shown = Journal.directory(ops.projectDir()).resolve(FILE_NAME);
        Path lockFile;
        try {
            lockFile = Journal.directory(ops.projectDir().toRealPath()).resolve(FILE_NAME);
        } catch (IOException e) {
            throw cannotLock(ops, shown, e);
        }
        Refused held = new Refused("another bootstrap or migration is running in this project directory (it holds "
                + ops.show(shown) + "); wait for it to finish, then run the same command again",
                Procedure.ALREADY_RUNNING);
        if (!HELD_IN_THIS_JVM.add(lockFile)) {
            throw held;
        }
        try {
            return new RunLock(lockFile, lockedChannel(lockFile, held));
        } catch (IOException e) {
            HELD_IN_THIS_JVM.remove(lockFile);
            throw cannotLock(ops, shown, e);
        } catch (Refused | RuntimeException e) {
            HELD_IN_THIS_JVM.remove(lockFile);
            throw e;
        }
    }

    /** The lock file opened and locked, or {@code held}. */
    private static FileChannel lockedChannel(Path lockFile, Refused held) throws Refused, IOException {
        Files.createDirectories(lockFile.getParent());
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() != null) {
                return channel;
            }
        } catch (OverlappingFileLockException e) {
            // This JVM holds the file under another name (a case-insensitive file system). The channel stays open:
            // closing it would drop the holder's lock.
            throw held;
        } catch (IOException e) {
            closeQuietly(channel);
            throw e;
        }
        channel.close();
        throw held;
    }

    private static Refused cannotLock(Ops ops, Path lockFile, IOException e) {
        return new Refused("cannot lock " + ops.show(lockFile) + " (" + e + "); the project directory must be writable",
                Procedure.MISSING_PREREQUISITES);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // The lock, if any, goes with the process in any case.
        }
    }

    /** Releases the lock: closing the channel releases every lock taken through it. */
    @Override
    public void close() {
        closeQuietly(channel);
        HELD_IN_THIS_JVM.remove(lockFile);
    }
}
