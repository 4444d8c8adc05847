package dev.candor.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.jobs.Job.Status;
import dev.candor.testing.Eventually;
import dev.candor.testing.TestClock;
import dev.candor.testing.fakes.InMemoryJobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The runner over the in-memory store, with a clock the test moves by hand. */
class JobRunnerTest {
  static final Instant T0 = Instant.parse("2024-03-10T09:00:00Z");
  static final Duration POLL = Duration.ofSeconds(15);
  static final Duration LEASE = Duration.ofMinutes(5);
  static final Duration BACKOFF = Duration.ofSeconds(30);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
  static final Duration RETENTION = Duration.ofDays(30);

  final TestClock clock = new TestClock(T0);
  final InMemoryJobStore store = new InMemoryJobStore(clock);
  final Map<String, JobHandler> handlers = new HashMap<>();
  final List<Job> ran = new CopyOnWriteArrayList<>();
  final List<JobRunner> runners = new ArrayList<>();

  @AfterEach
  void closeRunners() {
    runners.forEach(JobRunner::close);
  }

  JobRunner runner() {
    return runner("runner-1");
  }

  /** Failures this classifier calls permanent: an IllegalArgumentException (as Candor's does an unreadable payload). */
  final JobFailure.Classifier classifier = (job, e) -> e instanceof IllegalArgumentException
      ? Optional.of(new JobFailure.Permanent(e.getMessage())) : Optional.empty();

  JobRunner runner(String workerId) {
    JobRunner r = new JobRunner(store, handlers, clock,
        new JobRunner.Settings(POLL, LEASE, 20, 4, BACKOFF, MAX_BACKOFF, workerId), classifier,
        new JobRetention(RETENTION, Set.of("kept")));
    runners.add(r);
    return r;
  }

  /** A handler that records each run and then does what {@code then} says. */
  void handle(String kind, JobHandler then) {
    handlers.put(kind, job -> {
      ran.add(job);
      then.run(job);
    });
  }

  void handle(String kind) {
    handle(kind, job -> { });
  }

  Status status(String key) {
    return store.find(key).orElseThrow().status();
  }

  Instant runAt(String key) {
    return store.find(key).orElseThrow().runAt();
  }

  @Test
  void aDueJob_runsOnce_andIsMarkedDone() {
    handle("remind");
    store.schedule("remind", "followup:1:due", "{\"followup\":1}", T0);
    JobRunner runner = runner();

    assertEquals(1, runner.runDue());
    clock.advance(Duration.ofHours(1));
    assertEquals(0, runner.runDue());

    assertEquals(1, ran.size());
    assertEquals("{\"followup\":1}", ran.get(0).payload());
    assertFalse(ran.get(0).resumed());
    assertEquals(Status.DONE, status("followup:1:due"));
  }

  @Test
  void aFutureJob_waitsForItsTime() {
    handle("remind");
    store.schedule("remind", "k", "", T0.plusSeconds(60));
    JobRunner runner = runner();

    runner.runDue();
    clock.advance(Duration.ofSeconds(59));
    runner.runDue();
    assertEquals(List.of(), ran);

    clock.advance(Duration.ofSeconds(1));
    runner.runDue();
    assertEquals(1, ran.size());
  }

  @Test
  void retryLater_waitsAtLeastTheBackoff() {
    handle("remind", job -> {
      throw new RetryLater(Duration.ofSeconds(1), "chat.postMessage failed: ratelimited");
    });
    store.schedule("remind", "k", "", T0);

    runner().runDue();

    assertEquals(T0.plus(BACKOFF), runAt("k"));
    assertEquals(Status.PENDING, status("k"));
    assertEquals("chat.postMessage failed: ratelimited", store.find("k").orElseThrow().lastError());
  }

  @Test
  void retryLater_aLongerWaitThanTheBackoff_isHonoured() {
    handle("remind", job -> {
      throw new RetryLater(Duration.ofMinutes(2), "ratelimited");
    });
    store.schedule("remind", "k", "", T0);

    runner().runDue();

    assertEquals(T0.plus(Duration.ofMinutes(2)), runAt("k"));
  }

