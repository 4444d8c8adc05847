package dev.candor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.jobs.Job;
import dev.candor.jobs.Job.Status;
import dev.candor.jobs.JobStore;
import dev.candor.jobs.JobStore.Entry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobStore} does. The SQLite store and the in-memory fake both run it, so the fake
 * the runner's tests use cannot drift from the real store.
 */
abstract class JobStoreContract {
  static final Instant T0 = Instant.parse("2024-03-10T09:00:00Z");
  static final Duration LEASE = Duration.ofMinutes(5);

  JobStore store;

  /** A fresh, empty store for each test. */
  abstract JobStore newStore() throws Exception;

  @BeforeEach
  void createStore() throws Exception {
    store = newStore();
  }

  List<Job> claim(Instant now, String worker) {
    return store.claimDue(now, LEASE, 10, worker);
  }

  Job claimOne(Instant now, String worker) {
    List<Job> jobs = claim(now, worker);
    assertEquals(1, jobs.size(), "claimed " + jobs);
    return jobs.get(0);
  }

  static List<String> keys(List<Job> jobs) {
    return jobs.stream().map(Job::key).toList();
  }

  Status status(String key) {
    return store.find(key).orElseThrow().status();
  }

  // --- schedule and claim ---------------------------------------------------------------------

  @Test
  void aScheduledJob_isClaimedAtItsRunTime_withWhatWasScheduled() {
    long id = store.schedule("remind", "followup:1:due", "{\"followup\":1}", T0);

    assertEquals(List.of(), claim(T0.minusMillis(1), "A"));
    Job job = claimOne(T0, "A");

    assertEquals(new Job(id, "remind", "followup:1:due", "{\"followup\":1}", T0, 0, false, job.generation(), "A"), job);
    assertEquals(Status.CLAIMED, status("followup:1:due"));
  }

  @Test
  void aClaimedJob_isNotClaimedAgainWhileItsLeaseHolds() {
    store.schedule("remind", "k", "", T0);
    claimOne(T0, "A");

    assertEquals(List.of(), claim(T0.plus(LEASE).minusMillis(1), "B"));
  }

  @Test
  void claiming_takesTheEarliestFirst_upToTheLimit() {
    store.schedule("remind", "c", "", T0.plusSeconds(3));
    store.schedule("remind", "a", "", T0.plusSeconds(1));
    store.schedule("remind", "b", "", T0.plusSeconds(2));
    store.schedule("remind", "later", "", T0.plusSeconds(60));

    assertEquals(List.of("a", "b"), keys(store.claimDue(T0.plusSeconds(10), LEASE, 2, "A")));
    assertEquals(List.of("c"), keys(store.claimDue(T0.plusSeconds(10), LEASE, 2, "A")));
  }

  @Test
  void schedulingAPendingKeyAgain_replacesItsRunTimeAndPayload() {
    long first = store.schedule("remind", "k", "old", T0);
    long second = store.schedule("remind", "k", "new", T0.plusSeconds(60));

    assertEquals(first, second);
    assertEquals(List.of(), claim(T0.plusSeconds(59), "A"));
    Job job = claimOne(T0.plusSeconds(60), "A");
    assertEquals("new", job.payload());
    assertEquals(T0.plusSeconds(60), job.runAt());
  }

  @Test
  void schedulingAKeyAgain_startsANewGeneration_andClearsItsAttempts() {
    store.schedule("remind", "k", "", T0);
    Job failed = claimOne(T0, "A");
    store.retry(failed, T0.plusSeconds(30), "ratelimited");

    store.schedule("remind", "k", "", T0.plusSeconds(60));

    Job again = claimOne(T0.plusSeconds(60), "A");
    assertEquals(0, again.attempts());
    assertNotEquals(failed.generation(), again.generation());
    assertEquals(Optional.of(new Entry("remind", "k", "", T0.plusSeconds(60), Status.CLAIMED, 0, null)), store.find("k"));
  }

