package dev.candor.slack.catchup;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import dev.candor.catchup.Catchups;
import dev.candor.incident.Incident;
import dev.candor.incident.SeverityScale;
import dev.candor.slack.platform.CommandReplies;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /incident catchup}: the incident's catch-up, only for the person who asked, built after Slack was answered. */
public final class CatchupCommands {
  private static final Logger log = LoggerFactory.getLogger(CatchupCommands.class);
  private final Catchups catchups;
  private final ExecutorService background;
  private final SeverityScale scale;

  CatchupCommands(Catchups catchups, ExecutorService background, SeverityScale scale) {
    this.scale = scale;
    this.catchups = catchups;
    this.background = background;
  }

  /** The catch-up of {@code incident}, the incident of the channel the command was typed in. */
  public Response show(SlashCommandPayload p, SlashCommandContext ctx, Incident incident) {
    background.execute(() -> {
      try {
        CommandReplies.privately(ctx, CatchupView.message(catchups.of(incident), scale));
      } catch (RuntimeException e) {
        log.warn("{}: the catch-up for {} failed: {}", incident.id(), p.getUserId(), e.toString());
        CommandReplies.privately(ctx, "I couldn't put the catch-up together just now. Try again in a moment, or "
            + "use `/incident timeline`.");
      }
    });
    return ctx.ack();
  }
}
