package dev.candor.store;

import dev.candor.catchup.CatchupLog;
import dev.candor.incident.IncidentId;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import javax.sql.DataSource;

/**
 * The catch-ups in the database every replica shares: each row is inserted once ({@code ON CONFLICT DO NOTHING},
 * atomic on SQLite and PostgreSQL alike) and never changed, so of two replicas claiming one join the first wins.
 */
public final class JdbcCatchupLog implements CatchupLog {
  private static final String PRESENT = "INSERT INTO catchups (incident_id, user_id, reason, job_token, recorded_at) "
      + "VALUES (?, ?, 'present', NULL, ?) ON CONFLICT (incident_id, user_id) DO NOTHING";
  private static final String JOINED = "INSERT INTO catchups (incident_id, user_id, reason, job_token, recorded_at) "
      + "VALUES (?, ?, 'joined', ?, ?) ON CONFLICT (incident_id, user_id) DO NOTHING";

  private final Jdbc jdbc;

  public JdbcCatchupLog(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public void present(IncidentId incident, Collection<String> users, Instant at) {
    List<String> people = List.copyOf(new LinkedHashSet<>(users));
    jdbc.inTransaction("record who was in the channel of " + incident + " at its declaration", c -> {
      for (String user : people) {
        Jdbc.update(c, PRESENT, incident.value(), user, at);
      }
      return people.size();
    });
  }

  @Override
  public boolean claim(IncidentId incident, String user, String jobToken, Instant at) {
    return jdbc.inTransaction("claim the catch-up of " + user + " in " + incident, c -> {
      Jdbc.update(c, JOINED, incident.value(), user, jobToken, at);
      List<String> holder = Jdbc.query(c, "SELECT job_token FROM catchups WHERE incident_id = ? AND user_id = ? "
          + "AND reason = 'joined'", rs -> rs.getString(1), incident.value(), user);
      return !holder.isEmpty() && jobToken.equals(holder.get(0));
    });
  }
}
