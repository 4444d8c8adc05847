package dev.candor.main;

import static dev.candor.testing.CandorJar.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.IncidentUpdate;
import dev.candor.incident.Severity;
import dev.candor.store.Database;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcTimelineStore;
import dev.candor.store.LocalKey;
import dev.candor.store.TimelineJournal;
import dev.candor.testing.CandorJar;
import dev.candor.testing.CandorJar.Run;
import dev.candor.testing.TestClock;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.EvidenceKey;
import dev.candor.timeline.HashChain;
import dev.candor.timeline.Observation;
import dev.candor.timeline.ObservationKeys;
import dev.candor.timeline.SlackTs;
import dev.candor.timeline.Source;
import dev.candor.timeline.TimelineService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a key-less editor can do to the database with plain SQL, and {@code candor verify} (the packaged jar, in a
 * child JVM) reporting each: entries cut off the end of a timeline, a whole incident removed, an incident row
 * removed or edited, the export reordered through {@code ts_micros}, a head or the ledger deleted or put back as
 * an older copy. The database is written by Candor's own store and domain, renames and redactions included.
 */
class TamperEvidenceIT {
  static final String FIRST = "C0INCIDENT1";
  static final String SECOND = "C0INCIDENT2";
  static final String THIRD = "C0INCIDENT3";
  static final Instant DECLARED = Instant.parse("2026-03-14T09:00:00Z");
  static final String ALL_INTACT = "INC-1: intact (10 entries)\nINC-2: intact (3 entries)\nINC-3: intact (1 entry)\n";

  @TempDir Path dir;
  String url;
  TestClock clock = new TestClock(DECLARED);

  @BeforeAll
  static void theJarIsBuilt() {
    assertTrue(Files.isRegularFile(CandorJar.JAR), "mvn package should have made " + CandorJar.JAR.toAbsolutePath());
  }

  /**
   * INC-1: declared (#1), six messages (#2-#7), renamed (#8), #3 redacted (#9), resolved (#10); INC-2: declared and
   * two messages; INC-3: declared.
   */
  @BeforeEach
  void recordThreeIncidents() {
    url = "jdbc:sqlite:" + dir.resolve("data").resolve("candor.db");
    try (Database db = Database.open(url)) {
      TimelineService timeline = timeline(db);
      IncidentRepository repository = new JdbcIncidentRepository(db.dataSource(), new TimelineJournal(timeline));
      Incident first = declare(repository, FIRST, "Checkout errors in EU", "req-1");
      for (int i = 1; i <= 6; i++) {
        record(timeline, first.id(), FIRST, i, "update number " + i + " on the checkout errors");
      }
      change(repository, first.id(), new IncidentUpdate.SetTitle("Checkout errors in the EU and UK"));
      clock.advance(Duration.ofSeconds(30));
      assertInstanceOf(TimelineService.Redacted.class,
          timeline.redact(first.id(), FIRST, 3, "U0ALICE", "a database password was pasted"));
      change(repository, first.id(), new IncidentUpdate.Resolve("rolled back"));

      Incident second = declare(repository, SECOND, "Search is slow", "req-2");
      record(timeline, second.id(), SECOND, 1, "p99 at 4s");
      record(timeline, second.id(), SECOND, 2, "index rebuilt");
      declare(repository, THIRD, "Login emails late", "req-3");
    }
  }

  TimelineService timeline(Database db) {
    EvidenceKey key = LocalKey.loadOrCreate(LocalKey.besideDatabase(url), db);
    return new TimelineService(new JdbcTimelineStore(db.dataSource()), key, clock);
  }

  Incident declare(IncidentRepository repository, String channel, String title, String request) {
    clock.advance(Duration.ofMinutes(1));
    return repository.insert(new IncidentRepository.NewIncident(channel, "inc-" + channel.toLowerCase(), title, "",
        Severity.SEV2, false, "U0ALICE", "C0GENERAL", request, clock.instant()));
  }

  void change(IncidentRepository repository, IncidentId id, IncidentUpdate update) {
    clock.advance(Duration.ofSeconds(30));
    Incident before = repository.byId(id).orElseThrow();
    IncidentUpdate.Applied applied = assertInstanceOf(IncidentUpdate.Applied.class,
        update.applyTo(before, "U0ALICE", clock.instant()));
    assertTrue(repository.update(before, applied.incident(), applied.change()));
  }

