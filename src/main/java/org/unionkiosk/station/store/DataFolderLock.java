// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One station per data folder: an OS lock on {@code station.lock}, held for the life of the process (the kernel
 * drops it when the process ends, even by kill -9, so a crash never leaves a stale lock). A second process on the
 * same folder would share the SQLite file and split the scans, so it is refused before anything else starts.
 */
public final class DataFolderLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws DataFolderBusyException naming the folder and the process holding it */
    public static DataFolderLock acquire(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("station.lock");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        }
        if (lock == null) {
            String holder = Files.readString(file, StandardCharsets.US_ASCII).strip();
            ch.close();
            throw new DataFolderBusyException("data folder " + dataDir.toAbsolutePath() + " is in use by another "
                    + "station process" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                    + ": one station per data folder; stop it, or give this one its own dataDir");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        ch.force(false);
        return new DataFolderLock(ch, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }

    /** Another process holds the data folder. */
    public static final class DataFolderBusyException extends RuntimeException {
        DataFolderBusyException(String message) {
            super(message);
        }
    }
}
