package dev.candor.store;

import dev.candor.nudge.NudgeStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/** Nudge state in SQLite. */
public final class JdbcNudgeStore implements NudgeStore {
  private final Jdbc jdbc;

  public JdbcNudgeStore(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public boolean enabled(String channelId) {
    return jdbc.queryOne("read the nudge switch of " + channelId,
        "SELECT enabled FROM nudge_channels WHERE channel_id = ?", rs -> rs.getInt(1) != 0, channelId).orElse(true);
  }

  @Override
  public void setEnabled(String channelId, boolean enabled, String by, Instant at) {
    jdbc.inTransaction("switch nudges in " + channelId, c -> Jdbc.update(c,
        "INSERT INTO nudge_channels (channel_id, enabled, changed_by, changed_at) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT (channel_id) DO UPDATE SET enabled = excluded.enabled, changed_by = excluded.changed_by, "
            + "changed_at = excluded.changed_at", channelId, enabled, by, at));
  }

  @Override
  public boolean claim(String userId, String channelId, Instant now, Duration cooldown) {
    return jdbc.inTransaction("claim a reply for a person in " + channelId, c -> {
      // what the cooldown needs and nothing older: forget replies whose cooldown is over
      Jdbc.update(c, "DELETE FROM nudge_cooldowns WHERE last_at <= ?", now.minus(cooldown));
      return Jdbc.update(c, "INSERT INTO nudge_cooldowns (user_id, channel_id, last_at) VALUES (?, ?, ?) "
          + "ON CONFLICT (user_id, channel_id) DO NOTHING", userId, channelId, now) == 1;
    });
  }

  @Override
  public void countShown(String ruleId, String channelId, Instant at) {
    jdbc.inTransaction("count a reply in " + channelId, c -> {
      Jdbc.update(c, "INSERT INTO nudge_rule_counts (rule_id, shown) VALUES (?, 1) "
          + "ON CONFLICT (rule_id) DO UPDATE SET shown = nudge_rule_counts.shown + 1", ruleId);
      Jdbc.update(c, "INSERT INTO nudge_channel_days (channel_id, day, shown) VALUES (?, ?, 1) "
          + "ON CONFLICT (channel_id, day) DO UPDATE SET shown = nudge_channel_days.shown + 1", channelId,
          LocalDate.ofInstant(at, ZoneOffset.UTC).toEpochDay());
      return Jdbc.update(c, "INSERT INTO nudge_channel_counts (channel_id, shown) VALUES (?, 1) "
          + "ON CONFLICT (channel_id) DO UPDATE SET shown = nudge_channel_counts.shown + 1", channelId);
    });
  }

  @Override
  public long shownIn(String channelId) {
    return jdbc.queryOne("count the replies in " + channelId,
        "SELECT shown FROM nudge_channel_counts WHERE channel_id = ?", rs -> rs.getLong(1), channelId).orElse(0L);
  }

  @Override
  public void countMedium(String ruleId) {
    count(ruleId, "counted");
  }

  @Override
  public boolean countNotBlame(String ruleId, String nudgeToken) {
    return jdbc.inTransaction("count a nudge that was not blame", c -> {
      if (Jdbc.update(c, "INSERT INTO nudge_answers (token) VALUES (?) ON CONFLICT (token) DO NOTHING",
          nudgeToken) == 0) {
        return false;
      }
      Jdbc.update(c, "INSERT INTO nudge_rule_counts (rule_id, not_blame) VALUES (?, 1) "
          + "ON CONFLICT (rule_id) DO UPDATE SET not_blame = nudge_rule_counts.not_blame + 1", ruleId);
      return true;
    });
  }

  private void count(String ruleId, String column) {
    jdbc.inTransaction("count rule " + ruleId, c -> Jdbc.update(c,
        "INSERT INTO nudge_rule_counts (rule_id, " + column + ") VALUES (?, 1) "
            + "ON CONFLICT (rule_id) DO UPDATE SET " + column + " = nudge_rule_counts." + column + " + 1", ruleId));
  }

  @Override
  public List<RuleCount> counts() {
    return jdbc.query("read the nudge counts",
        "SELECT rule_id, shown, counted, not_blame FROM nudge_rule_counts ORDER BY not_blame DESC, rule_id",
        rs -> new RuleCount(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
  }
}
