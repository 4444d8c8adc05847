package dev.candor.slack.incident;

import dev.candor.incident.IncidentWorkspace;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackGateway;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Incident channels in Slack: create, with a clash reported as such; invite, tolerating "already". */
public final class SlackIncidentWorkspace implements IncidentWorkspace {
  private static final Logger log = LoggerFactory.getLogger(SlackIncidentWorkspace.class);
  private static final Set<String> INVITE_NO_OPS = Set.of("already_in_channel", "cant_invite_self");
  private final SlackGateway slack;

  public SlackIncidentWorkspace(SlackGateway slack) {
    this.slack = slack;
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