  void record(TimelineService timeline, IncidentId id, String channel, int n, String text) {
    clock.advance(Duration.ofSeconds(30));
    String ts = SlackTs.of(clock.instant());
    assertTrue(timeline.record(id, new Observation(ObservationKeys.message(channel, ts), EntryKind.MESSAGE, channel,
        ts, null, "U0BOB" + n, text, null, "", Source.EVENT, clock.instant())).isPresent());
  }

  /** Changes the database behind Candor's back, as someone with the file but not the key could. */
  void bySql(String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.executeUpdate(sql);
      }
    }
  }

  String oneValue(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getString(1);
    }
  }

  Run verify(String... more) throws IOException, InterruptedException {
    String[] args = new String[more.length + 1];
    args[0] = "verify";
    System.arraycopy(more, 0, args, 1, more.length);
    return CandorJar.run(dir, Map.of("DATABASE_URL", url), args);
  }

  static void assertReports(Run run, String line) {
    assertEquals(1, run.exit(), run.describe());
    assertTrue(run.out().lines().anyMatch(l -> l.equals(line)), "expected the line \"" + line + "\": " + run.describe());
    assertNoStackTrace(run);
  }

  @Test
  void untouched_withARenameARedactionAndAResolution_verifiesIntact() throws Exception {
    Run run = verify();

    assertEquals(0, run.exit(), run.describe());
    assertEquals(ALL_INTACT, run.out(), run.describe());
    assertNoStackTrace(run);
  }

  @Test
  void theLastEntriesDeleted_isReportedAsTruncated() throws Exception {
    bySql("DELETE FROM timeline_entries WHERE incident_id = 2 AND seq > 1",
        "DELETE FROM timeline_entries WHERE incident_id = 1 AND seq = 10");

    Run run = verify();

    assertReports(run, "INC-2: truncated after entry #1: its head records 3 entries [channel C0INCIDENT2]");
    assertReports(run, "INC-1: truncated after entry #9: its head records 10 entries [channel C0INCIDENT1]");
    assertTrue(run.out().contains("INC-3: intact (1 entry)\n"), run.describe());
    Run export = CandorJar.run(dir, Map.of("DATABASE_URL", url), "export", "INC-2");
    assertEquals(0, export.exit(), export.describe());
    assertTrue(export.err().contains("the timeline of INC-2 does not verify: truncated after entry #1: its head "
        + "records 3 entries"), "the export warns as verify reports: " + export.describe());
  }

  @Test
  void aWholeIncidentDeleted_rowHeadAndEntries_isReportedMissing() throws Exception {
    bySql("DELETE FROM timeline_entries WHERE incident_id = 2", "DELETE FROM incident_heads WHERE incident_id = 2",
        "DELETE FROM incident_changes WHERE incident_id = 2", "DELETE FROM incidents WHERE id = 2");

    assertReports(verify(), "INC-2: incident missing (its row, head and entries are gone)");
  }

  @Test
  void theLatestIncidentDeletedWhole_isReportedMissingToo() throws Exception {
    bySql("DELETE FROM timeline_entries WHERE incident_id = 3", "DELETE FROM incident_heads WHERE incident_id = 3",
        "DELETE FROM incident_changes WHERE incident_id = 3", "DELETE FROM incidents WHERE id = 3");

    Run run = verify();

    assertReports(run, "INC-3: incident missing (its row, head and entries are gone)");
    assertReports(verify("--incident", "INC-3"), "INC-3: incident missing (its row, head and entries are gone)");
  }

  @Test
  void anIncidentRowDeleted_isReportedWithItsOrphanEntries() throws Exception {
    bySql("DELETE FROM incident_changes WHERE incident_id = 2", "DELETE FROM incidents WHERE id = 2");

    Run run = verify();

    assertReports(run, "INC-2: incident row missing (deleted by hand) [channel C0INCIDENT2]");
    assertReports(run, "INC-2: 3 orphan entries: their incident row is gone [channel C0INCIDENT2]");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "UPDATE incidents SET title = 'Nothing happened' WHERE id = 1",
      "UPDATE incidents SET private_channel = 1 WHERE id = 1",
      "UPDATE incidents SET state = 'INVESTIGATING' WHERE id = 1",
      "UPDATE incidents SET resolved_at = resolved_at - 3600000 WHERE id = 1",
      "UPDATE incidents SET started_at = started_at + 600000 WHERE id = 1",
      "UPDATE incidents SET severity = 'SEV4' WHERE id = 1"})
  void anIncidentRowEdited_isReportedAltered(String edit) throws Exception {
    bySql(edit);

    assertReports(verify(), "INC-1: incident row altered: its title, summary, severity, state, roles, privacy or "
        + "times are not what Candor wrote [channel C0INCIDENT1]");
  }

  @Test
  void tsMicrosChangedToReorderTheExport_isReportedReordered() throws Exception {
    bySql("UPDATE timeline_entries SET ts_micros = ts_micros + 86400000000 WHERE incident_id = 1 AND seq = 2");

    Run run = verify();

    assertReports(run, "INC-1: reordered: the time entry #2 is sorted by no longer matches the time it was recorded "
        + "with [channel C0INCIDENT1]");
    Run md = CandorJar.run(dir, Map.of("DATABASE_URL", url), "export", "INC-1", "--format", "md");
    assertTrue(md.out().indexOf("update number 1 ") > md.out().indexOf("update number 2 "),
        "the edit did move entry #2 in the export: " + md.describe());
  }

  @Test
  void aHeadDeleted_isReported_andStaysReportedAfterCandorWritesAgain() throws Exception {
    bySql("DELETE FROM incident_heads WHERE incident_id = 1", "DELETE FROM timeline_entries WHERE incident_id = 1 "
        + "AND seq > 8");

    assertReports(verify(), "INC-1: its head record is missing (deleted by hand?) [channel C0INCIDENT1]");

    try (Database db = Database.open(url)) {
      record(timeline(db), new IncidentId(1), FIRST, 7, "one more message after the edit");
    }

    Run after = verify();
    assertReports(after, "INC-1: its head record was found missing when its timeline was next written");
  }

  @Test
  void theLedgerAndEveryHeadDeleted_doNotLookLikeADatabaseFromBeforeHeads() throws Exception {
    bySql("DELETE FROM timeline_entries WHERE incident_id = 1 AND seq > 7", "DELETE FROM incident_heads",
        "DELETE FROM evidence_ledger");

    assertReports(verify(), "the evidence ledger is missing (deleted by hand?): an incident removed whole cannot be "
        + "ruled out");

    try (Storage started = Storage.open(url)) {
      // a start makes the ledger again, and keeps that it had to
      assertTrue(started.key() != null);
    }

    assertReports(verify(), "the evidence ledger was found missing and was made again from the heads there were: "
        + "an incident removed before then is not noticed");
  }

  @Test
  void aHeadPutBackAsAnOlderCopy_afterItsNewerEntriesWereDeleted_isReported() throws Exception {
    String oldHead = oneValue("SELECT entries || ',' || quote(last_hash) || ',' || quote(incident_mac) || ',' "
        + "|| quote(mac) FROM incident_heads WHERE incident_id = 2");
    try (Database db = Database.open(url)) {
      record(timeline(db), new IncidentId(2), SECOND, 3, "a message the editor wants gone");
    }
    bySql("DELETE FROM timeline_entries WHERE incident_id = 2 AND seq = 4",
        "INSERT OR REPLACE INTO incident_heads (incident_id, entries, last_hash, incident_mac, mac) VALUES (2, "
            + oldHead + ")");

    Run run = verify();

    assertReports(run, "the incidents' heads no longer add up to the ledger: a head was put back as an older copy, "
        + "or one was removed along with its incident");
    assertTrue(run.out().contains("INC-2: intact (3 entries)"), run.describe());
  }

  @Test
  void aDatabaseFromBeforeHeads_getsThemOnceAtStart_andThenTruncationIsCaught() throws Exception {
    // as V10 leaves a database made before it: no heads, and the ledger it inserts, pending (taking V10 itself back
    // out of the schema history is no longer possible: later migrations were applied after it)
    bySql("DELETE FROM incident_heads", "DELETE FROM evidence_ledger",
        "INSERT INTO evidence_ledger (id, state) VALUES (1, 'PENDING')");

    try (Storage started = Storage.open(url)) {
      assertEquals(OptionalLong.empty(), JdbcTimelineStore.establishHeads(started.database().dataSource(),
          new HashChain(started.key())), "established once, at the start");
    }
    assertEquals("3", oneValue("SELECT count(*) FROM incident_heads"));
    assertEquals(ALL_INTACT, verify().out());

    bySql("DELETE FROM timeline_entries WHERE incident_id = 2 AND seq = 3");

    assertReports(verify(), "INC-2: truncated after entry #2: its head records 3 entries [channel C0INCIDENT2]");
  }
}
