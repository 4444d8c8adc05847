package dev.candor.slack.platform;

import dev.candor.incident.ChannelMembership;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is in each incident channel, from what Candor keeps ({@link ChannelMembership}: member events, the people it
 * invites, whole lists read when it declares and every {@link MemberRefresh#EVERY} after), so that a person's
 * look at their incidents asks Slack nothing. Only a channel whose list Candor has never read (an incident from
 * before it kept lists) is read from Slack, once, at the first look that needs it.
 */
public final class KeptMembers {
  private static final Logger log = LoggerFactory.getLogger(KeptMembers.class);
  private final ChannelMembership kept;
  private final SlackGateway slack;
  private final Clock clock;

  public KeptMembers(ChannelMembership kept, SlackGateway slack, Clock clock) {
    this.kept = kept;
    this.slack = slack;
    this.clock = clock;
  }

  /**
   * Those of {@code channelIds} that {@code userId} is in. A channel Candor cannot read counts as one they are not
   * in (as for {@link PrivateChannels}): it shows nobody its incident.
   */
  public Set<String> channelsOf(String userId, Collection<String> channelIds) {
    Map<String, Boolean> known = kept.memberships(userId, channelIds);
    Set<String> in = new LinkedHashSet<>();
    for (String channel : new LinkedHashSet<>(channelIds)) {
      Boolean member = known.get(channel);
      if (member == null ? readFirst(channel, userId) : member) {
        in.add(channel);
      }
    }
    return in;
  }

  /**
   * Reads the whole member list of {@code channelId} from Slack (every page) and keeps it, as of when the read
   * began; returns it. A channel Candor can no longer read ({@link PrivateChannels#GONE}) is kept as one nobody is
   * in; any other failure is thrown, and nothing is kept.
   */
  public List<String> relist(String channelId) {
    Instant readAt = clock.instant();
    List<String> members;
    try {
      members = ChannelMembers.all(slack, channelId);
    } catch (SlackCallFailed e) {
      if (!PrivateChannels.GONE.contains(e.error())) {
        throw e;
      }
      log.info("{}: Slack answered {} to its member list; kept as a channel nobody is in", channelId, e.error());
      members = List.of();
    }
    kept.listed(channelId, members, readAt);
    return members;
  }

  /** What an event said: {@code userId} joined or left {@code channelId}, heard at {@code at}. */
  public void heard(String channelId, String userId, boolean joined, Instant at) {
    if (joined) {
      kept.joined(channelId, userId, at);
    } else {
      kept.left(channelId, userId, at);
    }
  }

  /** Candor put {@code userId} in {@code channelId} itself (the declarer, invited into a new incident channel). */
  public void added(String channelId, String userId) {
    kept.joined(channelId, userId, clock.instant());
  }

  /** A channel never read before: read now, or, when Slack fails, counted as not theirs this time. */
  private boolean readFirst(String channelId, String userId) {
    try {
      return relist(channelId).contains(userId);
    } catch (SlackCallFailed e) {
      log.warn("{}: cannot read its members ({}); its incident is left out of what {} sees this time", channelId,
          e.error(), userId);
      return false;
    }
  }
}
