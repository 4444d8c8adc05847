package dev.candor.slack.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.response.Response;
import dev.candor.store.Database;
import dev.candor.store.JdbcEventInbox;
import dev.candor.store.JdbcTimelineStore;
import dev.candor.timeline.EventInbox;
import dev.candor.timeline.EvidenceKey;
import dev.candor.timeline.TimelineService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the intake leaves on disk before the event is processed, and how it answers when it cannot keep one. */
class EventIntakeTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T09:00:00Z"), ZoneOffset.UTC);
  static final List<String> SECRETS = List.of("hunter2secret", "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
      "Zq8xK2mLp9wQ", "Tr0ub4dorZZ3x", "xoxb-123456789012-abcdefghijkl", "AKIAIOSFODNN7EXAMPLE", "ErQHQwjyaxErPZDS3M",
      "Jhj5dZrVaK7ZwHHjRyZWjbDl");

  @TempDir Path dir;
  Database database;
  JdbcEventInbox inbox;
  TimelineService timeline;

  @BeforeEach
  void open() {
    database = Database.open("jdbc:sqlite:" + dir.resolve("candor.db"));
    inbox = new JdbcEventInbox(database.dataSource(), "test");
    timeline = new TimelineService(new JdbcTimelineStore(database.dataSource()),
        new EvidenceKey("k".repeat(32).getBytes(StandardCharsets.UTF_8)), CLOCK);
  }

  @AfterEach
  void close() {
    inbox.close();
    database.close();
  }

  private static Response send(EventIntake intake, String body) throws Exception {
    return intake.apply(new EventRequest(body, new RequestHeaders(Map.of())), Response.ok(),
        req -> Response.builder().statusCode(404).build());
  }

  @Test
  void anEventStoredButNotYetProcessed_holdsNoSecretOnDisk() throws Exception {
    // an edit: the new text, the previous message, a file's title, an attachment's title, a block's text
    String body = """
        {"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","team_id":"T1","type":"event_callback","event_id":"EvSecrets",
         "event_time":1700000000,"event":{"type":"message","subtype":"message_changed","channel":"C1",
         "ts":"1700000002.000100","event_ts":"1700000002.000100",
         "message":{"type":"message","user":"UBOB","ts":"1700000001.000100",
           "text":"use postgres://admin:hunter2secret@db.internal:5432/prod with ghp_abcdefghijklmnopqrstuvwxyz0123456789",
           "edited":{"user":"UBOB","ts":"1700000002.000100"},
           "files":[{"id":"F1","name":"notes.txt","title":"password=Zq8xK2mLp9wQ"}],
           "attachments":[{"title":"xoxb-123456789012-abcdefghijkl","fallback":"AKIAIOSFODNN7EXAMPLE"}],
           "blocks":[{"type":"rich_text","elements":[{"type":"rich_text_section","elements":[
             {"type":"text","text":"DB_PASSWORD=ErQHQwjyaxErPZDS3M"}]}]}]},
         "previous_message":{"type":"message","user":"UBOB","ts":"1700000001.000100",
           "text":"was PGPASSWORD=Tr0ub4dorZZ3x psql"}}}
        """;
    AtomicInteger wakes = new AtomicInteger();
    EventIntake intake = new EventIntake(inbox, timeline.storableEvent(), wakes::incrementAndGet, CLOCK);

    assertEquals(200, send(intake, body).getStatusCode());

    // nothing processes events here: what is on disk is what a crash right after the ack would leave
    String stored = query("SELECT body FROM events WHERE event_id = 'EvSecrets' AND processed_at IS NULL");
    for (String secret : SECRETS) {
      assertFalse(stored.contains(secret), secret + " on disk in " + stored);
    }
    assertFalse(stored.contains("\"token\""), stored);
    assertTrue(stored.contains("postgres://admin:[masked password in URL]@db.internal:5432/prod"), stored);
    assertTrue(stored.contains("\"channel\":\"C1\""), stored);
    assertEquals(1, wakes.get());
  }

  @Test
  void whenTheInboxIsFull_slackIsAnswered503_toDeliverTheEventAgain() throws Exception {
    EventInbox full = new EventInbox() {
      @Override
      public boolean accept(String eventId, int retryNum, String body, Instant receivedAt) {
        throw new EventInbox.Full("no room for event " + eventId);
      }

      @Override
      public List<Pending> claim(int limit, Instant now) {
        return List.of();
      }

      @Override
      public void markProcessed(List<Long> seqs, Instant at) {}

      @Override
      public int forgetProcessedBefore(Instant before) {
        return 0;
      }
    };
    EventIntake intake = new EventIntake(full, timeline.storableEvent(), () -> {}, CLOCK);

    Response answer = send(intake, "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"event\":{\"type\":\"message\"}}");

    assertEquals(503, answer.getStatusCode());
    assertEquals("{\"error\":\"try_again\"}", answer.getBody());
  }

  private String query(String sql) throws SQLException {
    try (Connection c = database.dataSource().getConnection(); var s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), "no row for " + sql);
      return rs.getString(1);
    }
  }
}
