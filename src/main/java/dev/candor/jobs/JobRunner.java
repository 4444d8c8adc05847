package dev.candor.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs due jobs on one daemon thread: every {@code pollInterval} (or at once after {@link #wake()})
 * it claims what is due with a lease, runs the handler of each job's kind, and marks the job done; after a
 * pass that ran jobs it looks again at once, so the next job of a queue follows the one that finished.
 *
 * <p><b>Leases.</b> A claim is short ({@code lease}, 15 s) and a second daemon thread, the heartbeat, renews
 * every claim this runner holds each third of a lease, however long a run takes. So a claim whose lease ran
 * out belongs to a runner that died, and the next claim of any runner (in this process or another sharing the
 * database) takes it over: within a lease and a poll of the death. A live runner's claims are never taken. A
 * process that knows it is the only one using the database (SQLite: it holds the database's lock) calls
 * {@link #takeOverClaimsOfTheDead()} before it starts, so what the crashed process held runs at once.
 *
 * <p><b>Failures.</b> What a handler throws is sorted into a {@link JobFailure}: a temporary one puts the job back
 * with exponential backoff, capped at {@code maxBackoff}, as often as it takes; a permanent one, and a kind
 * without a handler, fails the job at once (and the handler's {@link JobHandler#gaveUp} starts whatever the
 * job would have started next). A job whose runs died {@code maxDiedRuns} times in a row (it may be what kills
 * its process) fails too. Finished jobs are deleted after the {@link JobRetention}.
 */
public final class JobRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

  private final JobStore store;
  private final Map<String, JobHandler> handlers;
  private final Clock clock;
  private final Settings settings;
  private final JobFailure.Classifier classifier;
  private final JobRetention retention;
  private final Object pass = new Object();
  private final Semaphore wakeups = new Semaphore(0);
  private final Semaphore stopping = new Semaphore(0);
  private final Thread thread;
  private final Thread heartbeat;
  /** The ids of the jobs this runner claimed and has not finished running: what the heartbeat renews. */
  private final Set<Long> held = ConcurrentHashMap.newKeySet();
  private volatile boolean running;
  private final AtomicLong passesBegun = new AtomicLong();
  private volatile long lastIdlePass;

  /**
   * How the runner works.
   *
   * @param pollInterval how often to look for due jobs ({@code CANDOR_JOBS_POLL}, 15 s)
   * @param lease how long a claim holds unless the heartbeat renews it ({@code CANDOR_JOBS_LEASE}, 15 s): how
   *     long a dead runner's claims wait, at most, before another runner takes them over
   * @param batch how many jobs one claim takes (20)
   * @param maxDiedRuns runs in a row that died (the process was killed while running the job) after which the
   *     job fails for good, as it may be what kills the process (8); failed runs have no limit
   * @param backoff the wait after the first failed run; doubled after each further one (30 s)
   * @param maxBackoff the longest backoff (1 hour); a longer {@link RetryLater#after()} still holds
   * @param workerId names this runner in claims; unique per runner
   */
  public record Settings(Duration pollInterval, Duration lease, int batch, int maxDiedRuns, Duration backoff,
      Duration maxBackoff, String workerId) {

    public Settings {
      positive("pollInterval", pollInterval);
      positive("lease", lease);
      positive("backoff", backoff);
      positive("maxBackoff", maxBackoff);
      if (batch < 1) {
        throw new IllegalArgumentException("batch must be at least 1, was " + batch);
      }
      if (maxDiedRuns < 1) {
        throw new IllegalArgumentException("maxDiedRuns must be at least 1, was " + maxDiedRuns);
      }
      if (workerId == null || workerId.isBlank()) {
        throw new IllegalArgumentException("workerId is required");
      }
    }

    /** The defaults above, polling every {@code pollInterval}, with a fresh worker id. */
    public static Settings defaults(Duration pollInterval) {
      return new Settings(pollInterval, DEFAULT_LEASE, 20, 8, Duration.ofSeconds(30), Duration.ofHours(1),
          newWorkerId());
    }

    public Settings withWorkerId(String id) {
      return new Settings(pollInterval, lease, batch, maxDiedRuns, backoff, maxBackoff, id);
    }

    /** These settings with another lease ({@code CANDOR_JOBS_LEASE}). */
    public Settings withLease(Duration newLease) {
      return new Settings(pollInterval, newLease, batch, maxDiedRuns, backoff, maxBackoff, workerId);
    }

    /** How often the heartbeat renews this runner's claims: a third of the lease, so two renewals may fail. */
    public Duration renewEvery() {
      Duration third = lease.dividedBy(3);
      return third.compareTo(MIN_RENEW_EVERY) < 0 ? MIN_RENEW_EVERY : third;
    }

    private static void positive(String name, Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
      }
    }
  }

  /** The default lease ({@code CANDOR_JOBS_LEASE}): a dead runner's claims are taken over this long after its death. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(15);
  /** How many failed runs in a row come back when the service told them to; after that the backoff holds too. */
  static final int TOLD_RETRIES = 3;
  static final Duration MIN_RENEW_EVERY = Duration.ofMillis(100);

  /** A worker id naming this process and runner: {@code pid-<pid>-<random>}. */
  public static String newWorkerId() {
    return "pid-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * A runner for {@code handlers}, by kind, that takes every failure but a missing handler for temporary and
   * keeps finished jobs. It runs nothing until {@link #start()} or {@link #runDue()}.
   */
  public JobRunner(JobStore store, Map<String, JobHandler> handlers, Clock clock, Settings settings) {
    this(store, handlers, clock, settings, JobFailure.Classifier.none(), null);
  }

  /**
   * A runner for {@code handlers}, by kind, whose {@code classifier} tells temporary failures from permanent ones,
   * and which deletes finished jobs after {@code retention} (none: kept).
   */
  public JobRunner(JobStore store, Map<String, JobHandler> handlers, Clock clock, Settings settings,
      JobFailure.Classifier classifier, JobRetention retention) {
    this.store = Objects.requireNonNull(store, "store");
    this.handlers = Map.copyOf(handlers);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    this.retention = retention;
    this.thread = new Thread(this::loop, "candor-jobs");
    this.thread.setDaemon(true);
    this.heartbeat = new Thread(this::beat, "candor-jobs-heartbeat");
    this.heartbeat.setDaemon(true);
  }

  public Settings settings() {
    return settings;
  }

  /** Starts polling on the runner's daemon thread. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    heartbeat.start();
    thread.start();
  }

  /**
   * For the only process using the store, before {@link #start()}: every claim another runner holds was made by a
   * process that is gone, so it is resumed at once rather than after its lease. Returns how many.
   */
  public int takeOverClaimsOfTheDead() {
    int n = store.expireClaimsOfOthers(settings.workerId(), clock.instant());
    if (n > 0) {
      log.info("{} jobs were claimed by a process that is gone; resuming them now", n);
    }
    return n;
  }

  /**
   * The heartbeat: renews the claims of the jobs this runner has claimed and not yet finished running, for another
   * lease, so no runner takes them for a dead one's. A claim it no longer runs (its outcome could not be stored)
   * is not renewed, so it is resumed once its lease runs out. Runs on its own thread every {@link Settings#renewEvery()}; a failure is logged and tried again then.
   */
  public int renewClaims() {
    List<Long> ids = List.copyOf(held);
    if (ids.isEmpty()) {
      return 0;
    }
    try {
      return store.renew(settings.workerId(), ids, clock.instant(), settings.lease());
    } catch (RuntimeException e) {
      log.warn("renewing the job claims of {} failed ({}); trying again in {}", settings.workerId(), e.getMessage(),
          settings.renewEvery());
      return 0;
    }
  }

  /** Deletes the finished jobs past the retention, at most once an hour by the clock; nothing without one. */
  public int deleteOldJobs() {
    if (retention == null) {
      return 0;
    }
    try {
      return retention.deleteIfDue(store, clock.instant());
    } catch (RuntimeException e) {
      log.warn("deleting finished jobs failed ({}); trying again at the next pass", e.getMessage());
      return 0;
    }
  }

  /** Polls at once, say after scheduling a job due now. */
  public void wake() {
    if (wakeups.availablePermits() == 0) {
      wakeups.release();
    }
  }

  /**
   * One pass, on the caller's thread: claims the jobs due now and runs them. Returns how many were
   * claimed. Passes never overlap.
   */
  public int runDue() {
    synchronized (pass) {
      long number = passesBegun.incrementAndGet();
      List<Job> due = store.claimDue(clock.instant(), settings.lease(), settings.batch(), settings.workerId());
      if (due.isEmpty()) {
        lastIdlePass = number;
      }
      due.forEach(job -> held.add(job.id()));
      for (Job job : due) {
        try {
          runOne(job);
        } catch (RuntimeException e) {
          // the store failed to record the outcome: the job stays claimed, no longer renewed, and is resumed
          // once its lease runs out
          log.error("job {} ({}): recording its outcome failed; it resumes after its lease", job.key(), job.id(), e);
        } finally {
          held.remove(job.id());
        }
      }
      return due.size();
    }
  }

  /**
   * How many passes have begun. With {@link #lastIdlePass()} it tells, without waiting out a poll, that
   * everything due has run: a pass numbered above what this said before the clock moved (or a job was
   * scheduled) that found nothing due looked at the new time, after every job due then had finished.
   */
  public long passesBegun() {
    return passesBegun.get();
  }

  /** The number of the last pass that found nothing due (0 before one did). */
  public long lastIdlePass() {
    return lastIdlePass;
  }

  private void runOne(Job job) {
    JobHandler handler = handlers.get(job.kind());
    if (handler == null) {
      log.error("job {} ({}): permanent failure: no handler for kind {}; failing it", job.key(), job.id(), job.kind());
      store.fail(job, "no handler for kind " + job.kind(), clock.instant());
      return;
    }
    if (job.diedRuns() >= settings.maxDiedRuns()) {
      log.error("job {} ({}): permanent failure: {} runs in a row died with their process; failing it", job.key(),
          job.id(), job.diedRuns());
      giveUp(handler, job, job.diedRuns() + " runs in a row died with their process");
      return;
    }
    if (job.resumed()) {
      log.info("job {} ({}): resuming a run that did not finish (its runner died)", job.key(), job.id());
    }
    JobFailure failure;
    try {
      handler.run(job);
      failure = null;
    } catch (RetryLater e) {
      failure = JobFailure.Temporary.of(e);
    } catch (RuntimeException e) {
      failure = classify(job, e);
    }
    if (failure == null) {
      if (!store.done(job, clock.instant())) {
        log.info("job {} ({}): rescheduled, cancelled or taken over while it ran; left as it is", job.key(), job.id());
      }
    } else if (failure instanceof JobFailure.Temporary temporary) {
      later(job, temporary);
    } else {
      log.error("job {} ({}) of kind {}: permanent failure: {}; failing it", job.key(), job.id(), job.kind(),
          failure.why());
      giveUp(handler, job, failure.why());
    }
  }

  /** What the classifier makes of {@code e}; a failure it cannot place is temporary, and logged with its stack. */
  private JobFailure classify(Job job, RuntimeException e) {
    JobFailure failure;
    try {
      failure = classifier.classify(job, e).orElse(null);
    } catch (RuntimeException classifying) {
      log.error("job {} ({}): classifying its failure failed", job.key(), job.id(), classifying);
      failure = null;
    }
    if (failure == null) {
      log.error("job {} ({}) of kind {} failed unexpectedly; taken for temporary", job.key(), job.id(), job.kind(), e);
      return new JobFailure.Temporary(Duration.ZERO, e.toString());
    }
    return failure;
  }

  /**
   * Puts {@code job} back after its backoff (or the failure's longer wait): temporary failures have no limit. When
   * the service told when to come back (Slack's {@code Retry-After}), the first few retries come back then, not
   * after a backoff of 30 s or more: a card or an announcement held back for a second is sent a second later.
   */
  private void later(Job job, JobFailure.Temporary failure) {
    int failed = job.attempts() + 1;
    Duration wait = failure.told() && failed <= TOLD_RETRIES ? Duration.ZERO : backoff(failed);
    Duration after = failure.after().compareTo(wait) > 0 ? failure.after() : wait;
    log.warn("job {} ({}): temporary failure: {}; failed run {}, trying again in {}", job.key(), job.id(),
        failure.why(), failed, after);
    store.retry(job, noSoonerThan(clock.instant().plus(after)), failure.why());
  }

  /** {@code at} rounded up to the millisecond a job's time is kept in, so that a retry never comes a moment early. */
  static Instant noSoonerThan(Instant at) {
    Instant millis = at.truncatedTo(ChronoUnit.MILLIS);
    return millis.equals(at) ? at : millis.plusMillis(1);
  }

  private void giveUp(JobHandler handler, Job job, String why) {
    if (store.fail(job, why, clock.instant())) {
      gaveUp(handler, job);
    }
  }

  /** Lets the handler start what the failed job would have started; its own failure is only logged. */
  private static void gaveUp(JobHandler handler, Job job) {
    try {
      handler.gaveUp(job);
    } catch (RuntimeException e) {
      log.error("job {} ({}): what follows a failed job could not be started", job.key(), job.id(), e);
    }
  }

  /** The least wait after {@code failed} failed runs: {@code backoff}, doubled per run, at most {@code maxBackoff}. */
  Duration backoff(int failed) {
    Duration wait = settings.backoff();
    for (int i = 1; i < failed && wait.compareTo(settings.maxBackoff()) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
  }

  private void loop() {
    while (running) {
      int claimed = 0;
      try {
        deleteOldJobs();
        claimed = runDue();
      } catch (RuntimeException | Error e) {
        // the jobs claimed stay claimed and are resumed when their lease expires
        log.error("a job pass failed; trying again in {}", settings.pollInterval(), e);
      }
      if (claimed > 0 && running) {
        continue; // more may be due: a full batch left some, and a finished job lets the next of its queue run
      }
      try {
        wakeups.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        wakeups.drainPermits();
      } catch (InterruptedException e) {
        if (!running) {
          return;
        }
      }
    }
  }

  private void beat() {
    long every = settings.renewEvery().toMillis();
    while (running) {
      try {
        if (stopping.tryAcquire(every, TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
      renewClaims();
    }
  }

  /**
   * Stops polling and waits for the job running now, if any, to finish (up to 10 seconds; after that
   * it is interrupted, and its job resumed after the lease by whichever runner comes next). The heartbeat
   * stops once the job thread has.
   */
  @Override
  public void close() {
    running = false;
    wake();
    try {
      if (thread.isAlive()) {
        thread.join(10_000);
        if (thread.isAlive()) {
          thread.interrupt();
          thread.join(2_000);
        }
      }
      stopping.release();
      if (heartbeat.isAlive()) {
        heartbeat.join(2_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
