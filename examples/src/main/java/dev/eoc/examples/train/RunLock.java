package dev.eoc.examples.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive lock of a run directory: an OS file lock ({@link FileChannel#tryLock()}) on {@code
 * DIR/.lock}, which holds the owner's process id for messages.
 *
 * <p>The operating system releases the lock when its process ends, however it ends, so a lock file
 * left by a killed run is stale by construction: the next run takes it over (and says so). A second
 * process, or a second open in the same JVM, is refused with the owner's pid.
 */
final class RunLock implements AutoCloseable {

    static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;
    private final String previousOwner;

    private RunLock(FileChannel channel, FileLock lock, String previousOwner) {
        this.channel = channel;
        this.lock = lock;
        this.previousOwner = previousOwner;
    }

    /**
     * Takes the lock of {@code dir} (which must exist).
     *
     * @throws RunFailedException when another process or another open run holds it
     */
    static RunLock acquire(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            String owner = Files.exists(file) ? Files.readString(file).strip() : "";
            FileChannel ch =
                    FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this JVM
            }
            if (lock == null) {
                ch.close();
                throw new RunFailedException(
                        dir
                                + " is in use by another eoc run"
                                + (owner.isEmpty() ? "" : " (process " + owner + ")")
                                + ": wait for it to finish, or give this run another --out");
            }
            ch.truncate(0);
            ch.write(
                    ByteBuffer.wrap(
                            (ProcessHandle.current().pid() + "\n")
                                    .getBytes(StandardCharsets.US_ASCII)));
            ch.force(false);
            return new RunLock(ch, lock, owner);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** The pid a stale lock file named, or "" when there was none. */
    String previousOwner() {
        return previousOwner;
    }

    /** Empties the lock file (a clean end: the next run sees no stale owner) and releases it. */
    @Override
    public void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            channel.truncate(0);
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
