package dev.candor.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A job store that tells the runner when a job is scheduled to run now (an owner's DM on assignment, a
 * prompt on resolve), so it goes out at once instead of at the next poll. Scheduled inside a transaction (a
 * change's announcement), the runner's claim waits for that transaction to commit, so it finds the job.
 * Everything else is the store's.
 */
public final class WakingJobStore implements JobStore {
  private final JobStore store;
  private final Runnable wake;
  private final Clock clock;

  public WakingJobStore(JobStore store, Runnable wake, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.wake = Objects.requireNonNull(wake, "wake");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public long schedule(String kind, String key, String payload, Instant runAt) {
    long id = store.schedule(kind, key, payload, runAt);
    wakeIfDue(runAt);
    return id;
  }

  @Override
  public long scheduleInQueue(String queue, String kind, String key, String payload, Instant runAt) {
    long id = store.scheduleInQueue(queue, kind, key, payload, runAt);
    wakeIfDue(runAt);
    return id;
  }

  private void wakeIfDue(Instant runAt) {
    if (!runAt.isAfter(clock.instant())) {
      wake.run();
    }
  }

  @Override
  public boolean cancel(String key) {
    return store.cancel(key);
  }

  @Override
  public int cancelPrefix(String prefix) {
    return store.cancelPrefix(prefix);
  }

  @Override
  public List<Job> claimDue(Instant now, Duration lease, int limit, String workerId) {
    return store.claimDue(now, lease, limit, workerId);
  }

  @Override
  public int renew(String workerId, Collection<Long> ids, Instant now, Duration lease) {
    return store.renew(workerId, ids, now, lease);
  }

  @Override
  public int expireClaimsOfOthers(String workerId, Instant now) {
    return store.expireClaimsOfOthers(workerId, now);
  }

  @Override
  public int deleteFinished(Instant before, Set<String> keptKinds, int limit) {
    return store.deleteFinished(before, keptKinds, limit);
  }

  @Override
  public boolean done(Job job, Instant at) {
    return store.done(job, at);
  }

  @Override
  public boolean retry(Job job, Instant runAt, String error) {
    return store.retry(job, runAt, error);
  }

  @Override
  public boolean fail(Job job, String error, Instant at) {
    return store.fail(job, error, at);
  }

  @Override
  public Optional<Entry> find(String key) {
    return store.find(key);
  }

  @Override
  public List<Entry> list(String prefix) {
    return store.list(prefix);
  }

  @Override
  public boolean rewritePayload(String key, String payload) {
    return store.rewritePayload(key, payload);
  }
}
