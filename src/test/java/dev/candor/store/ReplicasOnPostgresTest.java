package dev.candor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.ChannelNamer;
import dev.candor.incident.Declaration;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.IncidentService;
import dev.candor.incident.IncidentWorkspace;
import dev.candor.incident.Severity;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobRunner;
import dev.candor.testing.Postgres;
import dev.candor.testing.TestClock;
import dev.candor.testing.TestMask;
import dev.candor.testing.fakes.RecordingNotifier;
import dev.candor.testing.fakes.RecordingWorkspace;
import dev.candor.timeline.EventInbox;
import dev.candor.timeline.EvidenceAudit;
import dev.candor.timeline.EvidenceKey;
import dev.candor.timeline.HashChain;
import dev.candor.timeline.TimelineEntry;
import dev.candor.timeline.TimelineService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two replicas on one PostgreSQL database: two {@link Database}s, each with its own pool, as two Candor processes
 * have, writing at once. What one process keeps in order with its own lock must stay in order across both.
 */
class ReplicasOnPostgresTest {
  @RegisterExtension final Postgres.FreshDatabase postgres = new Postgres.FreshDatabase();
  @TempDir Path dir;

  /** One Candor process: its own pool on the shared database, and its own stores over it. */
  final class Replica implements AutoCloseable {
    final Database db;
    final TimelineService timeline;
    final IncidentRepository incidents;

    Replica() {
      db = Database.open(postgres.url());
      timeline = new TimelineService(new JdbcTimelineStore(db.dataSource()), key(db), new TestClock(EvidenceHeadsTest.AT));
      incidents = new JdbcIncidentRepository(db.dataSource(), new TimelineJournal(timeline));
    }

    @Override
    public void close() {
      db.close();
    }
  }

  Replica a;
  Replica b;
  ExecutorService threads;

  EvidenceKey key(Database db) {
    return LocalKey.loadOrCreate(dir.resolve(LocalKey.FILE_NAME), db);
  }

  @BeforeEach
  void start() {
    a = new Replica();
    b = new Replica();
    threads = Executors.newFixedThreadPool(8);
  }

  @AfterEach
  void stop() {
    threads.shutdownNow();
    a.close();
    b.close();
  }

  IncidentId declare(Replica on, int n) {
    return on.incidents.insert(new IncidentRepository.NewIncident("C" + n, "inc-" + n, "Incident " + n, "",
        Severity.SEV3, false, "U1", "C0", "req-" + n, EvidenceHeadsTest.AT)).id();
  }

  /** Runs every task on its own thread, all let go at once; answers what each returned, in order. */
  <T> List<T> atOnce(List<Callable<T>> tasks) throws Exception {
    CyclicBarrier go = new CyclicBarrier(tasks.size());
    List<Future<T>> running = new ArrayList<>();
    for (Callable<T> task : tasks) {
      running.add(threads.submit(() -> {
        go.await(30, TimeUnit.SECONDS);
        return task.call();
      }));
    }
    List<T> out = new ArrayList<>();
    for (Future<T> f : running) {
      out.add(f.get(120, TimeUnit.SECONDS));
    }
    return out;
  }

  List<String> audit(Replica on) {
    JdbcEvidenceRecords records = new JdbcEvidenceRecords(on.db.dataSource());
    return records.consistently(() -> new EvidenceAudit(new HashChain(key(on.db))).audit(records,
        on.timeline::verify, Optional.empty())).stream().map(EvidenceAudit.Line::text).toList();
  }

  @Test
  void twoReplicasAppendingToOneIncidentAtOnce_makeOneGaplessChainThatVerifies() throws Exception {
    IncidentId id = declare(a, 1);
    int perThread = 40;
    List<Callable<Integer>> appenders = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      Replica on = t % 2 == 0 ? a : b;
      int thread = t;
      appenders.add(() -> {
        int added = 0;
        for (int i = 0; i < perThread; i++) {
          added += on.timeline.record(id, EvidenceHeadsTest.message("C1", thread * 1000 + i)).isPresent() ? 1 : 0;
        }
        return added;
      });
    }

    List<Integer> added = atOnce(appenders);

