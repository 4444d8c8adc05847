package dev.candor.testing.fakes;

import dev.candor.jobs.Job;
import dev.candor.jobs.Job.Status;
import dev.candor.jobs.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Jobs in memory, behaving as the SQLite store does (the shared contract test keeps the two in step):
 * ids from 1, one job per key, generations bumped on every schedule, instants kept to the millisecond.
 */
public final class InMemoryJobStore implements JobStore {
  private final Map<String, Stored> jobs = new TreeMap<>();
  private final Clock clock;
  private long nextId = 1;

  /** A store whose cancellations are stamped by the system clock. */
  public InMemoryJobStore() {
    this(Clock.systemUTC());
  }

  /** A store whose cancellations are stamped by {@code clock}, as the SQLite store's are. */
  public InMemoryJobStore(Clock clock) {
    this.clock = clock;
  }

  private static final class Stored {
    final long id;
    String kind;
    final String key;
    String payload;
    Instant runAt;
    Status status = Status.PENDING;
    long generation = 1;
    int attempts;
    Instant leaseUntil;
    String claimedBy;
    String lastError;
    String queue;
    int diedRuns;
    Instant finishedAt;

    Stored(long id, String kind, String key, String payload, Instant runAt) {
      this.id = id;
      this.kind = kind;
      this.key = key;
      this.payload = payload;
      this.runAt = runAt;
    }

    boolean due(Instant now) {
      return (status == Status.PENDING && !runAt.isAfter(now))
          || (status == Status.CLAIMED && !leaseUntil.isAfter(now));
    }

    boolean heldBy(Job job) {
      return id == job.id() && status == Status.CLAIMED && job.claimedBy().equals(claimedBy)
          && generation == job.generation();
    }

    void finish(Status finished, Instant at) {
      status = finished;
      leaseUntil = null;
      diedRuns = 0;
      finishedAt = millis(at);
    }

    boolean unfinished() {
      return status == Status.PENDING || status == Status.CLAIMED;
    }

    Entry entry() {
      return new Entry(kind, key, payload, runAt, status, attempts, lastError);
    }
  }

  private static Instant millis(Instant t) {
    return t.truncatedTo(ChronoUnit.MILLIS);
  }

  @Override
  public synchronized long schedule(String kind, String key, String payload, Instant runAt) {
    return insert(null, kind, key, payload, runAt);
  }

  @Override
  public synchronized long scheduleInQueue(String queue, String kind, String key, String payload, Instant runAt) {
    if (queue == null || queue.isEmpty()) {
      throw new IllegalArgumentException("a job's queue is required");
    }
    return insert(queue, kind, key, payload, runAt);
  }

  private long insert(String queue, String kind, String key, String payload, Instant runAt) {
    if (kind == null || kind.isEmpty() || key == null || key.isEmpty() || payload == null || runAt == null) {
      throw new IllegalArgumentException("job " + key + ": kind, key, payload and runAt are required");
    }
    Stored s = jobs.get(key);
    if (s == null) {
      s = new Stored(nextId++, kind, key, payload, millis(runAt));
      s.queue = queue;
      jobs.put(key, s);
      return s.id;
    }
    s.queue = queue;
    s.kind = kind;
    s.payload = payload;
    s.runAt = millis(runAt);
    s.status = Status.PENDING;
    s.generation++;
    s.attempts = 0;
    s.leaseUntil = null;
    s.claimedBy = null;
    s.lastError = null;
    s.diedRuns = 0;
    s.finishedAt = null;
    return s.id;
  }

  @Override
  public synchronized boolean rewritePayload(String key, String payload) {
    Stored s = jobs.get(key);
    if (s == null) {
      return false;
    }
    s.payload = payload;
    return true;
  }

  @Override
  public synchronized boolean cancel(String key) {
    Stored s = jobs.get(key);
    if (s == null || !s.unfinished()) {
      return false;
    }
    s.finish(Status.CANCELLED, clock.instant());
    return true;
  }

