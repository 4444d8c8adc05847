package dev.candor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.Severity;
import dev.candor.testing.TestClock;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.EvidenceAudit;
import dev.candor.timeline.EvidenceKey;
import dev.candor.timeline.HashChain;
import dev.candor.timeline.Observation;
import dev.candor.timeline.ObservationKeys;
import dev.candor.timeline.SlackTs;
import dev.candor.timeline.Source;
import dev.candor.timeline.TimelineService;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Heads and the ledger as the store keeps them: under concurrent appends, duplicates and batches. */
class EvidenceHeadsTest {
  static final Instant AT = Instant.parse("2026-05-01T10:00:00Z");
  @TempDir Path dir;
  Database db;
  EvidenceKey key;
  TimelineService timeline;
  IncidentRepository repository;
  JdbcEvidenceRecords records;

  /** The database the tests run on: a SQLite file here; a PostgreSQL one in {@code EvidenceHeadsOnPostgresTest}. */
  String url() {
    return "jdbc:sqlite:" + dir.resolve("candor.db");
  }

  @BeforeEach
  void open() {
    db = Database.open(url());
    key = LocalKey.loadOrCreate(dir.resolve(LocalKey.FILE_NAME), db);
    timeline = new TimelineService(new JdbcTimelineStore(db.dataSource()), key, new TestClock(AT));
    repository = new JdbcIncidentRepository(db.dataSource(), new TimelineJournal(timeline));
    records = new JdbcEvidenceRecords(db.dataSource());
  }

  @AfterEach
  void close() {
    db.close();
  }

  IncidentId declare(int n) {
    return repository.insert(new IncidentRepository.NewIncident("C" + n, "inc-" + n, "Incident " + n, "",
        Severity.SEV3, false, "U1", "C0", "req-" + n, AT)).id();
  }

  static Observation message(String channel, int n) {
    String ts = SlackTs.of(AT.plusMillis(n));
    return new Observation(ObservationKeys.message(channel, ts), EntryKind.MESSAGE, channel, ts, null, "U1",
        "message " + n, null, "", Source.EVENT, AT);
  }

  List<EvidenceAudit.Line> audit() {
    return records.consistently(() -> new EvidenceAudit(new HashChain(key)).audit(records, timeline::verify,
        Optional.empty()));
  }

  @Test
  void appendsFromManyThreadsToManyIncidents_leaveEveryHeadAndTheLedgerAddingUp() throws Exception {
    List<IncidentId> ids = List.of(declare(1), declare(2), declare(3), declare(4));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < 40; i++) {
            IncidentId id = ids.get((thread + i) % ids.size());
            timeline.record(id, message("C" + id.value(), thread * 1000 + i));
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }

    List<EvidenceAudit.Line> lines = audit();

    assertEquals(List.of("INC-1: intact (41 entries)", "INC-2: intact (41 entries)", "INC-3: intact (41 entries)",
        "INC-4: intact (41 entries)"), lines.stream().map(EvidenceAudit.Line::text).toList());
    assertFalse(lines.stream().anyMatch(EvidenceAudit.Line::problem));
  }

  @Test
  void aDuplicateAppend_movesNoHead_andABatchMovesEachHeadOnce() {
    IncidentId one = declare(1);
    IncidentId two = declare(2);
    assertTrue(timeline.record(one, message("C1", 1)).isPresent());
    assertTrue(timeline.record(one, message("C1", 1)).isEmpty(), "recorded before");

    assertEquals(3, timeline.recordAll(List.of(Map.entry(one, message("C1", 2)),
        Map.entry(two, message("C2", 3)), Map.entry(one, message("C1", 1)),
        Map.entry(two, message("C2", 4)))).size());

    assertEquals(List.of("INC-1: intact (3 entries)", "INC-2: intact (3 entries)"),
        audit().stream().map(EvidenceAudit.Line::text).toList());
    assertEquals(3, records.heads().get(one).entries());
  }

  @Test
  void anotherKey_isTold_fromTheKeyTheChainsWereSealedWith_andFromALedgerAlteredByHand() throws SQLException {
    HashChain sealedWith = new HashChain(key);
    HashChain another = new HashChain(new EvidenceKey(new byte[32]));
    assertFalse(JdbcTimelineStore.sealedWithAnotherKey(db.dataSource(), another), "a new database: any key");
    declare(1);
    timeline.record(new IncidentId(1), message("C1", 1));

    assertFalse(JdbcTimelineStore.sealedWithAnotherKey(db.dataSource(), sealedWith));
    assertTrue(JdbcTimelineStore.sealedWithAnotherKey(db.dataSource(), another));

    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE evidence_ledger SET incidents = 7");
    }
    assertFalse(JdbcTimelineStore.sealedWithAnotherKey(db.dataSource(), sealedWith),
        "an altered ledger beside heads that verify: a flaw for verify, not another key");
  }
}
