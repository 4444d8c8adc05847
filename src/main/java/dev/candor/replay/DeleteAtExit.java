package dev.candor.replay;

import java.nio.file.Path;

/**
 * A temporary folder that is deleted however the replay ends: by {@link #close} when it finishes or fails,
 * or by a shutdown hook when the JVM is stopped first (SIGTERM, Ctrl-C, {@code System.exit}). Before the
 * folder goes, {@link #beforeDeleting} runs (closing the database that lives in it), for at most
 * {@link #CLOSE_WAIT_MS} in the hook, which must not hold up the JVM's exit.
 */
final class DeleteAtExit implements AutoCloseable {
  /** How long the shutdown hook waits for the folder's users to let go before deleting it anyway. */
  static final long CLOSE_WAIT_MS = 2_000;

  private final Path folder;
  private final Thread hook;
  private volatile Runnable beforeDeleting = () -> { };
  private boolean done;

  /** Watches {@code folder}: deleted at exit unless {@link #close closed} or {@link #release released} first. */
  DeleteAtExit(Path folder) {
    this.folder = folder;
    this.hook = new Thread(this::atExit, "candor-replay-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** What to do before deleting the folder: close what has files open in it. */
  void beforeDeleting(Runnable closing) {
    this.beforeDeleting = closing;
  }

  /** Deletes the folder now (after {@link #beforeDeleting}), and no longer at exit. */
  @Override
  public void close() {
    try {
      delete(false);
    } finally {
      unhook();
    }
  }

  /** Keeps the folder (it was moved into place): nothing is deleted, now or at exit. */
  void release() {
    synchronized (this) {
      done = true;
    }
    unhook();
  }

  /** Whether the folder is gone or kept for good. */
  synchronized boolean done() {
    return done;
  }

  /** What the shutdown hook does; package-private so a test can run it without stopping the JVM. */
  void atExit() {
    delete(true);
  }

  private synchronized void delete(boolean exiting) {
    if (done) {
      return;
    }
    done = true;
    if (exiting) {
      // the replay may still be writing on another thread: delete, close what it holds open, delete what
      // closing left behind
      OutputFolder.deleteTree(folder);
      Thread closing = new Thread(this::runBeforeDeleting, "candor-replay-cleanup-close");
      closing.setDaemon(true);
      closing.start();
      try {
        closing.join(CLOSE_WAIT_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      runBeforeDeleting();
    }
    OutputFolder.deleteTree(folder);
  }

  private void runBeforeDeleting() {
    try {
      beforeDeleting.run();
    } catch (RuntimeException ignored) {
      // the folder is deleted all the same
    }
  }

  private void unhook() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to; it finds the work done
    }
  }
}
