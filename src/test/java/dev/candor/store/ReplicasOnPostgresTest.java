package dev.candor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.Severity;
import dev.candor.testing.Postgres;
import dev.candor.testing.TestClock;
import dev.candor.timeline.EvidenceAudit;
import dev.candor.timeline.EvidenceKey;
import dev.candor.timeline.HashChain;
import dev.candor.timeline.TimelineEntry;
import dev.candor.timeline.TimelineService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

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
}