  /** Runs {@code key} until it is no longer pending, each time at its run time, never a millisecond sooner; the waits. */
  private List<Duration> waitsUntilDone(JobRunner runner, String key) {
    List<Duration> waits = new ArrayList<>();
    runner.runDue();
    while (status(key) == Status.PENDING) {
      Duration wait = Duration.between(clock.instant(), runAt(key));
      waits.add(wait);
      clock.advance(wait.minusMillis(1));
      assertEquals(0, runner.runDue(), "ran before its time");
      clock.advance(Duration.ofMillis(1));
      runner.runDue();
    }
    return waits;
  }

  @Test
  void aWaitTheServiceTold_isKeptToTheSecond_forTheFirstRetries_thenTheBackoffHoldsToo() {
    AtomicInteger failures = new AtomicInteger(5);
    handle("card", job -> {
      if (failures.getAndDecrement() > 0) {
        throw RetryLater.told(Duration.ofSeconds(2), "chat.update failed: ratelimited", null);
      }
    });
    store.schedule("card", "k", "", T0);

    List<Duration> waits = waitsUntilDone(runner(), "k");

    Duration told = Duration.ofSeconds(2);
    assertEquals(List.of(told, told, told, BACKOFF.multipliedBy(8), BACKOFF.multipliedBy(16)), waits);
    assertEquals(Status.DONE, status("k"));
  }

  @Test
  void aBurstOfTemporaryFailures_thenSuccess_endsDone_withTheBackoffDoubling() {
    AtomicInteger failures = new AtomicInteger(3);
    handle("remind", job -> {
      if (failures.getAndDecrement() > 0) {
        throw new RetryLater(Duration.ZERO, "http_503");
      }
    });
    store.schedule("remind", "k", "", T0);

    List<Duration> waits = waitsUntilDone(runner(), "k");

    assertEquals(List.of(BACKOFF, BACKOFF.multipliedBy(2), BACKOFF.multipliedBy(4)), waits);
    assertEquals(Status.DONE, status("k"));
    assertEquals(4, ran.size());
    assertEquals(List.of(0, 1, 2, 3), ran.stream().map(Job::attempts).toList());
  }

  @Test
  void theBackoff_stopsGrowingAtItsCap() {
    JobRunner runner = runner();
    assertEquals(BACKOFF, runner.backoff(1));
    assertEquals(Duration.ofMinutes(4), runner.backoff(4));
    assertEquals(Duration.ofMinutes(8), runner.backoff(5));
    assertEquals(Duration.ofMinutes(10), runner.backoff(6));
    assertEquals(Duration.ofMinutes(10), runner.backoff(60));
  }

  @Test
  void aJobThatKeepsFailingTemporarily_isRetriedWithoutLimit_atTheCappedBackoff_untilItSucceeds() {
    // a long outage: 40 failed runs, ten times the 4 this runner's settings once allowed
    AtomicInteger failures = new AtomicInteger(40);
    handle("remind", job -> {
      if (failures.getAndDecrement() > 0) {
        throw new RetryLater(Duration.ZERO, "http_503");
      }
    });
    store.schedule("remind", "k", "", T0);
    JobRunner runner = runner();

    runner.runDue();
    Duration longest = Duration.ZERO;
    while (status("k") == Status.PENDING) {
      Duration wait = Duration.between(clock.instant(), runAt("k"));
      longest = wait.compareTo(longest) > 0 ? wait : longest;
      clock.set(runAt("k"));
      runner.runDue();
    }

    assertEquals(41, ran.size(), "40 failed runs, then the one that worked");
    assertEquals(Status.DONE, status("k"));
    assertEquals(MAX_BACKOFF, longest, "the backoff stops growing at its cap");
    assertEquals(40, store.find("k").orElseThrow().attempts());
  }

  @Test
  void aPermanentFailure_failsTheJobAtOnce_andSaysWhy() {
    handle("remind", job -> {
      throw new IllegalArgumentException("chat.postMessage failed: channel_not_found");
    });
    store.schedule("remind", "k", "", T0);

    runner().runDue();

    assertEquals(1, ran.size());
    JobStore.Entry entry = store.find("k").orElseThrow();
    assertEquals(Status.FAILED, entry.status());
    assertEquals("chat.postMessage failed: channel_not_found", entry.lastError());
  }

  @Test
  void aFailureNoOneCanPlace_isTakenForTemporary() {
    handle("remind", job -> {
      throw new IllegalStateException("the database is locked");
    });
    store.schedule("remind", "k", "", T0);
    JobRunner runner = runner();

    for (int i = 0; i < 12; i++) {
      runner.runDue();
      clock.advance(MAX_BACKOFF);
    }

    assertEquals(12, ran.size());
    assertEquals(Status.PENDING, status("k"));
  }