  @Override
  public synchronized int cancelPrefix(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      throw new IllegalArgumentException("a job's prefix is required");
    }
    int n = 0;
    for (Stored s : jobs.values()) {
      if (s.key.startsWith(prefix) && s.unfinished()) {
        s.finish(Status.CANCELLED, clock.instant());
        n++;
      }
    }
    return n;
  }

  @Override
  public synchronized List<Job> claimDue(Instant now, Duration lease, int limit, String workerId) {
    Instant at = millis(now);
    List<Stored> due = jobs.values().stream()
        .filter(s -> s.due(at) && !waitsInItsQueue(s))
        .sorted(Comparator.comparing((Stored s) -> s.runAt).thenComparingLong(s -> s.id))
        .limit(limit)
        .toList();
    List<Job> claimed = new ArrayList<>();
    for (Stored s : due) {
      boolean resumed = s.status == Status.CLAIMED;
      if (resumed) {
        s.attempts++;
      }
      s.diedRuns = resumed ? s.diedRuns + 1 : 0;
      s.status = Status.CLAIMED;
      s.leaseUntil = millis(now.plus(lease));
      s.claimedBy = workerId;
      claimed.add(new Job(s.id, s.kind, s.key, s.payload, s.runAt, s.attempts, resumed, s.generation, workerId,
          s.diedRuns));
    }
    return claimed;
  }

  /** True while an earlier job of {@code s}'s queue is unfinished. */
  private boolean waitsInItsQueue(Stored s) {
    return s.queue != null && jobs.values().stream()
        .anyMatch(e -> s.queue.equals(e.queue) && e.id < s.id && e.unfinished());
  }

  @Override
  public synchronized int renew(String workerId, Collection<Long> ids, Instant now, Duration lease) {
    int n = 0;
    for (Stored s : jobs.values()) {
      if (s.status == Status.CLAIMED && workerId.equals(s.claimedBy) && ids.contains(s.id)) {
        s.leaseUntil = millis(now.plus(lease));
        n++;
      }
    }
    return n;
  }

  @Override
  public synchronized int expireClaimsOfOthers(String workerId, Instant now) {
    int n = 0;
    for (Stored s : jobs.values()) {
      if (s.status == Status.CLAIMED && !workerId.equals(s.claimedBy) && s.leaseUntil.isAfter(millis(now))) {
        s.leaseUntil = millis(now);
        n++;
      }
    }
    return n;
  }

  @Override
  public synchronized int deleteFinished(Instant before, Set<String> keptKinds, int limit) {
    List<Stored> old = jobs.values().stream()
        .filter(s -> !s.unfinished() && s.finishedAt != null && s.finishedAt.isBefore(millis(before))
            && !keptKinds.contains(s.kind))
        .sorted(Comparator.comparing((Stored s) -> s.finishedAt))
        .limit(limit)
        .toList();
    old.forEach(s -> jobs.remove(s.key));
    return old.size();
  }

  @Override
  public synchronized boolean done(Job job, Instant at) {
    Stored s = held(job);
    if (s == null) {
      return false;
    }
    s.finish(Status.DONE, at);
    return true;
  }

  @Override
  public synchronized boolean retry(Job job, Instant runAt, String error) {
    Stored s = held(job);
    if (s == null) {
      return false;
    }
    s.status = Status.PENDING;
    s.runAt = millis(runAt);
    s.attempts++;
    s.lastError = error;
    s.leaseUntil = null;
    s.claimedBy = null;
    s.diedRuns = 0;
    return true;
  }

  @Override
  public synchronized boolean fail(Job job, String error, Instant at) {
    Stored s = held(job);
    if (s == null) {
      return false;
    }
    s.finish(Status.FAILED, at);
    s.attempts++;
    s.lastError = error;
    return true;
  }

  private Stored held(Job job) {
    Stored s = jobs.get(job.key());
    return s != null && s.heldBy(job) ? s : null;
  }

  /** When the claim on {@code key} ends unless renewed (null when it is not claimed): what a heartbeat moves. */
  public synchronized Instant leaseUntil(String key) {
    Stored s = jobs.get(key);
    return s == null || s.status != Status.CLAIMED ? null : s.leaseUntil;
  }

  @Override
  public synchronized Optional<Entry> find(String key) {
    return Optional.ofNullable(jobs.get(key)).map(Stored::entry);
  }

  @Override
  public synchronized List<Entry> list(String prefix) {
    return jobs.values().stream().filter(s -> s.key.startsWith(prefix)).map(Stored::entry).toList();
  }
}
