package dev.candor.slack.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Who is in a channel, as Slack lists its members. */
public final class ChannelMembers {
  private static final int PAGE = 1000;

  private ChannelMembers() {}

  /**
   * Whether {@code userId} is a member of {@code channelId} (conversations.members, every page until they are found);
   * a channel Candor cannot read fails with {@link SlackCallFailed}, for the caller to decide what that means.
   */
  public static boolean listsMember(SlackGateway slack, String channelId, String userId) {
    return !pages(slack, channelId, page -> !page.contains(userId));
  }

  /** Every member of {@code channelId} (conversations.members, every page); failures as {@link #listsMember}. */
  public static List<String> all(SlackGateway slack, String channelId) {
    List<String> all = new ArrayList<>();
    pages(slack, channelId, all::addAll);
    return all;
  }

  /** Hands each page of members to {@code more}, while it answers true; true when every page was read. */
  private static boolean pages(SlackGateway slack, String channelId, Predicate<List<String>> more) {
    String cursor = null;
    do {
      String page = cursor;
      var members = slack.call("conversations.members",
          c -> c.conversationsMembers(r -> r.channel(channelId).limit(PAGE).cursor(page)));
      if (!more.test(members.getMembers() == null ? List.of() : members.getMembers())) {
        return false;
      }
      cursor = SlackJobMessages.nextCursor(members.getResponseMetadata());
    } while (cursor != null);
    return true;
  }
}
