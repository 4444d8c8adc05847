package dev.candor.slack.paging;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import dev.candor.incident.Incident;
import dev.candor.paging.Paging;
import dev.candor.slack.platform.CommandReplies;
import dev.candor.slack.platform.Mrkdwn;

/** {@code /incident page <service or routing key> [message]}: pages by hand; the channel hears PagerDuty's answer. */
public final class PagingCommands {
  private final Paging paging;

  PagingCommands(Paging paging) {
    this.paging = paging;
  }

  public Response page(SlashCommandPayload p, SlashCommandContext ctx, Incident incident, String target,
      String message) {
    Paging.Asked asked = paging.pageByHand(incident, target, message, p.getUserId());
    if (asked instanceof Paging.Sent sent) {
      return CommandReplies.ephemeral(ctx, "Paging " + Mrkdwn.escape(sent.target())
          + " through PagerDuty; this channel will hear what PagerDuty answers.");
    }
    return CommandReplies.ephemeral(ctx, Mrkdwn.escape(((Paging.NotSent) asked).why()));
  }
}
