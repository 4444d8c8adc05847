package dev.candor.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells that one process alone uses a SQLite database: an exclusive lock on {@code <database>.lock} beside it,
 * held while the database is open. The operating system lets the lock go when its process ends, however it ends
 * (SIGKILL too), so whoever holds it knows every other process that used the database is gone — and that what
 * they had claimed is free. It is taken without waiting: a second process on the same database runs on, without
 * it, and knows it may not take over another's claims.
 */
public final class ProcessLock implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProcessLock.class);
  private final FileChannel channel;
  private final FileLock lock;

  private ProcessLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file of the database file {@code db}. */
  public static Path lockFile(Path db) {
    return db.resolveSibling(db.getFileName() + ".lock");
  }

  /** The lock of {@code db}, when no other process (nor this one) holds it; empty otherwise, or when it cannot be had. */
  public static Optional<ProcessLock> tryAcquire(Path db) {
    Path file = lockFile(db);
    FileChannel channel = null;
    try {
      try {
        OwnerOnly.createFile(file);
      } catch (FileAlreadyExistsException exists) {
        // left by an earlier run: the lock, not the file, says who is there
      }
      channel = FileChannel.open(file, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        return Optional.empty();
      }
      return Optional.of(new ProcessLock(channel, lock));
    } catch (OverlappingFileLockException heldHere) {
      closeQuietly(channel);
      return Optional.empty();
    } catch (IOException e) {
      log.warn("cannot lock {} ({}); another process may use the database too", file, e.getMessage());
      closeQuietly(channel);
      return Optional.empty();
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing held
      }
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // closing the channel lets it go too
    }
    closeQuietly(channel);
  }
}