  @Test
  void schedulingAFinishedKeyAgain_armsItAfresh() {
    store.schedule("status-reminder", "status:7", "", T0);
    Job first = claimOne(T0, "A");
    assertTrue(store.done(first, T0));

    store.schedule("status-reminder", "status:7", "", T0.plusSeconds(1800));

    Job second = claimOne(T0.plusSeconds(1800), "A");
    assertEquals(first.id(), second.id());
    assertTrue(second.generation() > first.generation());
    assertFalse(second.resumed());
  }

  @Test
  void scheduling_withoutAKindOrKey_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> store.schedule("", "k", "", T0));
    assertThrows(IllegalArgumentException.class, () -> store.schedule("remind", "", "", T0));
    assertThrows(IllegalArgumentException.class, () -> store.schedule("remind", "k", null, T0));
  }

  // --- cancel ---------------------------------------------------------------------------------

  @Test
  void aCancelledJob_isNeverClaimed() {
    store.schedule("remind", "k", "", T0);

    assertTrue(store.cancel("k"));

    assertEquals(List.of(), claim(T0.plusSeconds(3600), "A"));
    assertEquals(Status.CANCELLED, status("k"));
    assertFalse(store.cancel("k"));
    assertFalse(store.cancel("unknown"));
  }

  @Test
  void cancellingADoneJob_changesNothing() {
    store.schedule("remind", "k", "", T0);
    store.done(claimOne(T0, "A"), T0);

    assertFalse(store.cancel("k"));
    assertEquals(Status.DONE, status("k"));
  }

  @Test
  void cancelPrefix_cancelsTheUnfinishedJobsUnderThePrefixOnly() {
    store.schedule("remind", "followup:4:before", "", T0);
    store.schedule("remind", "followup:4:due", "", T0.plusSeconds(60));
    store.schedule("remind", "followup:40:due", "", T0);
    store.schedule("remind", "followup:5:due", "", T0);
    store.schedule("remind", "followup:4:done", "", T0.minusSeconds(60));
    store.done(claimOne(T0.minusSeconds(60), "A"), T0);

    assertEquals(2, store.cancelPrefix("followup:4:"));

    assertEquals(List.of("followup:40:due", "followup:5:due"), keys(claim(T0.plusSeconds(3600), "A")));
    assertEquals(Status.DONE, status("followup:4:done"));
  }

  @Test
  void cancelPrefix_takesThePrefixLiterally() {
    store.schedule("remind", "a%b:1", "", T0);
    store.schedule("remind", "axb:1", "", T0);
    store.schedule("remind", "a_b:1", "", T0);

    assertEquals(1, store.cancelPrefix("a%b"));
    assertEquals(1, store.cancelPrefix("a_"));
    assertEquals(List.of("axb:1"), keys(claim(T0, "A")));
  }

  @Test
  void cancellingARunningJob_meansItsRunCannotMarkItDone() {
    store.schedule("remind", "k", "", T0);
    Job running = claimOne(T0, "A");

    assertTrue(store.cancel("k"));

    assertFalse(store.done(running, T0));
    assertEquals(Status.CANCELLED, status("k"));
    assertEquals(List.of(), claim(T0.plus(LEASE).plusSeconds(1), "B"));
  }

  // --- finishing a claim ----------------------------------------------------------------------

  @Test
  void aDoneJob_isNotClaimedAgain() {
    store.schedule("remind", "k", "", T0);
    Job job = claimOne(T0, "A");

    assertTrue(store.done(job, T0.plusSeconds(1)));

    assertEquals(Status.DONE, status("k"));
    assertEquals(List.of(), claim(T0.plus(LEASE).plusSeconds(1), "B"));
  }

  @Test
  void aRetriedJob_runsAgainAtItsNewTime_withOneMoreAttemptAndTheError() {
    store.schedule("remind", "k", "p", T0);
    Job job = claimOne(T0, "A");

    assertTrue(store.retry(job, T0.plusSeconds(30), "chat.postMessage failed: ratelimited"));

    assertEquals(Optional.of(new Entry("remind", "k", "p", T0.plusSeconds(30), Status.PENDING, 1,
        "chat.postMessage failed: ratelimited")), store.find("k"));
    assertEquals(List.of(), claim(T0.plusSeconds(29), "A"));
    Job again = claimOne(T0.plusSeconds(30), "A");
    assertEquals(1, again.attempts());
    assertFalse(again.resumed(), "the earlier run finished (it failed), so nothing is to be resumed");
  }

  @Test
  void aFailedJob_isKeptWithItsError_andNotClaimedAgain() {
    store.schedule("remind", "k", "", T0);
    Job job = claimOne(T0, "A");

    assertTrue(store.fail(job, "no handler for kind remind", T0));

    assertEquals(Optional.of(new Entry("remind", "k", "", T0, Status.FAILED, 1, "no handler for kind remind")),
        store.find("k"));
    assertEquals(List.of(), claim(T0.plusSeconds(86_400), "A"));
  }

  @Test
  void aJobWhoseLeaseExpired_isResumed_withTheDeadRunCounted() {
    store.schedule("remind", "k", "p", T0);
    Job dead = claimOne(T0, "A");

    Job resumed = claimOne(T0.plus(LEASE), "B");

    assertTrue(resumed.resumed());
    assertEquals(dead.id(), resumed.id());
    assertEquals(dead.generation(), resumed.generation());
    assertEquals(1, resumed.attempts());
    assertEquals("B", resumed.claimedBy());
  }

  @Test
  void aRunTakenOverAfterItsLease_cannotFinishTheJob() {
    store.schedule("remind", "k", "", T0);
    Job slow = claimOne(T0, "A");
    Job takeover = claimOne(T0.plus(LEASE), "B");

    assertFalse(store.done(slow, T0.plus(LEASE)));
    assertFalse(store.retry(slow, T0.plus(LEASE), "late"));
    assertFalse(store.fail(slow, "late", T0.plus(LEASE)));
    assertEquals(Status.CLAIMED, status("k"));

    assertTrue(store.done(takeover, T0.plus(LEASE)));
  }

  @Test
  void aJobRescheduledWhileItRan_keepsTheNewSchedule() {
    store.schedule("remind", "weekly", "week 1", T0);
    Job running = claimOne(T0, "A");

    store.schedule("remind", "weekly", "week 2", T0.plus(Duration.ofDays(7)));

    assertFalse(store.done(running, T0.plusSeconds(1)));
    assertEquals(Optional.of(new Entry("remind", "weekly", "week 2", T0.plus(Duration.ofDays(7)), Status.PENDING, 0, null)),
        store.find("weekly"));
    assertEquals(List.of(), claim(T0.plus(LEASE).plusSeconds(1), "B"));
    assertEquals("week 2", claimOne(T0.plus(Duration.ofDays(7)), "B").payload());
  }

  // --- queues ---------------------------------------------------------------------------------

  @Test
  void aQueuedJob_waitsUntilTheEarlierJobOfItsQueueIsDone() {
    store.scheduleInQueue("announce:7", "announce", "status", "", T0);
    store.scheduleInQueue("announce:7", "announce", "severity", "", T0);

    Job first = claimOne(T0, "A");
    assertEquals("status", first.key());
    assertEquals(List.of(), claim(T0, "A"), "the second waits while the first runs");

    assertTrue(store.done(first, T0));
    assertEquals("severity", claimOne(T0, "A").key());
  }

  @Test
  void aQueuedJob_waitsThroughTheRetriesOfTheEarlierOne_evenWhenItsOwnTimeCameFirst() {
    store.scheduleInQueue("announce:7", "announce", "status", "", T0.plusSeconds(1));
    store.scheduleInQueue("announce:7", "announce", "severity", "", T0);
    Job first = claimOne(T0.plusSeconds(1), "A");
    assertEquals("status", first.key(), "the order they were scheduled in, not their run times");
    store.retry(first, T0.plusSeconds(60), "http_503");

    assertEquals(List.of(), claim(T0.plusSeconds(59), "A"), "not before the earlier one, retried");
    Job again = claimOne(T0.plusSeconds(60), "A");
    assertEquals("status", again.key());
    assertTrue(store.done(again, T0.plusSeconds(60)));
    assertEquals("severity", claimOne(T0.plusSeconds(60), "A").key());
  }

  @Test
  void aQueuedJob_waitsWhileTheEarlierOneIsClaimedByARunThatDied_andFollowsItsResumption() {
    store.scheduleInQueue("announce:7", "announce", "status", "", T0);
    store.scheduleInQueue("announce:7", "announce", "severity", "", T0);
    claimOne(T0, "A"); // the process dies

    Job resumed = claimOne(T0.plus(LEASE), "B");
    assertEquals("status", resumed.key());
    assertTrue(resumed.resumed());
    assertTrue(store.done(resumed, T0.plus(LEASE)));
    assertEquals("severity", claimOne(T0.plus(LEASE), "B").key());
  }

  @Test
  void anEarlierJobThatFailedOrWasCancelled_doesNotHoldItsQueue() {
    store.scheduleInQueue("q", "announce", "failed", "", T0);
    store.scheduleInQueue("q", "announce", "cancelled", "", T0);
    store.scheduleInQueue("q", "announce", "last", "", T0);

    assertTrue(store.fail(claimOne(T0, "A"), "channel_not_found", T0));
    assertTrue(store.cancel("cancelled"));

    assertEquals("last", claimOne(T0, "A").key());
  }

  @Test
  void queues_holdOnlyTheirOwnJobs() {
    store.scheduleInQueue("announce:7", "announce", "7a", "", T0);
    store.scheduleInQueue("announce:7", "announce", "7b", "", T0);
    store.scheduleInQueue("announce:8", "announce", "8a", "", T0);
    store.schedule("remind", "unqueued", "", T0);

    assertEquals(List.of("7a", "8a", "unqueued"), keys(claim(T0, "A")));
  }

  @Test
  void aQueuedKeyScheduledAgain_keepsItsPlace() {
    store.scheduleInQueue("q", "announce", "first", "old", T0.plusSeconds(60));
    store.scheduleInQueue("q", "announce", "second", "", T0);
    store.scheduleInQueue("q", "announce", "first", "new", T0);

    Job job = claimOne(T0, "A");
    assertEquals("first", job.key());
    assertEquals("new", job.payload());
  }

  @Test
  void scheduling_inAQueueWithoutAName_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> store.scheduleInQueue("", "announce", "k", "", T0));
    assertThrows(IllegalArgumentException.class, () -> store.scheduleInQueue(null, "announce", "k", "", T0));
  }

  @Test
  void list_givesTheJobsUnderAPrefix_byKey() {
    store.schedule("remind", "followup:4:due", "", T0);
    store.schedule("remind", "followup:4:before", "", T0);
    store.schedule("digest", "digest:UALICE", "", T0);

    assertEquals(List.of("followup:4:before", "followup:4:due"),
        store.list("followup:4:").stream().map(Entry::key).toList());
    assertEquals(Optional.empty(), store.find("followup:9:due"));
  }

  // --- leases renewed by a heartbeat, taken over when dead --------------------------------------

  @Test
  void renewing_extendsOnlyTheRenewingRunnersClaims() {
    long a = store.schedule("remind", "a's", "", T0);
    long b = store.schedule("remind", "b's", "", T0.plusSeconds(1));
    store.schedule("remind", "pending", "", T0.plus(Duration.ofDays(1)));
    assertEquals(List.of("a's"), keys(store.claimDue(T0, LEASE, 1, "A")));
    assertEquals(List.of("b's"), keys(store.claimDue(T0.plusSeconds(1), LEASE, 1, "B")));

    assertEquals(0, store.renew("A", List.of(), T0.plus(LEASE).minusSeconds(1), LEASE));
    assertEquals(1, store.renew("A", List.of(a, b), T0.plus(LEASE).minusSeconds(1), LEASE), "A's, not B's");

    // at B's lease's end, B's claim (never renewed) is free and A's still holds
    assertEquals(List.of("b's"), keys(claim(T0.plus(LEASE).plusSeconds(1), "C")));
    assertEquals(List.of(), claim(T0.plus(LEASE.multipliedBy(2)).minusSeconds(2), "C"));
    assertEquals(List.of("a's"), keys(claim(T0.plus(LEASE.multipliedBy(2)).minusSeconds(1), "C")));
    assertEquals(0, store.renew("A", List.of(a), T0.plus(LEASE.multipliedBy(2)), LEASE), "A's claim is C's now");
  }

  @Test
  void expiringTheClaimsOfOthers_freesWhatDeadRunnersHeld_atOnce_butNotOnesOwn() {
    store.schedule("remind", "dead's", "", T0);
    store.schedule("remind", "mine", "", T0.plusSeconds(1));
    assertEquals(1, store.claimDue(T0, LEASE, 1, "dead").size());
    assertEquals(1, store.claimDue(T0.plusSeconds(1), LEASE, 1, "me").size());

    assertEquals(1, store.expireClaimsOfOthers("me", T0.plusSeconds(2)));

    Job resumed = claimOne(T0.plusSeconds(2), "me");
    assertEquals("dead's", resumed.key());
    assertTrue(resumed.resumed());
    assertEquals(1, resumed.diedRuns());
  }

  @Test
  void diedRuns_countTheRunsInARowThatDied_andARunThatEndsSetsThemBack() {
    store.schedule("remind", "k", "", T0);
    assertEquals(0, claimOne(T0, "A").diedRuns());
    assertEquals(1, claimOne(T0.plus(LEASE), "B").diedRuns());
    Job third = claimOne(T0.plus(LEASE.multipliedBy(2)), "C");
    assertEquals(2, third.diedRuns());

    assertTrue(store.retry(third, T0.plus(LEASE.multipliedBy(2)), "http_503"));
    Job fourth = claimOne(T0.plus(LEASE.multipliedBy(2)), "C");
    assertEquals(0, fourth.diedRuns());
    assertEquals(3, fourth.attempts());
  }

  // --- retention ------------------------------------------------------------------------------

  @Test
  void deletingFinishedJobs_takesOnlyThoseFinishedBeforeTheCutoff_oldestFirst_sparingKeptKinds() {
    store.schedule("remind", "done-early", "", T0);
    store.schedule("remind", "failed-later", "", T0);
    store.schedule("levels", "asked", "", T0);
    store.schedule("remind", "pending", "", T0);
    store.schedule("remind", "running", "", T0);
    List<Job> claimed = store.claimDue(T0, LEASE, 5, "A");
    Job doneEarly = claimed.stream().filter(j -> j.key().equals("done-early")).findFirst().orElseThrow();
    Job failedLater = claimed.stream().filter(j -> j.key().equals("failed-later")).findFirst().orElseThrow();
    Job asked = claimed.stream().filter(j -> j.key().equals("asked")).findFirst().orElseThrow();
    Job pending = claimed.stream().filter(j -> j.key().equals("pending")).findFirst().orElseThrow();
    assertTrue(store.done(doneEarly, T0));
    assertTrue(store.fail(failedLater, "channel_not_found", T0.plusSeconds(10)));
    assertTrue(store.done(asked, T0));
    assertTrue(store.retry(pending, T0, "http_503"));

    assertEquals(0, store.deleteFinished(T0, Set.of("levels"), 10), "finished at the cutoff, not before it");
    assertEquals(1, store.deleteFinished(T0.plusSeconds(60), Set.of("levels"), 1));
    assertEquals(Optional.empty(), store.find("done-early"), "the oldest first");
    assertEquals(Status.FAILED, status("failed-later"));
    assertEquals(1, store.deleteFinished(T0.plusSeconds(60), Set.of("levels"), 10));
    assertEquals(0, store.deleteFinished(T0.plus(Duration.ofDays(3650)), Set.of("levels"), 10));

    assertEquals(List.of("asked", "pending", "running"),
        store.list("").stream().map(Entry::key).sorted().toList());
  }

  @Test
  void aDeletedKey_canBeScheduledAfresh() {
    store.schedule("remind", "k", "old", T0);
    assertTrue(store.done(claimOne(T0, "A"), T0));
    assertEquals(1, store.deleteFinished(T0.plusSeconds(1), Set.of(), 10));

    store.schedule("remind", "k", "new", T0.plusSeconds(5));

    assertEquals("new", claimOne(T0.plusSeconds(5), "A").payload());
  }
}
