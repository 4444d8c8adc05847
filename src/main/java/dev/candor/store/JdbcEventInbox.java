package dev.candor.store;

import dev.candor.timeline.EventInbox;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** The event inbox in SQLite: one row per event_id, committed before the ack. */
public final class JdbcEventInbox implements EventInbox {
  private final Jdbc jdbc;

  public JdbcEventInbox(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public boolean accept(String eventId, int retryNum, String body, Instant receivedAt) {
    return jdbc.inTransaction("store event " + eventId, c -> Jdbc.update(c,
        "INSERT INTO events (event_id, received_at, retry_num, body) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT (event_id) DO NOTHING", eventId, receivedAt, retryNum, body) == 1);
  }

  @Override
  public List<Pending> pending(int limit) {
    return jdbc.query("read pending events",
        "SELECT seq, event_id, body FROM events WHERE processed_at IS NULL ORDER BY seq LIMIT ?",
        rs -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3)), limit);
  }

  @Override
  public void markProcessed(long seq, Instant at) {
    jdbc.inTransaction("mark event " + seq + " processed",
        c -> Jdbc.update(c, "UPDATE events SET processed_at = ? WHERE seq = ?", at, seq));
  }
}
