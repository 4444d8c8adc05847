package dev.candor.incident;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Who is in each incident channel, as Candor last heard it, kept where every replica reads it: so that showing a
 * person their incidents asks the chat workspace nothing. Each word about a person is applied only over an older
 * one (by when Candor heard it), so a word heard twice changes nothing the second time, and a late one never undoes
 * a newer one.
 */
public interface ChannelMembership {

  /** {@code userId} is in {@code channelId}, as heard at {@code at} (they joined, or Candor invited them). */
  void joined(String channelId, String userId, Instant at);

  /** {@code userId} left {@code channelId} (or was removed), as heard at {@code at}. */
  void left(String channelId, String userId, Instant at);

  /**
   * The whole member list of {@code channelId}, as read from the workspace from {@code readAt} on: whoever is in it
   * is present and whoever is not has left, except where Candor heard otherwise after {@code readAt}.
   */
  void listed(String channelId, Collection<String> members, Instant readAt);

  /**
   * Whether {@code userId} is in each of {@code channelIds} whose whole member list Candor has read; a channel never
   * read is left out of the answer (nothing is known of it).
   */
  Map<String, Boolean> memberships(String userId, Collection<String> channelIds);
}
