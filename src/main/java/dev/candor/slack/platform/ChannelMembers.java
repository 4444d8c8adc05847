package dev.candor.slack.platform;

/** Who is in a channel, as Slack lists its members. */
public final class ChannelMembers {
  private ChannelMembers() {}

  /**
   * Whether {@code userId} is a member of {@code channelId} (conversations.members, every page); a channel Candor
   * cannot read fails with {@link SlackCallFailed}, for the caller to decide what that means.
   */
  public static boolean listsMember(SlackGateway slack, String channelId, String userId) {
    String cursor = null;
    do {
      String page = cursor;
      var members = slack.call("conversations.members",
          c -> c.conversationsMembers(r -> r.channel(channelId).limit(1000).cursor(page)));
      if (members.getMembers() != null && members.getMembers().contains(userId)) {
        return true;
      }
      cursor = members.getResponseMetadata() == null ? null : members.getResponseMetadata().getNextCursor();
    } while (cursor != null && !cursor.isEmpty());
    return false;
  }
}
