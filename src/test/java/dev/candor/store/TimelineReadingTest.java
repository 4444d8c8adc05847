package dev.candor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.Severity;
import dev.candor.testing.TestClock;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.EvidenceKey;
import dev.candor.timeline.HashChain;
import dev.candor.timeline.Observation;
import dev.candor.timeline.ObservationKeys;
import dev.candor.timeline.SlackTs;
import dev.candor.timeline.Source;
import dev.candor.timeline.Timeline;
import dev.candor.timeline.TimelineEntry;
import dev.candor.timeline.TimelineExport;
import dev.candor.timeline.TimelineService;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a timeline one entry at a time from SQLite gives exactly what the in-memory view gives: the same
 * items, the same exports, the same chain check; and the outline keeps what a draft needs.
 */
class TimelineReadingTest {
  static final String CHANNEL = "C0INC";
  static final Instant START = Instant.parse("2026-03-14T09:00:00Z");

  @TempDir Path dir;
  Database db;
  TimelineService timeline;
  Incident incident;
  String url;
  final TestClock clock = new TestClock(START);

  static String ts(int seconds) {
    return SlackTs.of(START.plusSeconds(seconds).plusNanos(1_000));
  }

  Observation o(String key, EntryKind kind, int at, String actor, String text, String ref, String detail) {
    return new Observation(key, kind, CHANNEL, ts(at), null, actor, text, ref, detail, Source.EVENT, clock.instant());
  }

  /** The database the tests run on: a SQLite file here; a PostgreSQL one in {@code TimelineReadingOnPostgresTest}. */
  String databaseUrl() {
    return "jdbc:sqlite:" + dir.resolve("t.db");
  }

  @BeforeEach
  void aTimelineWithEveryKindOfMark() {
    url = databaseUrl();
    db = Database.open(url);
    timeline = new TimelineService(new JdbcTimelineStore(db.dataSource()),
        new EvidenceKey("timeline-reading-test-key-32-bytes!!".getBytes(StandardCharsets.US_ASCII)), clock);
    IncidentRepository repository = new JdbcIncidentRepository(db.dataSource(), new TimelineJournal(timeline));
    incident = repository.insert(new IncidentRepository.NewIncident(CHANNEL, "inc-x", "X", "", Severity.SEV3, false,
        "U1", "C0GEN", null, START));
    List<Map.Entry<IncidentId, Observation>> batch = new ArrayList<>();
    for (int i = 1; i <= 300; i++) {
      batch.add(Map.entry(incident.id(), o(ObservationKeys.message(CHANNEL, ts(i * 10)), EntryKind.MESSAGE, i * 10,
          "U" + (i % 7), "message " + i + (i == 50 ? " token xoxb-1234567890-abcdefghij" : ""), null, "")));
    }
    // recorded after the messages they are about, some out of Slack order
    batch.add(Map.entry(incident.id(), o(ObservationKeys.edit(CHANNEL, ts(100), ts(2005)), EntryKind.EDIT, 2005, "U3",
        "message 10, fixed", ts(100), "")));
    batch.add(Map.entry(incident.id(), o(ObservationKeys.edit(CHANNEL, ts(100), ts(2006)), EntryKind.EDIT, 2006, "U3",
        "message 10, fixed twice", ts(100), "")));
    batch.add(Map.entry(incident.id(), o(ObservationKeys.deletion(CHANNEL, ts(200)), EntryKind.DELETE, 2100, "U6",
        "", ts(200), "")));
    batch.add(Map.entry(incident.id(), o(ObservationKeys.event("E1"), EntryKind.PIN_ADDED, 1500, "U1", "", ts(300), "")));
    batch.add(Map.entry(incident.id(), o(ObservationKeys.event("E2"), EntryKind.REACTION_ADDED, 1501, "U2", "",
        ts(400), "pushpin")));
    batch.add(Map.entry(incident.id(), o(ObservationKeys.event("E3"), EntryKind.REACTION_ADDED, 1502, "U2", "",
        ts(500), "pushpin")));
    batch.add(Map.entry(incident.id(), o(ObservationKeys.event("E4"), EntryKind.REACTION_REMOVED, 1503, "U2", "",
        ts(500), "pushpin")));
    assertEquals(307, timeline.recordAll(batch).size());
    assertEquals(0, timeline.recordAll(batch).size(), "a batch recorded twice adds nothing");
    clock.advance(Duration.ofMinutes(5));
    assertInstanceOf(TimelineService.Redacted.class, timeline.redact(incident.id(), CHANNEL, 61, "U1", "pasted a token"));
  }

  @AfterEach
  void close() {
    db.close();
  }

  List<Timeline.Item> read() {
    List<Timeline.Item> items = new ArrayList<>();
    assertEquals(309, timeline.read(incident, items::add));
    return items;
  }

  @Test
  void readingOneAtATime_givesTheItemsOfTheWholeView() {
    Timeline whole = Timeline.of(incident, timeline.entries(incident.id()));

    assertEquals(whole.items(), read());
    Timeline.Item edited = whole.items().stream().filter(i -> i.entry().ts().equals(ts(100))).findFirst().orElseThrow();
    assertEquals(2, edited.edits().size());
    assertTrue(whole.items().stream().anyMatch(i -> i.entry().ts().equals(ts(200)) && i.deletion().isPresent()));
    assertTrue(whole.items().stream().anyMatch(i -> i.entry().seq() == 61 && i.redaction().isPresent()));
  }

  @Test
  void theStreamingExports_writeWhatTheWholeExportsWrite() {
    Timeline whole = Timeline.of(incident, timeline.entries(incident.id()));
    StringBuilder md = new StringBuilder();
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    TimelineExport.Markdown markdown = new TimelineExport.Markdown(md, incident, id -> "@" + id);
    TimelineExport.Json entries = new TimelineExport.Json(json, incident);
    timeline.read(incident, item -> {
      markdown.item(item);
      entries.item(item);
    });
    markdown.finish();
    entries.finish();

    assertEquals(TimelineExport.markdown(whole), md.toString());
    assertEquals(TimelineExport.json(whole), json.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theOutline_keepsTheKeyMessagesAndEveryMark_andLeavesTheRestOut() {
    Timeline whole = Timeline.of(incident, timeline.entries(incident.id()));
    Timeline outline = timeline.outline(incident);

    List<Timeline.Item> expected = whole.items().stream()
        .filter(i -> i.entry().kind() != EntryKind.MESSAGE || i.keyEvent()).toList();
    assertEquals(expected, outline.items());
    assertEquals(List.of(ts(300), ts(400)), outline.items().stream()
        .filter(i -> i.entry().kind() == EntryKind.MESSAGE).map(i -> i.entry().ts()).toList(),
        "pinned, and reacted to (a reaction taken back does not count)");
  }

  @Test
  void theChainCheck_readsOneEntryAtATime_andFindsWhatTheWholeCheckFinds() throws Exception {
    HashChain chain = new HashChain(new EvidenceKey("timeline-reading-test-key-32-bytes!!".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(new HashChain.Intact(309), timeline.verify(incident.id()));

    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE timeline_entries SET text = 'message 120, quietly changed' WHERE seq = 121");
      s.executeUpdate("UPDATE timeline_entries SET text = NULL WHERE seq = 200");
    }
    HashChain.Check streamed = timeline.verify(incident.id());
    assertEquals(chain.verify(timeline.entries(incident.id())), streamed);
    assertEquals(121, assertInstanceOf(HashChain.Broken.class, streamed).seq());
    List<TimelineEntry> all = timeline.entries(incident.id());
    assertEquals(309, all.size());
  }
}
