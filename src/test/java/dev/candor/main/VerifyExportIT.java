package dev.candor.main;

import static dev.candor.testing.CandorJar.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.Severity;
import dev.candor.store.Database;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcTimelineStore;
import dev.candor.store.LocalKey;
import dev.candor.store.TimelineJournal;
import dev.candor.testing.CandorJar;
import dev.candor.testing.CandorJar.Run;
import dev.candor.testing.TeamSeverities;
import dev.candor.testing.TestClock;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.EvidenceKey;
import dev.candor.timeline.HashChain;
import dev.candor.timeline.Observation;
import dev.candor.timeline.ObservationKeys;
import dev.candor.timeline.SlackTs;
import dev.candor.timeline.Source;
import dev.candor.timeline.TimelineEntry;
import dev.candor.timeline.TimelineService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code candor verify} and {@code candor export} as an operator runs them: the packaged jar in a
 * child JVM against a database built by the real store, then changed by hand with plain SQL.
 */
class VerifyExportIT {
  static final Path JAR = CandorJar.JAR;
  static final String CHANNEL = "C0INCIDENT";
  static final Instant DECLARED = Instant.parse("2023-11-14T22:13:20Z");

  @TempDir Path dir;
  String url;
  IncidentId incident;

  @BeforeAll
  static void theJarIsBuilt() {
    assertTrue(Files.isRegularFile(JAR), "mvn package should have made " + JAR.toAbsolutePath());
  }

  /** An incident declared through the repository (its DECLARED entry is #1), then six observations. */
  @BeforeEach
  void recordAnIncident() {
    url = "jdbc:sqlite:" + dir.resolve("data").resolve("candor.db");
    TestClock clock = new TestClock(DECLARED);
    try (Database db = Database.open(url)) {
      TimelineService timeline = timeline(db, clock);
      IncidentRepository repository = new JdbcIncidentRepository(db.dataSource(), new TimelineJournal(timeline));
      Incident declared = repository.insert(new IncidentRepository.NewIncident(CHANNEL, "inc-2023-11-14-checkout",
          "Checkout errors in EU", "Card payments failing", Severity.SEV2, false, "U0ALICE", "C0GENERAL", "req-1",
          DECLARED));
      incident = declared.id();
      String seeing = ts(60);
      String rollback = ts(120);
      record(timeline, clock, message(seeing, "U0BOB", "Seeing 500s on checkout <!channel>"));      // #2
      record(timeline, clock, message(rollback, "U0ALICE", "Rolling back deploy 4512 & 4513"));      // #3
      record(timeline, clock, new Observation(ObservationKeys.edit(CHANNEL, rollback, ts(180)), EntryKind.EDIT,
          CHANNEL, ts(180), null, "U0ALICE", "Rolling back deploys 4512 and 4513", rollback, "", Source.EVENT,
          clock.instant()));                                                                           // #4
      record(timeline, clock, new Observation(ObservationKeys.event("Ev1"), EntryKind.REACTION_ADDED, CHANNEL,
          ts(200), null, "U0CAROL", "", seeing, "pushpin", Source.EVENT, clock.instant()));            // #5
      record(timeline, clock, message(ts(240), "U0DAVE",
          "replica is postgres://admin:hunter2secret@db.internal/app"));                              // #6
      record(timeline, clock, message(ts(300), "U0ALICE", "All clear"));                              // #7
    }
  }

  TimelineService timeline(Database db, TestClock clock) {
    EvidenceKey key = LocalKey.loadOrCreate(LocalKey.besideDatabase(url), db);
    return new TimelineService(new JdbcTimelineStore(db.dataSource()), key, clock);
  }

  static void record(TimelineService timeline, TestClock clock, Observation o) {
    clock.advance(Duration.ofSeconds(30));
    assertTrue(timeline.record(new IncidentId(1), o).isPresent(), "recorded " + o.key());
  }

  static Observation message(String ts, String user, String text) {
    return new Observation(ObservationKeys.message(CHANNEL, ts), EntryKind.MESSAGE, CHANNEL, ts, null, user, text,
        null, "", Source.EVENT, DECLARED);
  }

  static String ts(int secondsAfterDeclare) {
    return SlackTs.of(DECLARED.plusSeconds(secondsAfterDeclare));
  }