    assertEquals(List.of(perThread, perThread, perThread, perThread, perThread, perThread), added);
    List<TimelineEntry> chain = b.timeline.entries(id);
    assertEquals(LongStream.rangeClosed(1, 6 * perThread + 1).boxed().toList(),
        chain.stream().map(TimelineEntry::seq).toList(), "one entry at each place, none missing");
    for (int i = 1; i < chain.size(); i++) {
      assertEquals(chain.get(i - 1).hash(), chain.get(i).prevHash(), "entry #" + chain.get(i).seq() + " links");
    }
    assertEquals(List.of("INC-1: intact (241 entries)"), audit(a));
    assertEquals(audit(a), audit(b));
  }

  @Test
  void twoReplicasDeclaringAndAppendingToManyIncidents_keepEveryHeadAndTheLedgerAddingUp() throws Exception {
    List<Callable<List<IncidentId>>> writers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Replica on = t % 2 == 0 ? a : b;
      int thread = t;
      writers.add(() -> {
        List<IncidentId> mine = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
          IncidentId id = declare(on, thread * 10 + n);
          mine.add(id);
          for (int i = 0; i < 6; i++) {
            on.timeline.record(id, EvidenceHeadsTest.message("C" + (thread * 10 + n), i));
          }
        }
        return mine;
      });
    }

    List<List<IncidentId>> declared = atOnce(writers);

    assertEquals(20, declared.stream().mapToLong(List::size).sum());
    List<String> lines = audit(b);
    assertEquals(20, lines.stream().filter(l -> l.endsWith(": intact (7 entries)")).count(), String.join("\n", lines));
    assertFalse(lines.stream().anyMatch(l -> !l.endsWith(": intact (7 entries)")), String.join("\n", lines));
    assertTrue(new JdbcEvidenceRecords(a.db.dataSource()).ledger().orElseThrow().flaws().isEmpty());
  }

  @Test
  void twoReplicasClaimingQueuedJobsAtOnce_claimEachOnce_oneAtATimePerQueue_inTheOrderScheduled() throws Exception {
    TestClock clock = new TestClock(EvidenceHeadsTest.AT);
    JdbcJobStore onA = new JdbcJobStore(a.db.dataSource(), clock);
    JdbcJobStore onB = new JdbcJobStore(b.db.dataSource(), clock);
    Map<String, List<String>> scheduled = new ConcurrentHashMap<>();
    int total = 0;
    for (int i = 0; i < 15; i++) {
      for (int q = 1; q <= 3; q++) {
        String queue = "incident:" + q;
        String key = "announce:" + q + ":" + i;
        (i % 2 == 0 ? onA : onB).scheduleInQueue(queue, "announce", key, queue, clock.instant());
        scheduled.computeIfAbsent(queue, k -> new ArrayList<>()).add(key);
        total++;
      }
      (i % 2 == 0 ? onB : onA).schedule("remind", "remind:" + i, "", clock.instant());
      total++;
    }
    int all = total;
    AtomicInteger finished = new AtomicInteger();
    Map<String, AtomicReference<String>> inFlight = new ConcurrentHashMap<>();
    Map<String, List<String>> ran = new ConcurrentHashMap<>();
    List<String> claims = Collections.synchronizedList(new ArrayList<>());
    List<String> overlaps = Collections.synchronizedList(new ArrayList<>());
    List<Callable<Integer>> runners = new ArrayList<>();
    for (int r = 0; r < 4; r++) {
      JdbcJobStore store = r % 2 == 0 ? onA : onB;
      String worker = "replica-" + (r % 2 == 0 ? "a" : "b") + "-" + r;
      runners.add(() -> {
        while (finished.get() < all) {
          List<Job> claimed = store.claimDue(clock.instant(), JobRunner.DEFAULT_LEASE, 4, worker);
          for (Job job : claimed) {
            claims.add(job.key());
            if (job.kind().equals("announce")) {
              String was = inFlight.computeIfAbsent(job.payload(), k -> new AtomicReference<>()).getAndSet(job.key());
              if (was != null) {
                overlaps.add(job.key() + " claimed while " + was + " ran");
              }
              ran.computeIfAbsent(job.payload(), k -> Collections.synchronizedList(new ArrayList<>())).add(job.key());
            }
          }
          for (Job job : claimed) {
            if (job.kind().equals("announce")) {
              inFlight.get(job.payload()).set(null); // before it is marked done: the next may be claimed after
            }
            assertTrue(store.done(job, clock.instant()), job.key());
            finished.incrementAndGet();
          }
        }
        return 0;
      });
    }

    atOnce(runners);

    assertEquals(all, claims.size(), "claims");
    assertEquals(all, new HashSet<>(claims).size(), "a job was claimed twice");
    assertEquals(List.of(), overlaps, "two announcements of one incident at once");
    assertEquals(scheduled, ran, "each incident's announcements in the order scheduled");
  }

  @Test
  void scheduledWorkThatEveryReplicaSchedulesAtStart_isOneJob_runOnce() throws Exception {
    TestClock clock = new TestClock(EvidenceHeadsTest.AT);
    JdbcJobStore onA = new JdbcJobStore(a.db.dataSource(), clock);
    JdbcJobStore onB = new JdbcJobStore(b.db.dataSource(), clock);

    atOnce(List.of(() -> onA.schedule("digest-sweep", "digests:2026-W19", "2026-05-04", clock.instant()),
        () -> onB.schedule("digest-sweep", "digests:2026-W19", "2026-05-04", clock.instant()),
        () -> onA.schedule("digest-sweep", "digests:2026-W19", "2026-05-04", clock.instant()),
        () -> onB.schedule("digest-sweep", "digests:2026-W19", "2026-05-04", clock.instant())));
    List<List<Job>> claimed = atOnce(List.of(
        () -> onA.claimDue(clock.instant(), JobRunner.DEFAULT_LEASE, 10, "replica-a"),
        () -> onB.claimDue(clock.instant(), JobRunner.DEFAULT_LEASE, 10, "replica-b")));

    assertEquals(1, onB.list("digests:").size());
    assertEquals(1, claimed.stream().mapToInt(List::size).sum(), claimed.toString());
  }

  @Test
  void aClaimItsReplicaStoppedRenewing_isTakenOverByTheOtherReplicaOnceItsLeaseRunsOut() throws Exception {
    TestClock clock = new TestClock(EvidenceHeadsTest.AT);
    JdbcJobStore onA = new JdbcJobStore(a.db.dataSource(), clock);
    JdbcJobStore onB = new JdbcJobStore(b.db.dataSource(), clock);
    onA.scheduleInQueue("incident:1", "announce", "announce:1:1", "", clock.instant());
    onA.scheduleInQueue("incident:1", "announce", "announce:1:2", "", clock.instant());
    Job dying = onA.claimDue(clock.instant(), JobRunner.DEFAULT_LEASE, 10, "replica-a").get(0);
    List<Job> ranOnB = Collections.synchronizedList(new ArrayList<>());
    JobRunner runnerB = new JobRunner(onB, Map.of("announce", ranOnB::add), clock,
        JobRunner.Settings.defaults(Duration.ofSeconds(5)).withWorkerId("replica-b"));

    clock.advance(JobRunner.DEFAULT_LEASE.minusMillis(1));
    assertEquals(0, runnerB.runDue(), "a lease not yet run out: nothing for B, the queue waits");
    clock.advance(Duration.ofMillis(1));
    runnerB.runDue();
    runnerB.runDue();

    assertEquals(List.of("announce:1:1", "announce:1:2"), ranOnB.stream().map(Job::key).toList());
    assertTrue(ranOnB.get(0).resumed(), "taken over from a runner that died");
    assertFalse(onA.done(dying, clock.instant()), "the dead replica's claim is no longer its own");
    assertEquals(Job.Status.DONE, onA.find("announce:1:1").orElseThrow().status());
    assertTrue(JobRunner.DEFAULT_LEASE.compareTo(Duration.ofSeconds(30)) < 0);
  }

  /** Both replicas' event processors claiming at the same moment, round after round: no event goes to both. */
  @Test
  void twoReplicasClaimingEventsAtOnce_processEachEventOnce() throws Exception {
    Instant now = EvidenceHeadsTest.AT;
    try (JdbcEventInbox onA = new JdbcEventInbox(a.db.dataSource(), "replica-a");
        JdbcEventInbox onB = new JdbcEventInbox(b.db.dataSource(), "replica-b")) {
      int events = 300;
      for (int i = 0; i < events; i++) {
        assertTrue((i % 2 == 0 ? onA : onB).accept("Ev" + i, 0, "{\"n\":" + i + "}", now));
      }
      Map<String, Integer> processed = new ConcurrentHashMap<>();
      AtomicInteger byA = new AtomicInteger();
      for (int round = 0; round < events; round++) {
        int left = events - processed.size();
        List<List<EventInbox.Pending>> claimed = atOnce(List.of(() -> onA.claim(7, now), () -> onB.claim(7, now)));
        if (claimed.get(0).isEmpty() && claimed.get(1).isEmpty()) {
          break;
        }
        if (left >= 14) { // enough for two batches: neither replica goes away empty-handed for claiming at once
          assertEquals(List.of(7, 7), List.of(claimed.get(0).size(), claimed.get(1).size()),
              "round " + round + " with " + left + " events left");
        }
        byA.addAndGet(process(onA, claimed.get(0), processed, now));
        process(onB, claimed.get(1), processed, now);
      }

      assertEachProcessedOnce(events, processed);
      assertTrue(byA.get() > 0 && byA.get() < events, "both replicas took events: " + byA + " of " + events);
    }
  }

  /** Two processors running freely, as two replicas' do, while events keep arriving at both. */
  @Test
  void twoReplicasProcessingWhileEventsArrive_processEachEventOnce() throws Exception {
    Instant now = EvidenceHeadsTest.AT;
    try (JdbcEventInbox onA = new JdbcEventInbox(a.db.dataSource(), "replica-a");
        JdbcEventInbox onB = new JdbcEventInbox(b.db.dataSource(), "replica-b")) {
      int events = 600;
      Map<String, Integer> processed = new ConcurrentHashMap<>();
      AtomicInteger arrived = new AtomicInteger();
      Callable<Integer> arrivals = () -> {
        for (int i = 0; i < events; i++) {
          (i % 2 == 0 ? onA : onB).accept("Ev" + i, 0, "{}", now);
          arrived.incrementAndGet();
        }
        return events;
      };
      List<Callable<Integer>> work = new ArrayList<>(List.of(arrivals));
      for (JdbcEventInbox inbox : List.of(onA, onB)) {
        work.add(() -> {
          int mine = 0;
          while (processed.size() < events) {
            boolean allArrived = arrived.get() == events;
            int claimed = process(inbox, inbox.claim(10, now), processed, now);
            mine += claimed;
            if (claimed == 0 && allArrived && inbox.claim(10, now).isEmpty()) {
              break; // nothing left for it: the rest is the other replica's, claimed
            }
          }
          return mine;
        });
      }

      List<Integer> done = atOnce(work);

      assertEachProcessedOnce(events, processed);
      assertEquals(events, done.get(1) + done.get(2));
    }
  }

  /** A replica's processor at work on a batch it claimed: each event processed (counted), then all marked. */
  static int process(JdbcEventInbox inbox, List<EventInbox.Pending> batch, Map<String, Integer> processed,
      Instant now) {
    batch.forEach(p -> processed.merge(p.eventId(), 1, Integer::sum));
    inbox.markProcessed(batch.stream().map(EventInbox.Pending::seq).toList(), now);
    return batch.size();
  }

  static void assertEachProcessedOnce(int events, Map<String, Integer> processed) {
    assertEquals(events, processed.size(), "every event processed");
    assertEquals(Map.of(), twice(processed), "no event processed by both replicas");
  }

  /** The events processed more than once, the first ten of them (by id) with how often. */
  static Map<String, Integer> twice(Map<String, Integer> processed) {
    Map<String, Integer> out = new TreeMap<>();
    processed.entrySet().stream().filter(e -> e.getValue() != 1).sorted(Map.Entry.comparingByKey()).limit(10)
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  @Test
  void eventsClaimedByAReplicaThatDied_areTakenOverByTheOtherOnceTheClaimsLeaseRunsOut() {
    Instant now = EvidenceHeadsTest.AT;
    Duration lease = Duration.ofSeconds(15);
    try (JdbcEventInbox onA = new JdbcEventInbox(a.db.dataSource(), "replica-a", lease, 100, 1 << 20);
        JdbcEventInbox onB = new JdbcEventInbox(b.db.dataSource(), "replica-b", lease, 100, 1 << 20)) {
      for (int i = 0; i < 5; i++) {
        onA.accept("Ev" + i, 0, "{}", now);
      }
      List<EventInbox.Pending> dying = onA.claim(3, now);
      assertEquals(List.of("Ev0", "Ev1", "Ev2"), dying.stream().map(EventInbox.Pending::eventId).toList());

      assertEquals(List.of("Ev3", "Ev4"), ids(onB.claim(10, now.plusSeconds(1))), "B takes only what A left");
      assertEquals(List.of("Ev3", "Ev4"), ids(onB.claim(10, now.plus(lease).minusMillis(1))),
          "A's claim holds for its lease; B's own unprocessed claims come back to it");
      List<EventInbox.Pending> takenOver = onB.claim(10, now.plus(lease));

      assertEquals(List.of("Ev0", "Ev1", "Ev2", "Ev3", "Ev4"), ids(takenOver), "A's lease ran out: B takes them over");
      assertEquals(List.of(), onA.claim(10, now.plus(lease)), "B holds them now: A, come back, gets none");
      onB.markProcessed(takenOver.stream().map(EventInbox.Pending::seq).toList(), now.plus(lease));
      assertEquals(List.of(), onB.claim(10, now.plus(lease).plus(lease)));
      assertTrue(JdbcEventInbox.CLAIM_LEASE.compareTo(Duration.ofSeconds(30)) < 0);
    }
  }

  static List<String> ids(List<EventInbox.Pending> events) {
    return events.stream().map(EventInbox.Pending::eventId).toList();
  }

  @Test
  void aLiveReplicasHeartbeat_keepsItsClaim_fromTheOtherReplica() throws Exception {
    TestClock clock = new TestClock(EvidenceHeadsTest.AT);
    JdbcJobStore onA = new JdbcJobStore(a.db.dataSource(), clock);
    JdbcJobStore onB = new JdbcJobStore(b.db.dataSource(), clock);
    onA.schedule("remind", "remind:1", "", clock.instant());
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    JobRunner runnerA = new JobRunner(onA, Map.of("remind", job -> {
      running.countDown();
      await(finish);
    }), clock, JobRunner.Settings.defaults(Duration.ofSeconds(5)).withWorkerId("replica-a"));
    JobRunner runnerB = new JobRunner(onB, Map.of("remind", job -> {
      throw new AssertionError("run twice");
    }), clock, JobRunner.Settings.defaults(Duration.ofSeconds(5)).withWorkerId("replica-b"));
    Future<Integer> onAThread = threads.submit(runnerA::runDue);
    assertTrue(running.await(30, TimeUnit.SECONDS));

    for (int beat = 0; beat < 6; beat++) {
      clock.advance(runnerA.settings().renewEvery());
      assertEquals(1, runnerA.renewClaims(), "the heartbeat renews the claim");
      assertEquals(0, runnerB.runDue(), "a claim renewed is never taken over");
    }
    finish.countDown();

    assertEquals(1, onAThread.get(30, TimeUnit.SECONDS));
    assertEquals(Job.Status.DONE, onB.find("remind:1").orElseThrow().status());
  }

  @Test
  void aReplicaStuckInAWrite_holdsTheOthersUpForALockTimeoutEach_andOnceItsConnectionIsGone_holdsNothing()
      throws Exception {
    IncidentId id = declare(a, 1);
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    Future<Object> stuck = threads.submit(() -> new JdbcUnitOfWork(a.db.dataSource()).run(() -> {
      a.timeline.record(id, EvidenceHeadsTest.message("C1", 1));
      writing.countDown();
      await(never); // a replica frozen mid-transaction, or killed: it never commits
      return null;
    }));
    assertTrue(writing.await(30, TimeUnit.SECONDS));

    long began = System.nanoTime();
    StoreException waited = assertThrows(StoreException.class,
        () -> b.timeline.record(id, EvidenceHeadsTest.message("C1", 2)));
    assertTrue(waited.getMessage().contains("append to the timeline of INC-1"), waited.getMessage());
    assertTrue(System.nanoTime() - began < TimeUnit.SECONDS.toNanos(20), "gave up after the lock timeout");

    // the server ends the session of a process that died (its socket closed), and with it its locks
    assertEquals(List.of(true), new Jdbc(b.db.dataSource()).query("end the stuck replica's session",
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
            + "AND state = 'idle in transaction'", rs -> rs.getBoolean(1)));
    assertTrue(b.timeline.record(id, EvidenceHeadsTest.message("C1", 3)).isPresent());

    never.countDown();
    assertThrows(ExecutionException.class, () -> stuck.get(30, TimeUnit.SECONDS), "its commit failed");
    assertEquals(List.of("INC-1: intact (2 entries)"), audit(b), "the stuck write left nothing");
  }

  static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(60, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aNudgeCooldownClaimedOnTwoReplicasAtOnce_isClaimedOnce() throws Exception {
    JdbcNudgeStore onA = new JdbcNudgeStore(a.db.dataSource());
    JdbcNudgeStore onB = new JdbcNudgeStore(b.db.dataSource());
    for (int person = 0; person < 10; person++) {
      String user = "U" + person;
      List<Boolean> claimed = atOnce(List.of(
          () -> onA.claim(user, "C1", EvidenceHeadsTest.AT, Duration.ofMinutes(10)),
          () -> onB.claim(user, "C1", EvidenceHeadsTest.AT, Duration.ofMinutes(10)),
          () -> onA.claim(user, "C1", EvidenceHeadsTest.AT, Duration.ofMinutes(10)),
          () -> onB.claim(user, "C1", EvidenceHeadsTest.AT, Duration.ofMinutes(10))));
      assertEquals(1, claimed.stream().filter(c -> c).count(), user + ": " + claimed);
    }
  }

  /**
   * A channel-making Slack shared by both replicas whose first channel is made only once the other declaration is
   * seen to wait: for the database's lock (what must happen), or by coming to make a channel too (what must not).
   */
  final class ContendedWorkspace implements IncidentWorkspace {
    final RecordingWorkspace slack = new RecordingWorkspace();
    final CountDownLatch secondCame = new CountDownLatch(1);
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public ChannelCreation createChannel(String name, boolean privateChannel) {
      if (calls.incrementAndGet() == 1) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
          while (!secondCame.await(20, TimeUnit.MILLISECONDS) && !aDeclarationWaits()) {
            if (System.nanoTime() > until) {
              throw new AssertionError("the other declaration neither waited nor made a channel");
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      } else {
        secondCame.countDown();
      }
      return slack.createChannel(name, privateChannel);
    }

    private boolean aDeclarationWaits() {
      return !new Jdbc(a.db.dataSource()).query("see who waits", "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
          + "AND classid = " + Locks.DECLARATIONS, rs -> 1).isEmpty();
    }

    @Override
    public Optional<Created> ownChannelNamed(String name, boolean privateChannel) {
      return slack.ownChannelNamed(name, privateChannel);
    }

    @Override
    public void invite(String channelId, String userId) {
      slack.invite(channelId, userId);
    }
  }

  IncidentService service(Replica on, IncidentWorkspace workspace) {
    return new IncidentService(on.incidents, workspace, new RecordingNotifier(), new ChannelNamer("inc-{date}-{slug}"),
        ZoneOffset.UTC, TestMask.MASK, new TestClock(EvidenceHeadsTest.AT));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"a double submit (two requests), req-1, req-2", "a redelivery to the other replica, req-1, req-1"})
  void aDeclarationSubmittedToTwoReplicasAtOnce_isOneIncidentAndOneChannel(String what, String first, String second)
      throws Exception {
    ContendedWorkspace slack = new ContendedWorkspace();
    IncidentService onA = service(a, slack);
    IncidentService onB = service(b, slack);

    List<IncidentService.DeclareResult> results = atOnce(List.of(
        () -> onA.declare(new Declaration("Checkout down", Severity.SEV1, "", false, "UALICE", "CGENERAL", null, null,
            first)),
        () -> onB.declare(new Declaration("Checkout down", Severity.SEV1, "", false, "UALICE", "CGENERAL", null, null,
            second))));

    assertEquals(1, slack.slack.created().size(), "channels made: " + slack.slack.created());
    assertEquals(1, a.incidents.open().size());
    assertEquals(1, results.stream().filter(r -> r instanceof IncidentService.Declared).count(), results.toString());
    assertEquals(1, results.stream().filter(r -> r instanceof IncidentService.AlreadyDeclared).count(),
        results.toString());
  }
}
