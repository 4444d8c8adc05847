package dev.candor.jobs;

import java.time.Duration;
import java.util.Objects;

/**
 * Thrown by a {@link JobHandler} when the failure is temporary (Slack answered 429 or 5xx, or could
 * not be reached): the runner puts the job back and runs it again after at least {@code after}, or
 * later by its backoff.
 */
public final class RetryLater extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Duration after;

  public RetryLater(Duration after, String why) {
    this(after, why, null);
  }

  public RetryLater(Duration after, String why, Throwable cause) {
    super(why, cause);
    this.after = Objects.requireNonNull(after, "after");
    if (after.isNegative()) {
      throw new IllegalArgumentException("after must not be negative: " + after);
    }
  }

  /** The least time to wait before the next run. */
  public Duration after() {
    return after;
  }

  public String why() {
    return getMessage();
  }
}
