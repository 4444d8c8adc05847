package dev.candor.store;

import dev.candor.followup.FollowUp;
import dev.candor.followup.FollowUpRepository;
import dev.candor.followup.Level;
import dev.candor.incident.IncidentId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Follow-ups in SQLite. */
public final class JdbcFollowUpRepository implements FollowUpRepository {
  private final Jdbc jdbc;

  public JdbcFollowUpRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public FollowUp insert(FollowUp f) {
    long id = jdbc.inTransaction("add a follow-up to " + f.incidentId(), c -> Jdbc.insert(c,
        "INSERT INTO followups (incident_id, title, owner, owner_zone, due, level, status, drop_reason, created_by, "
            + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        f.incidentId().value(), f.title(), f.owner(), f.ownerZone().getId(), f.due().toString(), f.level(),
        f.status(), f.dropReason(), f.createdBy(), f.createdAt()));
    return byId(id).orElseThrow();
  }

  @Override
  public Optional<FollowUp> byId(long id) {
    return jdbc.queryOne("read follow-up " + id, "SELECT * FROM followups WHERE id = ?",
        JdbcFollowUpRepository::followUp, id);
  }

  @Override
  public List<FollowUp> forIncident(IncidentId incident) {
    return jdbc.query("read the follow-ups of " + incident,
        "SELECT * FROM followups WHERE incident_id = ? ORDER BY status = 'OPEN' DESC, due, id",
        JdbcFollowUpRepository::followUp, incident.value());
  }

  @Override
  public List<FollowUp> openFor(String owner) {
    return jdbc.query("read the open follow-ups of a person",
        "SELECT * FROM followups WHERE owner = ? AND status = 'OPEN' ORDER BY due, id LIMIT 200",
        JdbcFollowUpRepository::followUp, owner);
  }

  @Override
  public List<FollowUp> open() {
    return jdbc.query("read the open follow-ups",
        "SELECT * FROM followups WHERE status = 'OPEN' ORDER BY due, id LIMIT 5000", JdbcFollowUpRepository::followUp);
  }

  @Override
  public boolean close(long id, FollowUp.Status status, String reason) {
    return jdbc.inTransaction("close follow-up " + id, c -> Jdbc.update(c,
        "UPDATE followups SET status = ?, drop_reason = ?, version = version + 1 WHERE id = ? AND status = 'OPEN'",
        status, reason, id) == 1);
  }

  @Override
  public boolean reopen(long id) {
    return jdbc.inTransaction("reopen follow-up " + id, c -> Jdbc.update(c,
        "UPDATE followups SET status = 'OPEN', drop_reason = NULL, version = version + 1 WHERE id = ? AND status <> 'OPEN'",
        id) == 1);
  }

  @Override
  public boolean update(FollowUp before, FollowUp after) {
    return jdbc.inTransaction("change follow-up " + before.id(), c -> Jdbc.update(c,
        "UPDATE followups SET title = ?, owner = ?, owner_zone = ?, due = ?, level = ?, version = version + 1 "
            + "WHERE id = ? AND version = ? AND status = 'OPEN'",
        after.title(), after.owner(), after.ownerZone().getId(), after.due().toString(), after.level(), before.id(),
        before.version()) == 1);
  }

  @Override
  public boolean redactTitle(long id, String title, String replacement) {
    return jdbc.inTransaction("redact the title of follow-up " + id, c -> Jdbc.update(c,
        "UPDATE followups SET title = ? WHERE id = ? AND title = ?", replacement, id, title) == 1);
  }

  @Override
  public boolean redactDropReason(long id, String reason, String replacement) {
    return jdbc.inTransaction("redact why follow-up " + id + " was dropped", c -> Jdbc.update(c,
        "UPDATE followups SET drop_reason = ? WHERE id = ? AND drop_reason = ?", replacement, id, reason) == 1);
  }

  private static FollowUp followUp(ResultSet rs) throws SQLException {
    return new FollowUp(rs.getLong("id"), new IncidentId(rs.getLong("incident_id")), rs.getString("title"),
        rs.getString("owner"), ZoneId.of(rs.getString("owner_zone")), LocalDate.parse(rs.getString("due")),
        Level.valueOf(rs.getString("level")), FollowUp.Status.valueOf(rs.getString("status")),
        rs.getString("drop_reason"), rs.getString("created_by"), Jdbc.instant(rs, "created_at"), rs.getLong("version"));
  }
}
