package io.statebackend.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a second bootstrap or migration of the same stack from running beside the first in the same project
 * directory: both would read the same journal, and the second would repeat steps the first is running or has just
 * finished (an {@code up} on a local copy the first has moved). The lock is taken before the journal is read and held
 * until the run ends. It is the operating system's lock on {@code <journal>.lock}, which dies with its process, so a
 * killed run leaves nothing to clear; the file itself may stay. Runs on other machines share no lock: there the
 * backend's own stack locks apply.
 */
final class RunLock implements AutoCloseable {

    /** Another run holds the lock. */
    static final class Held extends Exception {
        Held(String message) {
            super(message);
        }
    }

    private final FileChannel channel;

    private RunLock(FileChannel channel) {
        this.channel = channel;
    }

    /** Locks the run that keeps its journal in {@code journalFile}, or throws {@link Held} naming it as shown. */
    static RunLock acquire(Path journalFile, String shownJournal) throws Held {
        Path lockFile = journalFile.resolveSibling(journalFile.getFileName() + ".lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(lockFile.getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new Held("another run with the journal " + shownJournal + " is still running; wait for it to"
                        + " finish, then run the same command again");
            }
            return new RunLock(channel);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        }
    }

    /** Null when the lock is held, whether by another process or by another run in this one. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // The lock, if any, goes with the channel or the process.
            }
        }
    }

    /** Releases the lock: closing the channel releases every lock taken through it. */
    @Override
    public void close() {
        closeQuietly(channel);
    }
}
