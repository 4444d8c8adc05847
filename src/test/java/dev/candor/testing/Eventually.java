package dev.candor.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something a running Candor does on its own threads. */
public final class Eventually {
  public static final Duration DEFAULT = Duration.ofSeconds(15);
  /** A wait that took longer than this is printed, so the test output shows how close a slow machine came. */
  static final Duration SLOW = Duration.ofSeconds(5);

  private Eventually() {}

  /** Waits up to 15 s until {@code done} holds; fails naming {@code what} otherwise. */
  public static void await(BooleanSupplier done, String what) {
    await(done, what, DEFAULT);
  }

  public static void await(BooleanSupplier done, String what, Duration timeout) {
    long start = System.nanoTime();
    long end = start + timeout.toNanos();
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
    tookLong(start, timeout, what);
  }

  /** Prints a wait that took longer than {@link #SLOW}: how long, of how long it could have taken, and for what. */
  public static void tookLong(long startNanos, Duration timeout, String what) {
    long millis = (System.nanoTime() - startNanos) / 1_000_000;
    if (millis > SLOW.toMillis()) {
      System.out.printf("slow wait: %d ms of %d s for %s%n", millis, timeout.toSeconds(), what);
    }
  }
}
