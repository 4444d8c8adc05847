package dev.candor.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs due jobs on one daemon thread: every {@code pollInterval} (or at once after {@link #wake()})
 * it claims what is due with a lease, runs the handler of each job's kind, and marks the job done; after a
 * pass that ran jobs it looks again at once, so the next job of a queue follows the one that finished.
 * A {@link RetryLater} or an unexpected exception puts the job back with exponential backoff, until
 * {@code maxAttempts} runs have failed; then, and for a kind without a handler, the job fails (and the
 * handler's {@link JobHandler#gaveUp} starts whatever the job would have started next).
 */
public final class JobRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

  private final JobStore store;
  private final Map<String, JobHandler> handlers;
  private final Clock clock;
  private final Settings settings;
  private final Object pass = new Object();
  private final Semaphore wakeups = new Semaphore(0);
  private final Thread thread;
  private volatile boolean running;
  private final AtomicLong passesBegun = new AtomicLong();
  private volatile long lastIdlePass;

  /**
   * How the runner works.
   *
   * @param pollInterval how often to look for due jobs ({@code CANDOR_JOBS_POLL}, 15 s)
   * @param lease how long a claim holds before another runner may resume the job (5 minutes: longer
   *     than a run with Slack's retries, so a slow run is not taken for a dead one)
   * @param batch how many jobs one claim takes (20)
   * @param maxAttempts failed runs after which a job fails for good (8)
   * @param backoff the wait after the first failed run; doubled after each further one (30 s)
   * @param maxBackoff the longest backoff (1 hour); a longer {@link RetryLater#after()} still holds
   * @param workerId names this runner in claims; unique per runner
   */
  public record Settings(Duration pollInterval, Duration lease, int batch, int maxAttempts, Duration backoff,
      Duration maxBackoff, String workerId) {

    public Settings {
      positive("pollInterval", pollInterval);
      positive("lease", lease);
      positive("backoff", backoff);
      positive("maxBackoff", maxBackoff);
      if (batch < 1) {
        throw new IllegalArgumentException("batch must be at least 1, was " + batch);
      }
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
      }
      if (workerId == null || workerId.isBlank()) {
        throw new IllegalArgumentException("workerId is required");
      }
    }

    /** The defaults above, polling every {@code pollInterval}, with a fresh worker id. */
    public static Settings defaults(Duration pollInterval) {
      return new Settings(pollInterval, Duration.ofMinutes(5), 20, 8, Duration.ofSeconds(30), Duration.ofHours(1),
          newWorkerId());
    }

    public Settings withWorkerId(String id) {
      return new Settings(pollInterval, lease, batch, maxAttempts, backoff, maxBackoff, id);
    }

    /** These settings with another lease ({@code CANDOR_JOBS_LEASE}). */
    public Settings withLease(Duration newLease) {
      return new Settings(pollInterval, newLease, batch, maxAttempts, backoff, maxBackoff, workerId);
    }

    private static void positive(String name, Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
      }
    }
  }

  /** A worker id naming this process and runner: {@code pid-<pid>-<random>}. */
  public static String newWorkerId() {
    return "pid-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A runner for {@code handlers}, by kind. It runs nothing until {@link #start()} or {@link #runDue()}. */
  public JobRunner(JobStore store, Map<String, JobHandler> handlers, Clock clock, Settings settings) {
    this.store = Objects.requireNonNull(store, "store");
    this.handlers = Map.copyOf(handlers);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.thread = new Thread(this::loop, "candor-jobs");
    this.thread.setDaemon(true);
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
    thread.start();
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
      for (Job job : due) {
        try {
          runOne(job);
        } catch (RuntimeException e) {
          // the store failed to record the outcome: the job stays claimed and is resumed after its lease
          log.error("job {} ({}): recording its outcome failed; it resumes after its lease", job.key(), job.id(), e);
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
      log.error("job {} ({}): no handler for kind {}; failing it", job.key(), job.id(), job.kind());
      store.fail(job, "no handler for kind " + job.kind(), clock.instant());
      return;
    }
    if (job.attempts() >= settings.maxAttempts()) {
      // only a resumed job gets here: its earlier runs died, one after another
      log.error("job {} ({}): {} runs died; failing it", job.key(), job.id(), job.attempts());
      if (store.fail(job, "gave up after " + job.attempts() + " runs that did not finish", clock.instant())) {
        gaveUp(handler, job);
      }
      return;
    }
    if (job.resumed()) {
      log.info("job {} ({}): resuming a run that did not finish", job.key(), job.id());
    }
    try {
      handler.run(job);
    } catch (RetryLater e) {
      log.warn("job {} ({}): {}; attempt {} of {}", job.key(), job.id(), e.why(), job.attempts() + 1,
          settings.maxAttempts());
      later(handler, job, e.after(), e.why());
      return;
    } catch (RuntimeException e) {
      log.error("job {} ({}) of kind {} failed; attempt {} of {}", job.key(), job.id(), job.kind(),
          job.attempts() + 1, settings.maxAttempts(), e);
      later(handler, job, Duration.ZERO, e.toString());
      return;
    }
    if (!store.done(job, clock.instant())) {
      log.info("job {} ({}): rescheduled, cancelled or taken over while it ran; left as it is", job.key(), job.id());
    }
  }

  private void later(JobHandler handler, Job job, Duration after, String why) {
    int failed = job.attempts() + 1;
    Instant now = clock.instant();
    if (failed >= settings.maxAttempts()) {
      log.error("job {} ({}): giving up after {} attempts: {}", job.key(), job.id(), failed, why);
      if (store.fail(job, "gave up after " + failed + " attempts: " + why, now)) {
        gaveUp(handler, job);
      }
      return;
    }
    Duration wait = backoff(failed);
    store.retry(job, now.plus(after.compareTo(wait) > 0 ? after : wait), why);
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

  /**
   * Stops polling and waits for the job running now, if any, to finish (up to 10 seconds; after that
   * it is interrupted, and its job resumed after the lease by whichever runner comes next).
   */
  @Override
  public void close() {
    running = false;
    wake();
    if (!thread.isAlive()) {
      return;
    }
    try {
      thread.join(10_000);
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(2_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
