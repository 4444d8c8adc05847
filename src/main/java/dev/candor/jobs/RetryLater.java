package dev.candor.jobs;

import java.time.Duration;
import java.util.Objects;

/**
 * Thrown by a {@link JobHandler} when the failure is temporary (Slack answered 429 or 5xx, or could
 * not be reached): the runner puts the job back and runs it again after at least {@code after}, or
 * later by its backoff; or, when the service {@linkplain #told told} when to come back (a 429's
 * {@code Retry-After}), then, for the first few runs, without the backoff.
 */
public final class RetryLater extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Duration after;
  private final boolean told;

  public RetryLater(Duration after, String why) {
    this(after, why, null);
  }

  public RetryLater(Duration after, String why, Throwable cause) {
    this(after, why, cause, false);
  }

  private RetryLater(Duration after, String why, Throwable cause, boolean told) {
    super(why, cause);
    this.after = Objects.requireNonNull(after, "after");
    this.told = told;
    if (after.isNegative()) {
      throw new IllegalArgumentException("after must not be negative: " + after);
    }
  }

  /** Come back after {@code after}, as the service said (a 429's {@code Retry-After}): no sooner, and no later. */
  public static RetryLater told(Duration after, String why, Throwable cause) {
    return new RetryLater(after, why, cause, true);
  }

  /** Whether the service said when to come back, so that the wait is its, not a backoff. */
  public boolean told() {
    return told;
  }

  /** The least time to wait before the next run. */
  public Duration after() {
    return after;
  }

  public String why() {
    return getMessage();
  }
}
