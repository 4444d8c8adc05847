package dev.candor.slack.timeline;

import com.slack.api.bolt.context.builtin.MessageShortcutContext;
import com.slack.api.bolt.request.builtin.MessageShortcutRequest;
import com.slack.api.bolt.response.Response;
import dev.candor.incident.IncidentService;
import dev.candor.incident.IncidentUpdate;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.slack.platform.Replies;
import java.util.concurrent.ExecutorService;

/** The message shortcut "Add to timeline": marks a message of an incident channel as a key event. */
final class AddToTimelineShortcut {
  public static final String CALLBACK_ID = "add_to_timeline";
  private final IncidentService incidents;
  private final ExecutorService background;

  AddToTimelineShortcut(IncidentService incidents, ExecutorService background) {
    this.incidents = incidents;
    this.background = background;
  }

  public Response handle(MessageShortcutRequest req, MessageShortcutContext ctx) {
    var p = req.getPayload();
    String channel = p.getChannel().getId();
    String reply;
    if (incidents.inChannel(channel).isEmpty()) {
      reply = "\"Add to timeline\" only works in an incident channel. Declare one with " + Mrkdwn.code("/incident declare <title>") + ".";
    } else {
      var message = p.getMessage();
      var result = incidents.update(channel, p.getUser().getId(),
          new IncidentUpdate.MarkKeyEvent(message.getTs(), message.getUser(), message.getText()));
      reply = result instanceof IncidentService.Updated u
          ? "Marked as a key event of " + u.incident().id() + "."
          : "I couldn't mark that message; try again in a moment.";
    }
    String text = reply;
    Replies.later(background, ctx, r -> r.responseType("ephemeral").text(text));
    return ctx.ack();
  }
}
