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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * What insights read, in four queries over the incidents declared since a day (never a query per incident): the
 * incidents with their post-mortem, their follow-ups, their channels' messages per day and nudges per day. Reads only; names
 * no person.
 */
public final class JdbcInsightsReader implements InsightsSource {
  private static final long MICROS_A_DAY = 86_400_000_000L;
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
    final List<IncidentFacts.FollowUpFacts> followUps = new ArrayList<>();
  }

  @Override
  public List<IncidentFacts> declaredSince(Instant from) {
    Map<Long, Row> rows = new LinkedHashMap<>();
    jdbc.scan("read incidents for insights", "SELECT i.id, i.channel_id, i.severity, i.state, i.private_channel, "
        + "i.started_at, i.declared_at, i.mitigated_at, i.resolved_at, p.decision, p.meeting_start, p.reason "
        + "FROM incidents i LEFT JOIN postmortems p ON p.incident_id = i.id "
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
    // messages by the UTC day Slack stamped them (their ts in microseconds), nudges by the day they went out
    Map<Long, Map<Long, long[]>> chat = new HashMap<>();
    jdbc.scan("count messages for insights", "SELECT t.incident_id, t.ts_micros / " + MICROS_A_DAY
        + " AS msg_day, COUNT(*) AS messages FROM timeline_entries t JOIN incidents i ON i.id = t.incident_id "
        + "WHERE i.declared_at >= ? AND t.kind = 'MESSAGE' GROUP BY t.incident_id, msg_day", rs -> {
          day(chat, rs.getLong("incident_id"), rs.getLong("msg_day"))[0] += rs.getLong("messages");
          return true;
        }, from);
    Map<String, List<Long>> byChannel = new HashMap<>();
    rows.forEach((id, r) -> byChannel.computeIfAbsent(r.channelId, c -> new ArrayList<>()).add(id));
    jdbc.scan("count nudges for insights", "SELECT n.channel_id, n.day, n.shown FROM nudge_channel_days n "
        + "WHERE n.day >= ?", rs -> {
          for (long id : byChannel.getOrDefault(rs.getString("channel_id"), List.of())) {
            day(chat, id, rs.getLong("day"))[1] += rs.getLong("shown");
          }
          return true;
        }, LocalDate.ofInstant(from, ZoneOffset.UTC).toEpochDay());
    List<IncidentFacts> out = new ArrayList<>(rows.size());
    rows.forEach((id, r) -> out.add(new IncidentFacts(r.severity, r.state, r.privateChannel, r.channelId, r.started,
        r.declared, r.mitigated, r.resolved, r.decision, r.meetingStart, r.reason, r.followUps,
        days(chat.getOrDefault(id, Map.of())))));
    return out;
  }

  /** The messages and nudges of incident {@code id} on {@code epochDay}, counted into. */
  private static long[] day(Map<Long, Map<Long, long[]>> chat, long id, long epochDay) {
    return chat.computeIfAbsent(id, i -> new TreeMap<>()).computeIfAbsent(epochDay, d -> new long[2]);
  }

  private static List<IncidentFacts.ChatDay> days(Map<Long, long[]> counts) {
    List<IncidentFacts.ChatDay> out = new ArrayList<>(counts.size());
    counts.forEach((d, c) -> out.add(new IncidentFacts.ChatDay(LocalDate.ofEpochDay(d), c[0], c[1])));
    return out;
  }

  @Override
  public boolean facilitates(String userId) {
    return jdbc.queryOne("find whether someone facilitates", "SELECT 1 FROM incidents WHERE commander = ? "
        + "UNION ALL SELECT 1 FROM postmortems WHERE facilitator = ? LIMIT 1", rs -> true, userId, userId)
        .isPresent();
  }
}
