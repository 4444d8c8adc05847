package dev.candor.timeline;

import static dev.candor.testing.SlackEvents.envelope;
import static dev.candor.testing.SlackEvents.newEventId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.Incident;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcTimelineStore;
import dev.candor.store.LocalKey;
import dev.candor.testing.Eventually;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SlackEvents;
import dev.candor.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event inbox keeps no evidence of its own, through the real server: no secret of an event reaches the disk,
 * not even before it is processed, while its timeline entries keep their masks and HMACs; an event from a channel
 * that is no incident's leaves its id for a day and nothing else; one that cannot be processed holds up nothing and
 * keeps no body either.
 */
class EventInboxIT {
  static final String URL_SECRET = "hunter2secret";
  static final String GITHUB = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";
  static final String PASSWORD = "Zq8xK2mLp9wQ";

  @TempDir Path dir;
  RunningCandor candor;

  @AfterEach
  void stop() {
    if (candor != null) {
      candor.close();
    }
  }

  private Incident declare() {
    candor.slack.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
    candor.requests.command("UALICE", "CGENERAL", "declare db latency sev2");
    String channel = candor.slack.await("conversations.invite").param("channel");
    candor.slack.await("conversations.setTopic");
    return new JdbcIncidentRepository(db()).byChannel(channel).orElseThrow();
  }

  private DataSource db() {
    return candor.candor.database().dataSource();
  }

  private void send(String eventId, Map<String, Object> event) {
    assertEquals(200, candor.requests.event(envelope(eventId, event), Map.of()).status());
  }

  private List<TimelineEntry> awaitEntries(Incident incident, EntryKind kind, int count) {
    JdbcTimelineStore store = new JdbcTimelineStore(db());
    Eventually.await(() -> store.entries(incident.id()).stream().filter(e -> e.kind() == kind).count() == count,
        count + " " + kind + " entries");
    return store.entries(incident.id());
  }

  @Test
  void secretsInAnEvent_neverReachTheDisk_andTheTimelineKeepsTheirMasksAndHmacs() throws Exception {
    candor = RunningCandor.start(dir);
    Incident incident = declare();
    String ch = incident.channelId();
    String said = "db is postgres://admin:" + URL_SECRET + "@db.internal:5432/prod, try " + GITHUB
        + " or password=" + PASSWORD;
    Map<String, Object> message = new LinkedHashMap<>(SlackEvents.message(ch, "1700000001.000100", "UBOB", said));
    message.put("files", List.of(Map.of("id", "F1", "name", "notes.txt", "title", "AKIAIOSFODNN7EXAMPLE")));
    message.put("attachments", List.of(Map.of("title", "xoxb-123456789012-abcdefghijkl")));
    message.put("blocks", List.of(Map.of("type", "rich_text", "elements", List.of(Map.of("type",
        "rich_text_section", "elements", List.of(Map.of("type", "text", "text", said)))))));
    send(newEventId(), message);
    String edited = "now DB_PASSWORD=ErQHQwjyaxErPZDS3M and " + GITHUB;
    send(newEventId(), SlackEvents.edit(ch, "1700000001.000100", "1700000002.000100", "UBOB",
        "was PGPASSWORD=Tr0ub4dorZZ3x", edited));
    send(newEventId(), SlackEvents.message("CGENERAL", "1700000003.000100", "UBOB",
        "elsewhere: postgres://admin:" + URL_SECRET + "@db.internal:5432/prod"));

    List<TimelineEntry> entries = awaitEntries(incident, EntryKind.EDIT, 1);
    Eventually.await(() -> rows("SELECT COUNT(*) FROM events WHERE processed_at IS NULL") == 0,
        "every event processed");

    // the timeline: exactly what masking the original words gives, masks and HMACs alike
    SecretMasker masker = new SecretMasker(LocalKey.load(dir.resolve(LocalKey.FILE_NAME)));
    TimelineEntry first = entries.stream().filter(e -> e.kind() == EntryKind.MESSAGE).findFirst().orElseThrow();
    assertEquals(masker.mask(said).text(), first.text());
    assertEquals(masker.mask(said).secretMacs(), first.secretMacs());
    assertEquals(3, first.secretMacs().size());
    assertEquals("files: notes.txt", first.detail());
    TimelineEntry edit = entries.stream().filter(e -> e.kind() == EntryKind.EDIT).findFirst().orElseThrow();
    assertEquals(masker.mask(edited).text(), edit.text());
    assertEquals(masker.mask(edited).secretMacs(), edit.secretMacs());
    assertEquals(2, edit.secretMacs().size());

    // the disk: no secret of any of them, in the database or its write-ahead log, at any point
    for (String file : List.of("candor.db", "candor.db-wal")) {
      Path path = dir.resolve(file);
      if (Files.exists(path)) {
        String bytes = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
        for (String secret : List.of(URL_SECRET, GITHUB, PASSWORD, "AKIAIOSFODNN7EXAMPLE", "xoxb-123456789012",
            "ErQHQwjyaxErPZDS3M", "Tr0ub4dorZZ3x")) {
          assertFalse(bytes.contains(secret), file + " holds " + secret);
        }
      }
    }
  }

