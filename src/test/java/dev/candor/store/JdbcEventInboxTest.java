package dev.candor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.timeline.EventInbox;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcEventInboxTest {
  static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");

  @TempDir Path dir;
  Database database;
  JdbcEventInbox inbox;

  @BeforeEach
  void open() {
    database = Database.open("jdbc:sqlite:" + dir.resolve("candor.db"));
    inbox = new JdbcEventInbox(database.dataSource());
  }

  @AfterEach
  void close() {
    inbox.close();
    database.close();
  }

  @Test
  void aProcessedEvent_losesItsBody_butItsIdStillTurnsARedeliveryAway() throws SQLException {
    assertTrue(inbox.accept("Ev1", 0, "{\"event\":{\"text\":\"db password is hunter2\"}}", T0));
    assertTrue(inbox.accept("Ev2", 0, "{\"event\":{\"text\":\"still waiting\"}}", T0));
    List<EventInbox.Pending> pending = inbox.pending(10);

    inbox.markProcessed(List.of(pending.get(0).seq()), T0.plusSeconds(1));

    assertEquals("", body("Ev1"));
    assertEquals("{\"event\":{\"text\":\"still waiting\"}}", body("Ev2"));
    assertFalse(inbox.accept("Ev1", 1, "{\"event\":{\"text\":\"db password is hunter2\"}}", T0.plusSeconds(60)));
    assertEquals(List.of("Ev2"), inbox.pending(10).stream().map(EventInbox.Pending::eventId).toList());
  }

  @Test
  void forgetting_dropsOnlyProcessedEventsReceivedBeforeTheCutOff() throws SQLException {
    inbox.accept("Old", 0, "{}", T0);
    inbox.accept("OldUnprocessed", 0, "{}", T0);
    inbox.accept("Recent", 0, "{}", T0.plusSeconds(3_600));
    List<EventInbox.Pending> pending = inbox.pending(10);
    inbox.markProcessed(List.of(pending.get(0).seq(), pending.get(2).seq()), T0.plusSeconds(3_601));

    assertEquals(1, inbox.forgetProcessedBefore(T0.plusSeconds(60)));

    assertEquals(List.of("OldUnprocessed", "Recent"), ids());
    assertEquals(List.of("OldUnprocessed"), inbox.pending(10).stream().map(EventInbox.Pending::eventId).toList());
  }

  private String body(String eventId) throws SQLException {
    try (Connection c = database.dataSource().getConnection();
        var s = c.prepareStatement("SELECT body FROM events WHERE event_id = ?")) {
      s.setString(1, eventId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private List<String> ids() throws SQLException {
    try (Connection c = database.dataSource().getConnection();
        var s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT event_id FROM events ORDER BY seq")) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }
}
