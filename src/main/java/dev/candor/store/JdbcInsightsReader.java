package dev.candor.store;

import dev.candor.followup.FollowUp;
import dev.candor.followup.Level;
import dev.candor.incident.IncidentState;
import dev.candor.incident.Severity;
import dev.candor.insights.IncidentFacts;
import dev.candor.insights.InsightsSource;
import dev.candor.postmortem.Decision;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What insights read, in three queries over the incidents declared since a day (never a query per incident): the
 * incidents with their post-mortem and nudge count, their follow-ups, and their message counts. Reads only; names
 * no person.
 */
public final class JdbcInsightsReader implements InsightsSource {
  private final Jdbc jdbc;

  public JdbcInsightsReader(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /** An incident as read, before its follow-ups and messages are joined to it. */
  private static final class Row {
    Severity severity;
    IncidentState state;
    boolean privateChannel;
    String channelId;
    Instant started;
    Instant declared;
    Instant mitigated;
    Instant resolved;
    Decision decision;
    Instant meetingStart;
    String reason;
    long nudges;
    long messages;
    final List<IncidentFacts.FollowUpFacts> followUps = new ArrayList<>();
  }

  @Override
  public List<IncidentFacts> declaredSince(Instant from) {
    Map<Long, Row> rows = new LinkedHashMap<>();
    jdbc.scan("read incidents for insights", "SELECT i.id, i.channel_id, i.severity, i.state, i.private_channel, "
        + "i.started_at, i.declared_at, i.mitigated_at, i.resolved_at, p.decision, p.meeting_start, p.reason, "
        + "n.shown FROM incidents i LEFT JOIN postmortems p ON p.incident_id = i.id "
        + "LEFT JOIN nudge_channel_counts n ON n.channel_id = i.channel_id "
        + "WHERE i.declared_at >= ? ORDER BY i.declared_at, i.id", rs -> {
          Row r = new Row();
          r.channelId = rs.getString("channel_id");
          r.severity = Severity.valueOf(rs.getString("severity"));
          r.state = IncidentState.valueOf(rs.getString("state"));
          r.privateChannel = rs.getInt("private_channel") != 0;
          r.started = Jdbc.instant(rs, "started_at");
          r.declared = Jdbc.instant(rs, "declared_at");
          r.mitigated = Jdbc.instant(rs, "mitigated_at");
          r.resolved = Jdbc.instant(rs, "resolved_at");
          String decision = rs.getString("decision");
          r.decision = decision == null ? Decision.PENDING : Decision.valueOf(decision);
          String start = rs.getString("meeting_start");
          r.meetingStart = start == null ? null : ZonedDateTime.parse(start).toInstant();
          r.reason = rs.getString("reason");
          r.nudges = rs.getLong("shown");
          rows.put(rs.getLong("id"), r);
          return true;
        }, from);
    if (rows.isEmpty()) {
      return List.of();
    }
    jdbc.scan("read follow-ups for insights", "SELECT f.incident_id, f.level, f.status, f.due, f.created_at "
        + "FROM followups f JOIN incidents i ON i.id = f.incident_id WHERE i.declared_at >= ?", rs -> {
          Row r = rows.get(rs.getLong("incident_id"));
          if (r != null) {
            r.followUps.add(new IncidentFacts.FollowUpFacts(Level.valueOf(rs.getString("level")),
                FollowUp.Status.valueOf(rs.getString("status")), LocalDate.parse(rs.getString("due")),
                Jdbc.instant(rs, "created_at")));
          }
          return true;
        }, from);
    Map<Long, Long> messages = new HashMap<>();
    jdbc.scan("count messages for insights", "SELECT t.incident_id, COUNT(*) AS messages FROM timeline_entries t "
        + "JOIN incidents i ON i.id = t.incident_id WHERE i.declared_at >= ? AND t.kind = 'MESSAGE' "
        + "GROUP BY t.incident_id", rs -> {
          messages.put(rs.getLong("incident_id"), rs.getLong("messages"));
          return true;
        }, from);
    List<IncidentFacts> out = new ArrayList<>(rows.size());
    rows.forEach((id, r) -> out.add(new IncidentFacts(r.severity, r.state, r.privateChannel, r.channelId, r.started,
        r.declared, r.mitigated, r.resolved, r.decision, r.meetingStart, r.reason, r.followUps,
        messages.getOrDefault(id, 0L), r.nudges)));
    return out;
  }

  @Override
  public boolean facilitates(String userId) {
    return jdbc.queryOne("find whether someone facilitates", "SELECT 1 FROM incidents WHERE commander = ? "
        + "UNION ALL SELECT 1 FROM postmortems WHERE facilitator = ? LIMIT 1", rs -> true, userId, userId)
        .isPresent();
  }
}