  /** Changes the database behind Candor's back, as someone with the file could. */
  void bySql(String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.executeUpdate(sql);
      }
    }
  }

  Run candor(String... args) throws IOException, InterruptedException {
    return candor(Map.of("DATABASE_URL", url), args);
  }

  Run candor(Map<String, String> env, String... args) throws IOException, InterruptedException {
    return CandorJar.run(dir, env, args);
  }

  static void assertOneErrorLine(Run run, String containing) {
    assertEquals(2, run.exit(), run.describe());
    assertEquals(1, run.errLines().size(), run.describe());
    assertTrue(run.errLines().get(0).contains(containing), run.describe());
    assertNoStackTrace(run);
  }

  @Test
  void verify_anUntouchedDatabase_exitsZeroWithALinePerIncident() throws Exception {
    Run run = candor("verify");

    assertEquals(0, run.exit(), run.describe());
    assertEquals("INC-1: intact (7 entries)\n", run.out(), run.describe());
    assertNoStackTrace(run);
  }

  @Test
  void export_asMarkdown_namesSeveritiesAsCandorSeveritiesDoes_andABadFileIsOneLine() throws Exception {
    Path severities = TeamSeverities.pFile(dir);

    Run run = candor(Map.of("DATABASE_URL", url, "CANDOR_SEVERITIES", severities.toString()), "export", "INC-1");

    assertEquals(0, run.exit(), run.describe());
    assertTrue(run.out().contains("\nP2 (high) · "), run.describe());
    assertTrue(run.out().contains("declared the incident (P2)"), run.describe());
    assertFalse(run.out().contains("SEV2"), run.describe());
    assertOneErrorLine(candor(Map.of("DATABASE_URL", url, "CANDOR_SEVERITIES",
        dir.resolve("missing.json").toString()), "export", "INC-1"), "CANDOR_SEVERITIES");
  }

  @Test
  void verify_oneIncident_exitsZero() throws Exception {
    Run run = candor("verify", "--incident", "INC-1");

    assertEquals(0, run.exit(), run.describe());
    assertEquals("INC-1: intact (7 entries)\n", run.out(), run.describe());
  }

  @Test
  void verify_afterAnEntrysTextWasChangedBySql_exitsOneNamingItAltered() throws Exception {
    bySql("UPDATE timeline_entries SET text = 'Rolling back nothing' WHERE incident_id = 1 AND seq = 3");

    Run run = candor("verify");

    assertEquals(1, run.exit(), run.describe());
    assertTrue(run.out().startsWith("INC-1: entry #3 was altered"), run.describe());
    assertNoStackTrace(run);
  }

  @Test
  void verify_afterAMiddleEntryWasDeletedBySql_exitsOneNamingItRemoved() throws Exception {
    bySql("DELETE FROM timeline_entries WHERE incident_id = 1 AND seq = 4");

    Run run = candor("verify", "--incident", "INC-1");

    assertEquals(1, run.exit(), run.describe());
    assertTrue(run.out().startsWith("INC-1: entry #4 was removed"), run.describe());
    assertNoStackTrace(run);
  }

  @Test
  void verify_afterTwoEntriesSwappedTheirSeqBySql_exitsOneNamingTheReorder() throws Exception {
    bySql("UPDATE timeline_entries SET seq = 1000 WHERE incident_id = 1 AND seq = 3",
        "UPDATE timeline_entries SET seq = 3 WHERE incident_id = 1 AND seq = 5",
        "UPDATE timeline_entries SET seq = 5 WHERE incident_id = 1 AND seq = 1000");

    Run run = candor("verify");

    assertEquals(1, run.exit(), run.describe());
    assertTrue(run.out().startsWith("INC-1: entry #3 "), run.describe());
    assertTrue(run.out().contains("reordered"), run.describe());
    assertNoStackTrace(run);
  }

  @Test
  void verify_afterARedactionThroughCandor_stillExitsZero() throws Exception {
    try (Database db = Database.open(url)) {
      TimelineService timeline = timeline(db, new TestClock(DECLARED.plusSeconds(900)));
      assertInstanceOf(TimelineService.Redacted.class,
          timeline.redact(incident, CHANNEL, 6, "U0ALICE", "a database password"));
    }

    Run run = candor("verify");

    assertEquals(0, run.exit(), run.describe());
    assertEquals("INC-1: intact (8 entries)\n", run.out(), run.describe());
    Run md = candor("export", "INC-1", "--format", "md");
    assertTrue(md.out().contains("[redacted by @U0ALICE at 2023-11-14 22:28 UTC: a database password]"), md.describe());
  }

  @Test
  void verifyAndExport_withoutTheEvidenceKey_exitTwoWithOneLine() throws Exception {
    Files.delete(LocalKey.besideDatabase(url));

    assertOneErrorLine(candor("verify"), "evidence key");
    assertOneErrorLine(candor("export", "INC-1"), "evidence key");
  }

  @Test
  void verify_withoutADatabase_exitsTwoWithOneLineAndCreatesNothing() throws Exception {
    Path missing = dir.resolve("elsewhere").resolve("candor.db");

    assertOneErrorLine(candor(Map.of("DATABASE_URL", "jdbc:sqlite:" + missing), "verify"), "no database");
    assertFalse(Files.exists(missing));
  }

  @Test
  void verifyAndExport_onAReadOnlyCopy_succeedAndChangeOrCreateNothing() throws Exception {
    // a copy in rollback-journal mode, as a backup may be: opening it for writing would turn it back to WAL
    bySql("PRAGMA journal_mode = DELETE");
    Path db = Database.file(url);
    Path folder = db.getParent();
    byte[] bytes = Files.readAllBytes(db);
    FileTime modified = Files.getLastModifiedTime(db);
    List<String> files = names(folder);
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--r--r--"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      Run verify = candor("verify");
      Run export = candor("export", "INC-1", "--format", "json");

      assertEquals(0, verify.exit(), verify.describe());
      assertEquals("INC-1: intact (7 entries)\n", verify.out(), verify.describe());
      assertEquals(0, export.exit(), export.describe());
      assertEquals("", export.err(), export.describe());
    } finally {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
      Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-------"));
    }
    assertArrayEquals(bytes, Files.readAllBytes(db), "the database's bytes are unchanged");
    assertEquals(modified, Files.getLastModifiedTime(db));
    assertEquals(files, names(folder), "no -wal, -shm or key was created");
  }

  @Test
  void verifyAndExport_onADatabaseOfAnOlderSchema_sayWhatToDo_andDoNotMigrateIt() throws Exception {
    bySql("DROP TABLE incident_numbers", "DELETE FROM flyway_schema_history WHERE version = '21'");

    assertOneErrorLine(candor("verify"), "has schema version 20, older than this Candor's 21");
    assertOneErrorLine(candor("export", "INC-1"), "candor serve");
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE version = '21'")) {
      assertTrue(rs.next());
      assertEquals(0, rs.getInt(1), "not migrated");
    }
  }

  @Test
  void export_withoutADatabase_exitsTwoNamingItAndCreatesNothing() throws Exception {
    Path missing = dir.resolve("elsewhere").resolve("candor.db");

    assertOneErrorLine(candor(Map.of("DATABASE_URL", "jdbc:sqlite:" + missing), "export", "INC-1"), missing.toString());
    assertFalse(Files.exists(missing.getParent()));
  }

  static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void verify_aMalformedDatabaseUrl_exitsTwoNamingTheVariable() throws Exception {
    assertOneErrorLine(candor(Map.of("DATABASE_URL", "postgres://nope"), "verify"), "DATABASE_URL");
  }

  @Test
  void verify_aFileThatIsNoDatabase_exitsTwoWithOneLine() throws Exception {
    Path junk = dir.resolve("junk").resolve("candor.db");
    Files.createDirectories(junk.getParent());
    Files.writeString(junk, "this is not a database, just words ".repeat(200));
    Files.copy(LocalKey.besideDatabase(url), junk.resolveSibling(LocalKey.FILE_NAME));

    assertOneErrorLine(candor(Map.of("DATABASE_URL", "jdbc:sqlite:" + junk), "verify"), "cannot open the database");
  }

  @Test
  void export_markdown_leadsWithTitleAndPhasesAndShowsTheEditNeutrally() throws Exception {
    Run run = candor("export", "INC-1", "--format", "md");

    assertEquals(0, run.exit(), run.describe());
    assertEquals("", run.err(), run.describe());
    String md = run.out();
    assertTrue(md.startsWith("# INC-1: Checkout errors in EU\n"), md);
    assertTrue(md.indexOf("## Phases") < md.indexOf("## Timeline"), md);
    assertTrue(md.contains("- 2023-11-14 22:13:20 — started\n"), md);
    assertTrue(md.contains("- 22:14:20 #2 📌 @U0BOB: Seeing 500s on checkout @channel\n"), "Slack's markup read: " + md);
    assertTrue(md.contains("- 22:15:20 #3 @U0ALICE: Rolling back deploy 4512 \\& 4513 (edited 22:16)\n"),
        "escaped for Markdown: " + md);
    assertTrue(md.contains("#4 @U0ALICE edited the message of 22:15:20: Rolling back deploys 4512 and 4513"), md);
    assertFalse(md.contains("hunter2secret"), "secrets were masked before they were stored");
  }

  @Test
  void export_json_carriesEveryEntryWithItsHashesSoItCanBeCheckedLater() throws Exception {
    Run run = candor("export", "INC-1", "--format", "json");

    assertEquals(0, run.exit(), run.describe());
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertEquals("INC-1", root.path("incident").path("id").asText());
    assertEquals("started", root.path("phases").get(0).path("phase").asText());
    List<TimelineEntry> entries = new ArrayList<>();
    for (JsonNode e : root.path("entries")) {
      assertTrue(e.path("hash").asText().matches("[0-9a-f]{64}"), e.toString());
      assertTrue(e.path("prevHash").asText().matches("[0-9a-f]{64}"), e.toString());
      entries.add(entry(e));
    }
    entries.sort((a, b) -> Long.compare(a.seq(), b.seq()));
    EvidenceKey key = LocalKey.load(LocalKey.besideDatabase(url));

    assertEquals(7, entries.size());
    assertEquals(new HashChain.Intact(7), new HashChain(key).verify(entries));
  }

  @Test
  void export_toAFile_writesItAndPrintsNothing() throws Exception {
    Path file = dir.resolve("INC-1.md");

    Run run = candor("export", "INC-1", "--out", file.toString());

    assertEquals(0, run.exit(), run.describe());
    assertEquals("", run.out(), run.describe());
    assertTrue(Files.readString(file, StandardCharsets.UTF_8).startsWith("# INC-1: Checkout errors in EU\n"));
  }

  @Test
  void export_toAnExistingFile_refusesWithOneLineAndLeavesItAsItWas_unlessForced() throws Exception {
    Path file = Files.writeString(dir.resolve("INC-1.md"), "our own notes\n");

    Run refused = candor("export", "INC-1", "--out", file.toString());

    assertOneErrorLine(refused, "already exists");
    assertTrue(refused.err().contains("--force"), refused.describe());
    assertEquals("our own notes\n", Files.readString(file, StandardCharsets.UTF_8));

    Run forced = candor("export", "INC-1", "--out", file.toString(), "--force");

    assertEquals(0, forced.exit(), forced.describe());
    assertTrue(Files.readString(file, StandardCharsets.UTF_8).startsWith("# INC-1: Checkout errors in EU\n"));
    assertNoPartialFiles(dir);
  }

  @Test
  void export_intoAMissingDirectory_namesTheDirectory_notATemporaryFile() throws Exception {
    Path missing = dir.resolve("no-such-dir");

    Run run = candor("export", "INC-1", "--out", missing.resolve("INC-1.md").toString());

    assertOneErrorLine(run, "the directory " + missing + " does not exist");
    assertFalse(run.err().contains(".partial"), run.describe());
    assertFalse(Files.exists(missing));
  }

  @Test
  void export_toADirectory_orForceWithoutOut_exitsTwoWithOneLine() throws Exception {
    assertOneErrorLine(candor("export", "INC-1", "--out", dir.toString()), "is a directory");
    assertOneErrorLine(candor("export", "INC-1", "--force"), "--force");
  }

  static void assertNoPartialFiles(Path folder) throws IOException {
    try (var files = Files.list(folder)) {
      assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".partial")).toList());
    }
  }

  @Test
  void export_anUnknownIncident_exitsTwoWithOneLine() throws Exception {
    Run run = candor("export", "INC-999", "--format", "md");

    assertOneErrorLine(run, "INC-999");
    assertEquals("", run.out(), run.describe());
  }

  @Test
  void export_aBadIdOrFormat_exitsTwoWithOneLine() throws Exception {
    assertOneErrorLine(candor("export", "incident-one"), "incident-one");
    assertOneErrorLine(candor("export", "INC-1", "--format", "pdf"), "--format");
  }

  @Test
  void export_ofATamperedTimeline_stillExportsButWarns() throws Exception {
    bySql("UPDATE timeline_entries SET text = 'nothing to see' WHERE incident_id = 1 AND seq = 2");

    Run run = candor("export", "INC-1", "--format", "md");

    assertEquals(0, run.exit(), run.describe());
    assertTrue(run.out().contains("nothing to see"), run.describe());
    assertTrue(run.err().contains("does not verify: entry #2 was altered"), run.describe());
  }

  static TimelineEntry entry(JsonNode e) {
    List<String> macs = new ArrayList<>();
    e.path("secretMacs").forEach(m -> macs.add(m.asText()));
    return new TimelineEntry(new IncidentId(1), e.path("seq").asLong(), EntryKind.valueOf(e.path("kind").asText()),
        text(e, "key"), text(e, "channelId"), text(e, "ts"), text(e, "threadTs"), text(e, "actor"), text(e, "text"),
        text(e, "contentMac"), macs, text(e, "refTs"), text(e, "detail"), Source.valueOf(e.path("source").asText()),
        Instant.parse(e.path("recordedAt").asText()), text(e, "prevHash"), text(e, "hash"));
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isNull() || v.isMissingNode() ? null : v.asText();
  }
}
