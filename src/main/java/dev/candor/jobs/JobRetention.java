package dev.candor.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the jobs table bounded: a job that finished (done, failed, cancelled) more than {@code keep} ago is
 * deleted, in batches so no one transaction holds the write lock for long, at most once per
 * {@link #EVERY}. Jobs of {@code keptKinds} stay: their finished row is a record a feature reads (say "the
 * levels question was asked"). Unfinished jobs are never deleted.
 */
public final class JobRetention {
  private static final Logger log = LoggerFactory.getLogger(JobRetention.class);
  /** How often the runner deletes what is past the retention. */
  public static final Duration EVERY = Duration.ofHours(1);
  static final int BATCH = 500;

  private final Duration keep;
  private final Set<String> keptKinds;
  private Instant next = Instant.MIN;

  /** Finished jobs kept {@code keep}, but those of {@code keptKinds} for good. */
  public JobRetention(Duration keep, Set<String> keptKinds) {
    if (keep == null || keep.isNegative() || keep.isZero()) {
      throw new IllegalArgumentException("the jobs' retention must be a positive duration, was " + keep);
    }
    this.keep = keep;
    this.keptKinds = Set.copyOf(Objects.requireNonNull(keptKinds, "keptKinds"));
  }

  public Duration keep() {
    return keep;
  }

  /** Deletes what finished before {@code now - keep}, unless that was done less than {@link #EVERY} ago. */
  synchronized int deleteIfDue(JobStore store, Instant now) {
    if (now.isBefore(next)) {
      return 0;
    }
    int deleted = delete(store, now);
    next = now.plus(EVERY);
    return deleted;
  }

  /** Deletes every job that finished before {@code now - keep} (but those of the kept kinds); returns how many. */
  public int delete(JobStore store, Instant now) {
    Instant before = now.minus(keep);
    int total = 0;
    int n;
    do {
      n = store.deleteFinished(before, keptKinds, BATCH);
      total += n;
    } while (n == BATCH);
    if (total > 0) {
      log.info("deleted {} jobs finished before {} (CANDOR_JOBS_RETENTION {})", total, before, keep);
    }
    return total;
  }
}
