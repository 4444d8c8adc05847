package dev.candor.jobs;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a failed run means for its job: {@link Temporary} (Slack answered 429 or 5xx or could not be reached, the
 * database was busy) puts it back, with no limit on how often, after a backoff capped at {@code maxBackoff}; only
 * {@link Permanent} (a definite failure no retry can mend: a channel that is gone, Candor removed from it, a
 * payload that cannot be read, a kind no handler runs) ends it. The runner sorts what a handler threw:
 * {@link RetryLater} is temporary; anything else is what the {@link Classifier} says; what no one can place is
 * taken for temporary, so nothing is lost to a passing fault — and it is logged with its stack, every time.
 */
public sealed interface JobFailure {

  /** Why the run failed, for the log and the job's {@code last_error}. */
  String why();

  /**
   * Try again, no sooner than {@code after} (nor before the backoff, unless the service {@code told} when: then
   * at {@code after} for the first {@link JobRunner#TOLD_RETRIES} failed runs).
   */
  record Temporary(Duration after, String why, boolean told) implements JobFailure {
    public Temporary {
      Objects.requireNonNull(after, "after");
      Objects.requireNonNull(why, "why");
    }

    public Temporary(Duration after, String why) {
      this(after, why, false);
    }

    /** {@code later} as a failure: the wait it asks for, and whether the service told it. */
    public static Temporary of(RetryLater later) {
      return new Temporary(later.after(), later.why(), later.told());
    }
  }

  /** Give the job up now: trying again cannot succeed. */
  record Permanent(String why) implements JobFailure {
    public Permanent {
      Objects.requireNonNull(why, "why");
    }
  }

  /**
   * Places a failure the jobs package cannot know (a Slack error code, a database error) as temporary or
   * permanent; empty when it cannot tell.
   */
  @FunctionalInterface
  interface Classifier {
    Optional<JobFailure> classify(Job job, RuntimeException e);

    /** Places nothing: every failure but {@link RetryLater} is then taken for temporary. */
    static Classifier none() {
      return (job, e) -> Optional.empty();
    }
  }
}
