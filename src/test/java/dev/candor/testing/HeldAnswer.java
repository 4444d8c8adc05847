package dev.candor.testing;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An outside service's next answer held back, for a crash drill: armed, the next request that asks for it is
 * handled (recorded, acted on) and then waits, its connection open and nothing said, until {@link #release()} or
 * two minutes: what a client that dies meanwhile never hears. Each arming holds one request.
 */
final class HeldAnswer {
  private volatile CountDownLatch reached = new CountDownLatch(1);
  private volatile CountDownLatch released;
  private boolean armed;

  /** The next {@link #holdIfArmed()} holds. */
  synchronized void arm() {
    reached = new CountDownLatch(1);
    released = new CountDownLatch(1);
    armed = true;
  }

  /** Whether a request was held within {@code timeout} since the last {@link #arm()}. */
  boolean awaitReached(Duration timeout) throws InterruptedException {
    return reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  void release() {
    CountDownLatch r = released;
    if (r != null) {
      r.countDown();
    }
  }

  /** Holds the calling request if armed and nothing was held since; returns whether it held. */
  boolean holdIfArmed() {
    return holdIfArmed(() -> {});
  }

  /** As {@link #holdIfArmed()}, running {@code first} (say, recording the request) before it is seen held. */
  boolean holdIfArmed(Runnable first) {
    CountDownLatch r;
    synchronized (this) {
      if (!armed) {
        return false;
      }
      armed = false;
      r = released;
      first.run();
      reached.countDown();
    }
    try {
      r.await(120, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return true;
  }
}
