package dev.candor.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something a running Candor does on its own threads. */
public final class Eventually {
  public static final Duration DEFAULT = Duration.ofSeconds(15);

  private Eventually() {}

  /** Waits up to 15 s until {@code done} holds; fails naming {@code what} otherwise. */
  public static void await(BooleanSupplier done, String what) {
    await(done, what, DEFAULT);
  }

  public static void await(BooleanSupplier done, String what, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("waited " + timeout.toSeconds() + " s for: " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