  @Test
  void anEventFromAChannelThatIsNoIncidents_keepsItsIdAndTimesForADay_andNothingElse() throws Exception {
    TestClock clock = TestClock.at("2026-12-07T09:00:00Z");
    candor = RunningCandor.start(dir, Map.of(), clock);
    candor.slack.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
    String eventId = newEventId();
    send(eventId, SlackEvents.message("CGENERAL", "1700000001.000100", "UBOB", "lunch? " + GITHUB));

    Eventually.await(() -> rows("SELECT COUNT(*) FROM events WHERE event_id = '" + eventId
        + "' AND processed_at IS NOT NULL") == 1, "the event processed");
    try (Connection c = db().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT body, received_at, processed_at FROM events WHERE event_id = ?")) {
      s.setString(1, eventId);
      try (ResultSet rs = s.executeQuery()) {
        assertTrue(rs.next());
        assertEquals("", rs.getString(1), "nothing of what it said");
        assertEquals(clock.instant().toEpochMilli(), rs.getLong(2));
      }
    }
    // a redelivery within the day is turned away by the id alone
    send(eventId, SlackEvents.message("CGENERAL", "1700000001.000100", "UBOB", "lunch? " + GITHUB));
    assertEquals(1, rows("SELECT COUNT(*) FROM events WHERE event_id = '" + eventId + "'"));

    clock.advance(Duration.ofDays(1).plusMinutes(11)); // past the day, and past the next sweep
    Eventually.await(() -> rows("SELECT COUNT(*) FROM events WHERE event_id = '" + eventId + "'") == 0,
        "the event's id forgotten after a day");
  }

  @Test
  void anEventThatCannotBeProcessed_holdsUpNoOther_andIsSetAsideWithoutItsBody() throws Exception {
    candor = RunningCandor.start(dir);
    Incident incident = declare();
    String ch = incident.channelId();
    // a ts no instant can hold: recording it throws, every time
    String poison = newEventId();
    send(poison, SlackEvents.message(ch, "99999999999999999.000100", "UBOB", "odd " + GITHUB));
    send(newEventId(), SlackEvents.message(ch, "1700000001.000100", "UBOB", "after the odd one"));

    List<TimelineEntry> entries = awaitEntries(incident, EntryKind.MESSAGE, 1);
    assertEquals("after the odd one",
        entries.stream().filter(e -> e.kind() == EntryKind.MESSAGE).findFirst().orElseThrow().text());
    Eventually.await(() -> rows("SELECT COUNT(*) FROM events WHERE event_id = '" + poison
        + "' AND processed_at IS NOT NULL AND body = ''") == 1, "the poison event set aside, its body dropped");
    assertEquals(0, rows("SELECT COUNT(*) FROM events WHERE processed_at IS NULL"));
  }

  private long rows(String sql) {
    try (Connection c = db().getConnection(); var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new AssertionError(sql, e);
    }
  }
}
