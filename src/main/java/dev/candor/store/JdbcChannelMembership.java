package dev.candor.store;

import dev.candor.incident.ChannelMembership;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Channel membership in the database every replica shares. Each write is one conditional upsert per person
 * ({@code … WHERE changed_at <= ?}), atomic on SQLite and PostgreSQL alike, so two replicas hearing about one
 * channel at once end where the newest word says, whatever order their writes land in.
 */
public final class JdbcChannelMembership implements ChannelMembership {
  /** Channels asked about in one query: well under either database's limit on parameters. */
  private static final int CHANNELS_PER_QUERY = 500;

  /** A person's word, applied over an older or equally old one: of two words heard at once, the later applied wins. */
  private static final String HEARD = "INSERT INTO channel_members (channel_id, user_id, present, changed_at) "
      + "VALUES (?, ?, ?, ?) ON CONFLICT (channel_id, user_id) DO UPDATE SET present = excluded.present, "
      + "changed_at = excluded.changed_at WHERE channel_members.changed_at <= excluded.changed_at";
  /** A list read from {@code readAt} on says less than a word heard at that very time: only older ones give way. */
  private static final String LISTED_IN = "INSERT INTO channel_members (channel_id, user_id, present, changed_at) "
      + "VALUES (?, ?, 1, ?) ON CONFLICT (channel_id, user_id) DO UPDATE SET present = 1, "
      + "changed_at = excluded.changed_at WHERE channel_members.changed_at < excluded.changed_at";
  private static final String LISTED_OUT = "UPDATE channel_members SET present = 0, changed_at = ? "
      + "WHERE channel_id = ? AND user_id = ? AND present = 1 AND changed_at < ?";

  private final Jdbc jdbc;

  public JdbcChannelMembership(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public void joined(String channelId, String userId, Instant at) {
    jdbc.inTransaction("record that " + userId + " is in " + channelId,
        c -> Jdbc.update(c, HEARD, channelId, userId, true, at));
  }

  @Override
  public void left(String channelId, String userId, Instant at) {
    jdbc.inTransaction("record that " + userId + " left " + channelId,
        c -> Jdbc.update(c, HEARD, channelId, userId, false, at));
  }

  @Override
  public void listed(String channelId, Collection<String> members, Instant readAt) {
    Set<String> listed = new LinkedHashSet<>(members);
    jdbc.inTransaction("record the members of " + channelId, c -> {
      Set<String> gone = new HashSet<>(Jdbc.query(c,
          "SELECT user_id FROM channel_members WHERE channel_id = ? AND present = 1", rs -> rs.getString(1),
          channelId));
      gone.removeAll(listed);
      batch(c, LISTED_IN, listed.stream().map(u -> new Object[] {channelId, u, readAt}).toList());
      batch(c, LISTED_OUT, gone.stream().map(u -> new Object[] {readAt, channelId, u, readAt}).toList());
      return Jdbc.update(c, "INSERT INTO channel_member_lists (channel_id, read_at) VALUES (?, ?) "
          + "ON CONFLICT (channel_id) DO UPDATE SET read_at = excluded.read_at "
          + "WHERE channel_member_lists.read_at < excluded.read_at", channelId, readAt);
    });
  }

  @Override
  public Map<String, Boolean> memberships(String userId, Collection<String> channelIds) {
    List<String> channels = new ArrayList<>(new LinkedHashSet<>(channelIds));
    Map<String, Boolean> known = new HashMap<>();
    for (int from = 0; from < channels.size(); from += CHANNELS_PER_QUERY) {
      List<String> some = channels.subList(from, Math.min(from + CHANNELS_PER_QUERY, channels.size()));
      List<Object> args = new ArrayList<>();
      args.add(userId);
      args.addAll(some);
      jdbc.scan("read which of " + some.size() + " channels " + userId + " is in",
          "SELECT l.channel_id, m.present FROM channel_member_lists l LEFT JOIN channel_members m "
              + "ON m.channel_id = l.channel_id AND m.user_id = ? WHERE l.channel_id IN ("
              + String.join(", ", Collections.nCopies(some.size(), "?")) + ")",
          rs -> {
            known.put(rs.getString(1), rs.getInt(2) == 1); // no row for the person: never seen there, not in it
            return true;
          }, args.toArray());
    }
    return known;
  }

  private static void batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Object[] row : rows) {
        Jdbc.bind(ps, row);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
