package dev.candor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.candor.testing.Eventually;
import dev.candor.timeline.EventInbox;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class JdbcEventInboxTest {
  static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");

  @TempDir Path dir;
  Database database;
  JdbcEventInbox inbox;

  /** The database the tests run on: a SQLite file here; a PostgreSQL one in {@code JdbcEventInboxOnPostgresTest}. */
  String url() {
    return "jdbc:sqlite:" + dir.resolve("candor.db");
  }

  @BeforeEach
  void open() {
    database = Database.open(url());
    inbox = new JdbcEventInbox(database.dataSource(), "test");
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
    List<EventInbox.Pending> pending = inbox.claim(10, T0);

    inbox.markProcessed(List.of(pending.get(0).seq()), T0.plusSeconds(1));

    assertEquals("", body("Ev1"));
    assertEquals("{\"event\":{\"text\":\"still waiting\"}}", body("Ev2"));
    assertFalse(inbox.accept("Ev1", 1, "{\"event\":{\"text\":\"db password is hunter2\"}}", T0.plusSeconds(60)));
    assertEquals(List.of("Ev2"), inbox.claim(10, T0).stream().map(EventInbox.Pending::eventId).toList());
  }

  @Test
  void eventsClaimedByAProcessThatIsGone_areClaimedAgainAtOnce_whenTheirClaimsAreReleased() {
    inbox.accept("Ev1", 0, "{}", T0);
    inbox.accept("Ev2", 0, "{}", T0);
    assertEquals(List.of("Ev1", "Ev2"), inbox.claim(10, T0).stream().map(EventInbox.Pending::eventId).toList());
    try (JdbcEventInbox restarted = new JdbcEventInbox(database.dataSource(), "restarted")) {
      assertEquals(List.of(), restarted.claim(10, T0.plusSeconds(1)), "claimed by the process before, for its lease");

      assertEquals(2, restarted.releaseClaimsOfTheDead());

      assertEquals(List.of("Ev1", "Ev2"),
          restarted.claim(10, T0.plusSeconds(1)).stream().map(EventInbox.Pending::eventId).toList());
      assertEquals(List.of(), inbox.claim(10, T0.plusSeconds(1)), "the old claimant's claims are gone");
    }
  }

  @Test
  void forgetting_dropsOnlyProcessedEventsReceivedBeforeTheCutOff() throws SQLException {
    inbox.accept("Old", 0, "{}", T0);
    inbox.accept("OldUnprocessed", 0, "{}", T0);
    inbox.accept("Recent", 0, "{}", T0.plusSeconds(3_600));
    List<EventInbox.Pending> pending = inbox.claim(10, T0);
    inbox.markProcessed(List.of(pending.get(0).seq(), pending.get(2).seq()), T0.plusSeconds(3_601));

    assertEquals(1, inbox.forgetProcessedBefore(T0.plusSeconds(60)));

    assertEquals(List.of("OldUnprocessed", "Recent"), ids());
    assertEquals(List.of("OldUnprocessed"), inbox.claim(10, T0).stream().map(EventInbox.Pending::eventId).toList());
  }

  @Test
  void whileTheDatabaseIsLocked_atMostTheBoundWaitsInMemory_inEventsAndInBytes_andTheInboxSaysSoOnce()
      throws Exception {
    JdbcEventInbox small = new JdbcEventInbox(database.dataSource(), "test", JdbcEventInbox.CLAIM_LEASE, 3, 1_000);
    ListAppender<ILoggingEvent> logs = listen(JdbcEventInbox.class);
    ReentrantLock locked = Jdbc.writeLock(database.dataSource());
    ExecutorService senders = Executors.newFixedThreadPool(3);
    locked.lock(); // the writer cannot commit: what arrives waits in memory
    try {
      List<Future<Boolean>> waitingOnes = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String id = "Ev" + i;
        waitingOnes.add(senders.submit(() -> small.accept(id, 0, "{}", T0)));
      }
      Eventually.await(() -> small.waiting() == 3, "three events waiting for the writer");

      // refused at once, not after the wait that answers 503 with StoreException
      assertThrows(EventInbox.Full.class, () -> small.accept("Ev3", 0, "{}", T0));
      assertThrows(EventInbox.Full.class, () -> small.accept("Ev4", 0, "{}", T0));
      for (Future<Boolean> f : waitingOnes) {
        ExecutionException e = assertThrows(ExecutionException.class, f::get); // answered 503 after their wait
        assertInstanceOf(StoreException.class, e.getCause());
      }
      assertEquals(3, small.waiting()); // still held, to be stored once the database is free
    } finally {
      locked.unlock();
      senders.shutdownNow();
    }
    Eventually.await(() -> small.waiting() == 0, "the waiting events stored");
    assertEquals(List.of("Ev0", "Ev1", "Ev2"), ids().stream().sorted().toList());

    // and in bytes: a body bigger than the bound is refused, one within it stored
    assertThrows(EventInbox.Full.class, () -> small.accept("Big", 0, "x".repeat(501), T0));
    assertTrue(small.accept("Fits", 0, "x".repeat(500), T0));
    small.close();

    List<String> full = logs.list.stream().map(ILoggingEvent::getFormattedMessage)
        .filter(m -> m.startsWith("the event inbox is full")).toList();
    assertEquals(2, full.size(), "once while the database was locked, once for the big body: " + full);
    assertTrue(full.get(0).contains("3 events"), full.get(0));
  }

  private static ListAppender<ILoggingEvent> listen(Class<?> type) {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    ((Logger) LoggerFactory.getLogger(type)).addAppender(appender);
    return appender;
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
