package dev.candor.slack.postmortem;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import dev.candor.incident.Incident;
import dev.candor.slack.platform.CommandReplies;
import java.util.concurrent.ExecutorService;

/** The {@code /incident} subcommands of the post-mortem: {@code postmortem} (open the draft) and {@code close}. */
public final class PostmortemCommands {
  private final PostmortemDocuments documents;
  private final IncidentClosing closing;
  private final ExecutorService background;

  PostmortemCommands(PostmortemDocuments documents, IncidentClosing closing, ExecutorService background) {
    this.documents = documents;
    this.closing = closing;
    this.background = background;
  }

  /** {@code /incident postmortem}: the draft as the channel's canvas, or a link to it; after Slack was answered. */
  public Response open(SlashCommandPayload p, SlashCommandContext ctx, Incident incident) {
    background.execute(() -> documents.open(incident, p.getUserId(), text -> CommandReplies.privately(ctx, text)));
    return ctx.ack();
  }

  /** {@code /incident close}: the record becomes final, once the post-mortem was held or declared not needed. */
  public Response close(SlashCommandPayload p, SlashCommandContext ctx) {
    return closing.command(p.getChannelId(), p.getUserId(), ctx);
  }
}