  @Test
  void anUnexpectedException_isRetriedWithBackoff() {
    AtomicInteger calls = new AtomicInteger();
    handle("remind", job -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("follow-up 1 is missing");
      }
    });
    store.schedule("remind", "k", "", T0);
    JobRunner runner = runner();

    runner.runDue();
    assertEquals(Status.PENDING, status("k"));
    assertEquals(T0.plus(BACKOFF), runAt("k"));
    assertTrue(store.find("k").orElseThrow().lastError().contains("follow-up 1 is missing"));

    clock.advance(BACKOFF);
    runner.runDue();
    assertEquals(Status.DONE, status("k"));
  }

  @Test
  void aKindWithoutAHandler_fails_andSaysSo() {
    store.schedule("digest", "digest:UALICE", "", T0);

    runner().runDue();

    JobStore.Entry entry = store.find("digest:UALICE").orElseThrow();
    assertEquals(Status.FAILED, entry.status());
    assertEquals("no handler for kind digest", entry.lastError());
  }

  @Test
  void aJobWhoseRunDied_isResumedAfterItsLease_andSaysSo() {
    handle("remind");
    store.schedule("remind", "k", "", T0);
    store.claimDue(T0, LEASE, 10, "a-runner-that-died");
    JobRunner runner = runner();

    runner.runDue();
    assertEquals(List.of(), ran, "resumed while the lease still held");

    clock.advance(LEASE);
    runner.runDue();

    assertEquals(1, ran.size());
    assertTrue(ran.get(0).resumed());
    assertEquals(Status.DONE, status("k"));
  }

  @Test
  void aJobWhoseRunsKeepDying_failsAtTheAttemptCap() {
    handle("remind");
    store.schedule("remind", "k", "", T0);
    for (int i = 0; i < 4; i++) {
      store.claimDue(clock.instant(), LEASE, 10, "dies-" + i);
      clock.advance(LEASE);
    }

    runner().runDue();

    assertEquals(List.of(), ran);
    assertEquals(Status.FAILED, status("k"));
  }

  @Test
  void aJobThatFailsForGood_letsItsHandlerStartWhatWouldHaveComeNext() {
    List<String> gaveUp = new CopyOnWriteArrayList<>();
    AtomicInteger temporary = new AtomicInteger(3);
    handlers.put("remind", JobHandler.of(job -> {
      if (temporary.getAndDecrement() > 0) {
        throw new RetryLater(Duration.ZERO, "ratelimited");
      }
      throw new IllegalArgumentException("user_not_found");
    }, job -> {
      gaveUp.add(job.key());
      store.schedule("remind", job.key(), "next", clock.instant().plus(Duration.ofDays(7)));
    }));
    store.schedule("remind", "k", "", T0);
    JobRunner runner = runner();

    for (int i = 0; i < 4; i++) {
      assertEquals(List.of(), gaveUp, "not while its failures are temporary");
      runner.runDue();
      clock.advance(Duration.ofHours(1));
    }

    assertEquals(List.of("k"), gaveUp);
    JobStore.Entry next = store.find("k").orElseThrow();
    assertEquals(Status.PENDING, next.status());
    assertEquals("next", next.payload());
  }

  @Test
  void aJobWhoseRunsKeepDying_letsItsHandlerStartWhatComesNext_too() {
    List<String> gaveUp = new CopyOnWriteArrayList<>();
    handlers.put("remind", JobHandler.of(job -> { }, job -> gaveUp.add(job.key())));
    store.schedule("remind", "k", "", T0);
    for (int i = 0; i < 4; i++) {
      store.claimDue(clock.instant(), LEASE, 10, "dies-" + i);
      clock.advance(LEASE);
    }

    runner().runDue();

    assertEquals(List.of("k"), gaveUp);
  }

  @Test
  void aFailingGaveUp_isOnlyLogged() {
    handlers.put("remind", JobHandler.of(job -> {
      throw new IllegalArgumentException("boom");
    }, job -> {
      throw new IllegalStateException("and again");
    }));
    store.schedule("remind", "k", "", T0);
    JobRunner runner = runner();
    for (int i = 0; i < 4; i++) {
      runner.runDue();
      clock.advance(Duration.ofHours(1));
    }
    assertEquals(Status.FAILED, status("k"));
  }

  @Test
  void schedulingAKeyAgain_runsOnlyTheNewOne() {
    handle("remind");
    store.schedule("remind", "followup:1:due", "old owner", T0);
    store.schedule("remind", "followup:1:due", "new owner", T0.plusSeconds(60));
    JobRunner runner = runner();

    runner.runDue();
    clock.advance(Duration.ofSeconds(60));
    runner.runDue();
    clock.advance(Duration.ofDays(1));
    runner.runDue();

    assertEquals(List.of("new owner"), ran.stream().map(Job::payload).toList());
  }

  @Test
  void aCancelledJob_neverRuns() {
    handle("remind");
    store.schedule("remind", "followup:1:before", "", T0);
    store.schedule("remind", "followup:1:due", "", T0);
    store.schedule("remind", "followup:2:due", "", T0);

    store.cancel("followup:2:due");
    store.cancelPrefix("followup:1:");
    runner().runDue();

    assertEquals(List.of(), ran);
  }

  @Test
  void aHandlerThatSchedulesItsOwnKey_leavesTheNextRunPending() {
    // a weekly reminder: each run schedules the next one under the same key
    handle("remind", job -> store.schedule("remind", job.key(), job.payload(), job.runAt().plus(Duration.ofDays(7))));
    store.schedule("remind", "followup:1:overdue", "", T0);
    JobRunner runner = runner();

    runner.runDue();
    clock.advance(Duration.ofDays(7));
    runner.runDue();

    assertEquals(2, ran.size());
    assertEquals(Status.PENDING, status("followup:1:overdue"));
    assertEquals(T0.plus(Duration.ofDays(14)), runAt("followup:1:overdue"));
  }

  @Test
  void aRunningRunner_picksUpAJobWhenWoken() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    handle("remind", job -> done.countDown());
    JobRunner runner = new JobRunner(store, handlers, clock,
        JobRunner.Settings.defaults(Duration.ofHours(1)));
    runners.add(runner);
    runner.start();

    store.schedule("remind", "k", "", T0);
    runner.wake();

    assertTrue(done.await(5, TimeUnit.SECONDS), "the woken runner did not run the due job");
    runner.close();
    assertEquals(Status.DONE, status("k"));
  }

  @Test
  void aRunningRunner_pollsOnItsOwn() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    handle("remind", job -> done.countDown());
    store.schedule("remind", "k", "", T0);
    JobRunner runner = new JobRunner(store, handlers, clock,
        JobRunner.Settings.defaults(Duration.ofMillis(20)));
    runners.add(runner);

    runner.start();

    assertTrue(done.await(5, TimeUnit.SECONDS));
  }

  @Test
  void aQueue_runsInTheOrderItWasScheduled_evenWhileItsFirstJobIsRetried() {
    AtomicInteger failures = new AtomicInteger(1);
    handle("announce", job -> {
      if (job.key().equals("status") && failures.getAndDecrement() > 0) {
        throw new RetryLater(Duration.ZERO, "http_503");
      }
    });
    store.scheduleInQueue("announce:7", "announce", "status", "", T0);
    store.scheduleInQueue("announce:7", "announce", "severity", "", T0);
    JobRunner runner = runner();

    runner.runDue();
    runner.runDue();
    assertEquals(List.of("status"), ran.stream().map(Job::key).toList(), "severity waits for the retried status");

    clock.advance(BACKOFF);
    runner.runDue();
    runner.runDue();
    assertEquals(List.of("status", "status", "severity"), ran.stream().map(Job::key).toList());
    assertEquals(Status.DONE, status("severity"));
  }

  @Test
  void aRunningRunner_runsTheNextJobOfAQueue_onceTheOneBeforeIsDone_notAtTheNextPoll() throws InterruptedException {
    CountDownLatch both = new CountDownLatch(2);
    handle("announce", job -> both.countDown());
    JobRunner runner = new JobRunner(store, handlers, clock, JobRunner.Settings.defaults(Duration.ofHours(1)));
    runners.add(runner);
    runner.start();

    store.scheduleInQueue("announce:7", "announce", "status", "", T0);
    store.scheduleInQueue("announce:7", "announce", "severity", "", T0);
    runner.wake();

    assertTrue(both.await(5, TimeUnit.SECONDS), "ran " + ran);
    assertEquals(List.of("status", "severity"), ran.stream().map(Job::key).toList());
  }

  @Test
  void settings_nameTheWrongOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new JobRunner.Settings(Duration.ZERO, LEASE, 20, 8, BACKOFF, BACKOFF, "w"));
    assertEquals("pollInterval must be a positive duration, was PT0S", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new JobRunner.Settings(POLL, LEASE, 20, 0, BACKOFF, BACKOFF, "w"));
  }

  // --- leases: a live runner's claims are renewed, a dead one's taken over -------------------------

  @Test
  void aLiveRunnersClaim_renewedByItsHeartbeat_isNotTakenOver_howeverLongItsRunTakes() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    handle("announce", job -> {
      running.countDown();
      await(finish);
    });
    store.schedule("announce", "k", "", T0);
    JobRunner a = runner("runner-a");
    JobRunner b = runner("runner-b");
    Thread slowRun = new Thread(a::runDue, "a-slow-run");
    slowRun.start();
    assertTrue(running.await(5, TimeUnit.SECONDS), "a began its run");

    for (int beat = 0; beat < 12; beat++) { // four leases, a heartbeat each third of one
      clock.advance(LEASE.dividedBy(3));
      assertEquals(1, a.renewClaims(), "a renews its one claim");
      assertEquals(0, b.runDue(), "b took a live runner's claim, " + beat + " heartbeats in");
    }
    finish.countDown();
    slowRun.join(5_000);

    assertEquals(1, ran.size(), "run once, by a");
    assertEquals(Status.DONE, status("k"));
  }

  @Test
  void aDeadRunnersClaim_isTakenOverByALiveRunner_onceItsLeaseRunsOut_withinThirtySecondsByDefault() {
    handle("announce");
    store.schedule("announce", "k", "", T0);
    JobRunner a = new JobRunner(store, handlers, clock, JobRunner.Settings.defaults(POLL).withWorkerId("runner-a"));
    JobRunner b = new JobRunner(store, handlers, clock, JobRunner.Settings.defaults(POLL).withWorkerId("runner-b"));
    runners.add(a);
    runners.add(b);
    assertEquals(1, store.claimDue(T0, a.settings().lease(), 20, "runner-a").size()); // a claims, then dies

    clock.advance(JobRunner.DEFAULT_LEASE.minusMillis(1));
    assertEquals(0, b.runDue(), "taken over before the lease ran out");
    clock.advance(Duration.ofMillis(1));
    assertEquals(1, b.runDue());

    assertTrue(JobRunner.DEFAULT_LEASE.plus(POLL).compareTo(Duration.ofSeconds(30)) <= 0,
        "a lease and a poll, at most 30 s");
    assertEquals(1, ran.size());
    assertTrue(ran.get(0).resumed());
    assertEquals("runner-b", ran.get(0).claimedBy());
    assertEquals(Status.DONE, status("k"));
  }

  @Test
  void theSoleProcess_takesOverWhatTheDeadOneClaimed_atOnce_andKeepsEachQueuesOrder() {
    handle("announce");
    store.scheduleInQueue("announce:7", "announce", "7-declared", "", T0);
    store.scheduleInQueue("announce:7", "announce", "7-status", "", T0);
    store.scheduleInQueue("announce:8", "announce", "8-declared", "", T0);
    store.schedule("announce", "later", "", T0.plusSeconds(60));
    assertEquals(2, store.claimDue(T0, LEASE, 20, "killed-process").size()); // the two queue heads

    clock.advance(Duration.ofSeconds(1));
    JobRunner restarted = runner("restarted");
    assertEquals(2, restarted.takeOverClaimsOfTheDead());
    while (restarted.runDue() > 0) {
      // runs the queues through, one job after the other
    }

    assertEquals(List.of("7-declared", "8-declared", "7-status"), ran.stream().map(Job::key).toList());
    assertTrue(ran.get(0).resumed() && ran.get(1).resumed() && !ran.get(2).resumed());
    assertEquals(Status.PENDING, status("later"), "what was not claimed waits for its time");
  }

  @Test
  void aClaimTheRunnerIsNotRunning_isNotRenewed_soItIsResumedAfterItsLease() {
    // say the store failed to record a run's outcome: the job stays claimed under this runner's id
    handle("remind");
    store.schedule("remind", "k", "", T0);
    JobRunner runner = runner("runner-1");
    assertEquals(1, store.claimDue(T0, LEASE, 1, "runner-1").size());

    assertEquals(0, runner.renewClaims(), "renewed a claim no run of it holds");
    clock.advance(LEASE);
    assertEquals(1, runner.runDue());
    assertTrue(ran.get(0).resumed());
    assertEquals(Status.DONE, status("k"));
  }

  @Test
  void theHeartbeatThread_renewsTheClaimsOfARunningJob() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    handle("announce", job -> {
      running.countDown();
      await(finish);
    });
    Duration lease = Duration.ofMillis(300);
    JobRunner runner = new JobRunner(store, handlers, clock,
        new JobRunner.Settings(Duration.ofHours(1), lease, 20, 4, BACKOFF, MAX_BACKOFF, "beating"));
    runners.add(runner);
    store.schedule("announce", "k", "", T0);
    runner.start();
    runner.wake();
    assertTrue(running.await(5, TimeUnit.SECONDS));

    clock.advance(Duration.ofMinutes(1));
    Instant renewed = clock.instant().plus(lease);
    Eventually.await(() -> renewed.equals(store.leaseUntil("k")), "the heartbeat renewed the claim");

    finish.countDown();
    Eventually.await(() -> status("k") == Status.DONE, "the job done");
  }

  @Test
  void aJobWhoseRunsDied_thenFailedTemporarily_isNotTakenForAKiller() {
    AtomicInteger failures = new AtomicInteger(1);
    handle("remind", job -> {
      if (failures.getAndDecrement() > 0) {
        throw new RetryLater(Duration.ZERO, "http_503");
      }
    });
    store.schedule("remind", "k", "", T0);
    for (int i = 0; i < 3; i++) { // three runs die
      store.claimDue(clock.instant(), LEASE, 10, "dies-" + i);
      clock.advance(LEASE);
    }
    JobRunner runner = runner();
    runner.runDue(); // fails for now: the died runs in a row end
    for (int i = 0; i < 3; i++) { // three more die
      clock.set(runAt("k"));
      store.claimDue(clock.instant(), LEASE, 10, "dies-again-" + i);
      clock.advance(LEASE);
    }

    runner.runDue();

    assertEquals(Status.DONE, status("k"), "3 died runs in a row, not 6: under the cap of 4");
  }

  // --- retention -----------------------------------------------------------------------------------

  @Test
  void finishedJobs_areDeletedAfterTheRetention_butUnfinishedOnesAndKeptKindsStay() {
    handle("remind");
    handle("kept");
    handle("gone", job -> {
      throw new IllegalArgumentException("channel_not_found");
    });
    store.schedule("remind", "done", "", T0);
    store.schedule("kept", "asked", "", T0);
    store.schedule("gone", "failed", "", T0);
    store.schedule("remind", "cancelled", "", T0.plusSeconds(1));
    store.cancel("cancelled");
    store.schedule("remind", "pending", "", T0.plus(Duration.ofDays(60)));
    JobRunner runner = runner();
    runner.runDue();

    clock.set(T0.plus(RETENTION));
    assertEquals(0, runner.deleteOldJobs(), "nothing is older than the retention yet");
    clock.set(T0.plus(RETENTION).plus(JobRetention.EVERY));

    assertEquals(3, runner.deleteOldJobs());
    assertEquals(Optional.empty(), store.find("done"));
    assertEquals(Optional.empty(), store.find("failed"));
    assertEquals(Optional.empty(), store.find("cancelled"));
    assertEquals(Status.DONE, status("asked"), "a kept kind's record stays");
    assertEquals(Status.PENDING, status("pending"), "an unfinished job stays, however old");
  }

  @Test
  void retention_deletesAtMostOnceAnHour() {
    handle("remind");
    store.schedule("remind", "first", "", T0);
    JobRunner runner = runner();
    runner.runDue();
    clock.set(T0.plus(RETENTION).plusSeconds(1));
    assertEquals(1, runner.deleteOldJobs());

    store.schedule("remind", "second", "", clock.instant());
    runner.runDue();
    clock.advance(RETENTION);
    assertEquals(0, runner.deleteOldJobs(), "not within the hour after it ran");
    clock.advance(JobRetention.EVERY);
    assertEquals(1, runner.deleteOldJobs());
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
