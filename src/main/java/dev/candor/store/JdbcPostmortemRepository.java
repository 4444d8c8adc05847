package dev.candor.store;

import dev.candor.incident.IncidentId;
import dev.candor.postmortem.Decision;
import dev.candor.postmortem.Meeting;
import dev.candor.postmortem.Postmortem;
import dev.candor.postmortem.PostmortemRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Post-mortems in SQLite, changed only by compare-and-set on their version. */
public final class JdbcPostmortemRepository implements PostmortemRepository {
  private final Jdbc jdbc;

  public JdbcPostmortemRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public Optional<Postmortem> find(IncidentId incident) {
    return jdbc.queryOne("read the post-mortem of " + incident, "SELECT * FROM postmortems WHERE incident_id = ?",
        JdbcPostmortemRepository::postmortem, incident.value());
  }

  @Override
  public boolean save(Postmortem before, Postmortem after) {
    Meeting m = after.meeting();
    Postmortem.Document d = after.document();
    Object[] values = {after.decision(), after.decidedBy(), after.decidedAt(), after.reason(),
        m == null ? null : m.start().toString(), m == null ? null : m.length().toMinutes(),
        m == null ? null : m.facilitator(), m == null ? null : String.join(",", m.attendees()),
        m == null ? null : m.where(), after.sequence(), String.join(",", after.reminders()),
        d == null ? null : d.kind(), d == null ? null : d.id(), d == null ? null : d.link(), after.remindAt(),
        after.invited()};
    return jdbc.inTransaction("save the post-mortem of " + after.incidentId(), c -> {
      if (before.version() == 0) {
        Object[] args = new Object[values.length + 1];
        args[0] = after.incidentId().value();
        System.arraycopy(values, 0, args, 1, values.length);
        return Jdbc.update(c, "INSERT INTO postmortems (incident_id, decision, decided_by, decided_at, reason, "
            + "meeting_start, meeting_minutes, facilitator, attendees, place, sequence, reminders, document_kind, "
            + "document_id, document_link, remind_at, invited, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) "
            + "ON CONFLICT (incident_id) DO NOTHING", args) == 1;
      }
      Object[] args = Arrays.copyOf(values, values.length + 2);
      args[values.length] = after.incidentId().value();
      args[values.length + 1] = before.version();
      return Jdbc.update(c, "UPDATE postmortems SET decision = ?, decided_by = ?, decided_at = ?, reason = ?, "
          + "meeting_start = ?, meeting_minutes = ?, facilitator = ?, attendees = ?, place = ?, sequence = ?, "
          + "reminders = ?, document_kind = ?, document_id = ?, document_link = ?, remind_at = ?, invited = ?, "
          + "version = version + 1 "
          + "WHERE incident_id = ? AND version = ?", args) == 1;
    });
  }

  @Override
  public List<Postmortem> facilitatedBy(String userId, int limit) {
    return jdbc.query("read the post-mortems a person facilitates",
        "SELECT * FROM postmortems WHERE facilitator = ? AND decision = 'SCHEDULED' ORDER BY meeting_start DESC LIMIT ?",
        JdbcPostmortemRepository::postmortem, userId, limit);
  }

  private static Postmortem postmortem(ResultSet rs) throws SQLException {
    String start = rs.getString("meeting_start");
    Meeting meeting = start == null ? null : new Meeting(ZonedDateTime.parse(start),
        Duration.ofMinutes(rs.getLong("meeting_minutes")), rs.getString("facilitator"),
        list(rs.getString("attendees")), rs.getString("place"));
    String kind = rs.getString("document_kind");
    Postmortem.Document document = kind == null ? null : new Postmortem.Document(
        Postmortem.Document.Kind.valueOf(kind), rs.getString("document_id"), rs.getString("document_link"));
    return new Postmortem(new IncidentId(rs.getLong("incident_id")), Decision.valueOf(rs.getString("decision")),
        rs.getString("decided_by"), Jdbc.instant(rs, "decided_at"), rs.getString("reason"), meeting,
        rs.getInt("sequence"), list(rs.getString("reminders")), document, Jdbc.instant(rs, "remind_at"),
        rs.getInt("invited"), rs.getLong("version"));
  }

  private static List<String> list(String joined) {
    return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
  }
}
