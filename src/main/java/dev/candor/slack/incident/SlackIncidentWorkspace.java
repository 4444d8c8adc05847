package dev.candor.slack.incident;

import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import dev.candor.incident.IncidentWorkspace;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackGateway;
import dev.candor.slack.platform.SlackJobMessages;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Incident channels in Slack: create, with a clash reported as such; invite, tolerating "already". */
public final class SlackIncidentWorkspace implements IncidentWorkspace {
  private static final Logger log = LoggerFactory.getLogger(SlackIncidentWorkspace.class);
  private static final Set<String> INVITE_NO_OPS = Set.of("already_in_channel", "cant_invite_self");
  private static final int LIST_PAGE = 1000;
  private final SlackGateway slack;
  private final String botUserId;

  /** {@code botUserId} is Candor's own user: the creator of the channels it makes. */
  public SlackIncidentWorkspace(SlackGateway slack, String botUserId) {
    this.slack = slack;
    this.botUserId = botUserId;
  }

  @Override
  public ChannelCreation createChannel(String name, boolean privateChannel) {
    try {
      var created = slack.call("conversations.create",
          c -> c.conversationsCreate(r -> r.name(name).isPrivate(privateChannel)));
      return new Created(created.getChannel().getId(), created.getChannel().getName());
    } catch (SlackCallFailed e) {
      if ("name_taken".equals(e.error())) {
        return new NameTaken();
      }
      throw e;
    }
  }

  /** Looks through the channels Candor can see (conversations.list, every page) for one it created under the name. */
  @Override
  public Optional<Created> ownChannelNamed(String name, boolean privateChannel) {
    String cursor = null;
    do {
      String page = cursor;
      var listed = slack.call("conversations.list", c -> c.conversationsList(r -> r
          .types(List.of(privateChannel ? ConversationType.PRIVATE_CHANNEL : ConversationType.PUBLIC_CHANNEL))
          .excludeArchived(true).limit(LIST_PAGE).cursor(page)));
      for (Conversation channel : listed.getChannels() == null ? List.<Conversation>of() : listed.getChannels()) {
        if (name.equals(channel.getName()) && botUserId.equals(channel.getCreator()) && !channel.isArchived()) {
          log.info("{} ({}) is a channel Candor made, with no incident: adopting it", name, channel.getId());
          return Optional.of(new Created(channel.getId(), channel.getName()));
        }
      }
      cursor = SlackJobMessages.nextCursor(listed.getResponseMetadata());
    } while (cursor != null);
    return Optional.empty();
  }

  @Override
  public void invite(String channelId, String userId) {
    try {
      slack.call("conversations.invite", c -> c.conversationsInvite(r -> r.channel(channelId).users(List.of(userId))));
    } catch (SlackCallFailed e) {
      if (!INVITE_NO_OPS.contains(e.error())) {
        // The incident stands without them; they can join the channel themselves.
        log.warn("inviting {} to {} failed: {}", userId, channelId, e.error());
      }
    }
  }
}
