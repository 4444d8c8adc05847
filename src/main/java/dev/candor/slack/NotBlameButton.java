package dev.candor.slack;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.candor.nudge.NudgeService;
import dev.candor.slack.views.NudgeMessages;
import java.util.concurrent.ExecutorService;

/** [Not blame] on a nudge: counted for the rule (no text, no person), and the nudge says thanks instead. */
public final class NotBlameButton {
  private final NudgeService nudges;
  private final ExecutorService background;

  public NotBlameButton(NudgeService nudges, ExecutorService background) {
    this.nudges = nudges;
    this.background = background;
  }

  public Response handle(BlockActionRequest req, ActionContext ctx) {
    var actions = req.getPayload().getActions();
    String ruleId = actions == null || actions.isEmpty() ? null : actions.get(0).getValue();
    if (ruleId == null || !ruleId.matches("[a-z0-9][a-z0-9-]{0,99}")) {
      return ctx.ack();
    }
    nudges.notBlame(ruleId);
    Replies.later(background, ctx,
        r -> r.replaceOriginal(true).responseType("ephemeral").text(NudgeMessages.thanksForFeedback()));
    return ctx.ack();
  }
}
