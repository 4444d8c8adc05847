package dev.candor.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.jobs.Job.Status;
import dev.candor.testing.TestClock;
import dev.candor.testing.fakes.InMemoryJobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  final TestClock clock = new TestClock(T0);
  final InMemoryJobStore store = new InMemoryJobStore();
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

  JobRunner runner(String workerId) {
    JobRunner r = new JobRunner(store, handlers, clock,
        new JobRunner.Settings(POLL, LEASE, 20, 4, BACKOFF, Duration.ofMinutes(10), workerId));
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

  @Test
  void aBurstOfTemporaryFailures_thenSuccess_endsDone_withTheBackoffDoubling() {
    AtomicInteger failures = new AtomicInteger(3);
    handle("remind", job -> {
      if (failures.getAndDecrement() > 0) {
        throw new RetryLater(Duration.ZERO, "http_503");
      }
    });
    store.schedule("remind", "k", "", T0);
    JobRunner runner = runner();

    List<Duration> waits = new ArrayList<>();
    runner.runDue();
    while (status("k") == Status.PENDING) {
      Duration wait = Duration.between(clock.instant(), runAt("k"));
      waits.add(wait);
      clock.advance(wait.minusMillis(1));
      assertEquals(0, runner.runDue(), "ran before its backoff was over");
      clock.advance(Duration.ofMillis(1));
      runner.runDue();
    }

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
  void aJobThatKeepsFailing_failsAfterTheLastAttempt() {
    handle("remind", job -> {
      throw new RetryLater(Duration.ZERO, "ratelimited");
    });
    store.schedule("remind", "k", "", T0);
    JobRunner runner = runner();

    for (int i = 0; i < 10 && status("k") != Status.FAILED; i++) {
      runner.runDue();
      clock.advance(Duration.ofHours(1));
    }

    assertEquals(4, ran.size());
    JobStore.Entry entry = store.find("k").orElseThrow();
    assertEquals(Status.FAILED, entry.status());
    assertEquals(4, entry.attempts());
    assertEquals("gave up after 4 attempts: ratelimited", entry.lastError());
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
    handlers.put("remind", JobHandler.of(job -> {
      throw new RetryLater(Duration.ZERO, "ratelimited");
    }, job -> {
      gaveUp.add(job.key());
      store.schedule("remind", job.key(), "next", clock.instant().plus(Duration.ofDays(7)));
    }));
    store.schedule("remind", "k", "", T0);
    JobRunner runner = runner();

    for (int i = 0; i < 4; i++) {
      assertEquals(List.of(), gaveUp, "not before the last attempt");
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
      throw new IllegalStateException("boom");
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
}
