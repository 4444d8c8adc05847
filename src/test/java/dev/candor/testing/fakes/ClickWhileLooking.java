package dev.candor.testing.fakes;

import dev.candor.jobs.Job;
import dev.candor.jobs.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * A job store for the job that is running, where someone clicks right after the job looked at its own
 * entry and before it schedules what comes next: the first {@link #find} starts {@code click} on a thread
 * of its own and lets it run until it is done, or until it waits for something the job holds (a lock).
 * Everything else is {@code store}'s.
 */
public final class ClickWhileLooking implements JobStore {
  private final JobStore store;
  private final Thread click;

  public ClickWhileLooking(JobStore store, Runnable click) {
    this.store = store;
    this.click = new Thread(click, "click");
  }

  /** Waits for the click to finish; true when it did. */
  public boolean clickFinished(Duration within) throws InterruptedException {
    click.join(within.toMillis());
    return click.getState() == Thread.State.TERMINATED;
  }

  @Override
  public Optional<Entry> find(String key) {
    Optional<Entry> seen = store.find(key);
    if (click.getState() == Thread.State.NEW) {
      click.start();
      long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (click.getState() != Thread.State.TERMINATED && !waitingOnSomething() && System.nanoTime() < end) {
        Thread.onSpinWait();
      }
    }
    return seen;
  }

  private boolean waitingOnSomething() {
    Thread.State state = click.getState();
    return state == Thread.State.BLOCKED
        || (state != Thread.State.RUNNABLE && LockSupport.getBlocker(click) != null);
  }

  @Override
  public long schedule(String kind, String key, String payload, Instant runAt) {
    return store.schedule(kind, key, payload, runAt);
  }

  @Override
  public long scheduleInQueue(String queue, String kind, String key, String payload, Instant runAt) {
    return store.scheduleInQueue(queue, kind, key, payload, runAt);
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
  public List<Entry> list(String prefix) {
    return store.list(prefix);
  }

  @Override
  public boolean rewritePayload(String key, String payload) {
    return store.rewritePayload(key, payload);
  }
}
