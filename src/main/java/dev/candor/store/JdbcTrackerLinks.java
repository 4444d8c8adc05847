package dev.candor.store;

import dev.candor.trackers.TrackerIssue;
import dev.candor.trackers.TrackerLinks;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** Follow-ups and their issues, in {@code tracker_issues}: one issue per follow-up, its first link kept. */
public final class JdbcTrackerLinks implements TrackerLinks {
  private final Jdbc jdbc;

  public JdbcTrackerLinks(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public Optional<TrackerIssue> of(long followUp) {
    return jdbc.queryOne("read the issue of follow-up " + followUp,
        "SELECT tracker, issue_key, issue_url FROM tracker_issues WHERE follow_up_id = ?",
        rs -> new TrackerIssue(rs.getString("tracker"), rs.getString("issue_key"), rs.getString("issue_url")),
        followUp);
  }

  @Override
  public void link(long followUp, TrackerIssue issue, Instant at) {
    jdbc.inTransaction("link follow-up " + followUp + " to " + issue.key(), c -> Jdbc.update(c,
        "INSERT INTO tracker_issues (follow_up_id, tracker, issue_key, issue_url, linked_at) VALUES (?, ?, ?, ?, ?) "
            + "ON CONFLICT DO NOTHING", followUp, issue.tracker(), issue.key(), issue.url(), at));
  }

  @Override
  public Optional<Long> followUpOf(String tracker, String key) {
    return jdbc.queryOne("read the follow-up of " + key,
        "SELECT follow_up_id FROM tracker_issues WHERE tracker = ? AND issue_key = ?", rs -> rs.getLong(1), tracker,
        key);
  }
}
