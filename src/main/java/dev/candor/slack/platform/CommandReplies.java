package dev.candor.slack.platform;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers to a slash command: in its ack while Slack waits, or through its response_url afterwards. */
public final class CommandReplies {
  private static final Logger log = LoggerFactory.getLogger(CommandReplies.class);

  private CommandReplies() {}

  /** An ack only the caller sees. */
  public static Response ephemeral(SlashCommandContext ctx, String text) {
    return ctx.ack(r -> r.responseType("ephemeral").text(text));
  }

  /** A message only the caller sees, after the ack. */
  public static void privately(SlashCommandContext ctx, String text) {
    respond(ctx, "ephemeral", new SlackMessage(text, List.of()));
  }

  /** {@code message}, blocks and all, only the caller sees, after the ack. */
  public static void privately(SlashCommandContext ctx, SlackMessage message) {
    respond(ctx, "ephemeral", message);
  }

  /** {@code message} for everyone in the channel the command was typed in, after the ack. */
  public static void publicly(SlashCommandContext ctx, SlackMessage message) {
    respond(ctx, "in_channel", message);
  }

  private static void respond(SlashCommandContext ctx, String type, SlackMessage message) {
    try {
      var r = ctx.respond(b -> b.responseType(type).text(message.text())
          .blocks(message.blocks().isEmpty() ? null : message.blocks()));
      if (r.getCode() != 200) {
        log.warn("response_url answered HTTP {}", r.getCode());
      }
    } catch (IOException | RuntimeException e) {
      log.warn("response_url could not be reached: {}", e.getMessage());
    }
  }
}
