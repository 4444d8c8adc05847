package dev.candor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.candor.incident.Severity;
import dev.candor.insights.IncidentFacts;
import dev.candor.insights.Insights;
import dev.candor.insights.Period;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nudges and messages per week, on a real SQLite file (and, in {@code NudgeWeeksOnPostgresTest}, on PostgreSQL): a
 * nudge is counted on the day it went out, a message on the day Slack stamped it, and insights add them up by the
 * week they happened in. V19 puts the counts kept before it, which have no time, on the day the channel's incident
 * was declared.
 */
class NudgeWeeksTest {
  static final Instant DECLARED = Instant.parse("2026-11-05T10:00:00Z"); // a Thursday
  static final Period PERIOD = new Period(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), ZoneOffset.UTC);

  @TempDir Path dir;

  /** A database with Candor's whole schema: a SQLite file here; a PostgreSQL one in the subclass. */
  String url() {
    return "jdbc:sqlite:" + dir.resolve("candor.db");
  }

  /** An empty database, to migrate step by step. */
  String emptyUrl() {
    return "jdbc:sqlite:" + dir.resolve("old.db");
  }

  @Test
  void nudgesAndMessages_countInTheWeekTheyHappened_notTheWeekTheIncidentWasDeclared() throws SQLException {
    try (Database db = Database.open(url())) {
      incident(db, 1, "CINC1");
      JdbcNudgeStore nudges = new JdbcNudgeStore(db.dataSource());
      nudges.countShown("rule-a", "CINC1", DECLARED.plus(Duration.ofHours(1)));
      nudges.countShown("rule-b", "CINC1", DECLARED.plus(Duration.ofHours(2)));
      nudges.countShown("rule-a", "CINC1", DECLARED.plus(Duration.ofDays(5))); // Tuesday of the next week
      for (int m = 0; m < 40; m++) {
        message(db, 1, "CINC1", DECLARED.plus(Duration.ofMinutes(m)));
      }
      for (int m = 0; m < 20; m++) {
        message(db, 1, "CINC1", DECLARED.plus(Duration.ofDays(5)).plus(Duration.ofMinutes(m)));
      }

      List<IncidentFacts> facts = new JdbcInsightsReader(db.dataSource()).declaredSince(PERIOD.start());
      assertEquals(List.of(new IncidentFacts.ChatDay(LocalDate.of(2026, 11, 5), 40, 2),
          new IncidentFacts.ChatDay(LocalDate.of(2026, 11, 10), 20, 1)), facts.get(0).chat());
      Insights in = Insights.of(facts, PERIOD, Instant.parse("2026-11-30T12:00:00Z"));
      assertEquals(List.of("2026-11-02 40 2", "2026-11-09 20 1"), in.nudges().stream()
          .filter(w -> w.messages() > 0).map(w -> w.monday() + " " + w.messages() + " " + w.nudges()).toList());
      assertEquals(3, nudges.shownIn("CINC1"), "the channel's total, for its post-mortem, as before");
    }
  }

  @Test
  void migratingV19_putsEachChannelsEarlierCount_onTheDayItsIncidentWasDeclared() throws SQLException {
    String url = emptyUrl();
    Vendor vendor = Vendor.from(url);
    Flyway.configure().dataSource(url, null, null).locations(vendor.migrations()).target("16").load().migrate();
    try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.executeUpdate(incidentRow(1, "CINC1", DECLARED));
      s.executeUpdate(incidentRow(2, "CINC2", DECLARED.plus(Duration.ofDays(9))));
      s.executeUpdate("INSERT INTO nudge_channel_counts (channel_id, shown) VALUES ('CINC1', 3)");
      s.executeUpdate("INSERT INTO nudge_channel_counts (channel_id, shown) VALUES ('CINC2', 1)");
      s.executeUpdate("INSERT INTO nudge_channel_counts (channel_id, shown) VALUES ('CNOINCIDENT', 4)");
    }

    try (Database db = Database.open(url); Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT channel_id, day, shown FROM nudge_channel_days ORDER BY channel_id")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1) + " " + LocalDate.ofEpochDay(rs.getLong(2)) + " " + rs.getLong(3));
      }
      assertEquals(List.of("CINC1 2026-11-05 3", "CINC2 2026-11-14 1"), rows,
          "a count with no incident to date it by is not a week's");
      assertEquals(3, new JdbcNudgeStore(db.dataSource()).shownIn("CINC1"));
    }
  }

  private static String incidentRow(long id, String channel, Instant declared) {
    long at = declared.toEpochMilli();
    return "INSERT INTO incidents (id, channel_id, channel_name, title, title_key, severity, state, private_channel, "
        + "declared_by, origin_channel_id, started_at, declared_at, last_update_at) VALUES (" + id + ", '" + channel
        + "', 'inc-" + id + "', 't', 't" + id + "', '" + Severity.SEV2 + "', 'RESOLVED', 0, 'U', 'C', " + at + ", "
        + at + ", " + at + ")";
  }

  private static void incident(Database db, long id, String channel) throws SQLException {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate(incidentRow(id, channel, DECLARED));
    }
  }

  private static long seq;

  private static void message(Database db, long incident, String channel, Instant at) throws SQLException {
    long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
    try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO timeline_entries (incident_id, seq, kind, entry_key, channel_id, ts, ts_micros, actor, text, "
            + "content_mac, source, recorded_at, prev_hash, hash) VALUES (?, ?, 'MESSAGE', ?, ?, ?, ?, 'U1', "
            + "'words', 'mac', 'EVENT', ?, 'prev', 'hash')")) {
      long n = ++seq;
      ps.setLong(1, incident);
      ps.setLong(2, n);
      ps.setString(3, "msg:" + n);
      ps.setString(4, channel);
      ps.setString(5, String.format("%d.%06d", at.getEpochSecond(), at.getNano() / 1000));
      ps.setLong(6, micros);
      ps.setLong(7, at.toEpochMilli());
      ps.executeUpdate();
    }
  }
}
