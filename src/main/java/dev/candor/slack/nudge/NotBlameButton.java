package dev.candor.slack.nudge;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.candor.nudge.NudgeService;
import dev.candor.slack.platform.Replies;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** [Not blame] on a nudge: counted for the rule (no text, no person), and the nudge says thanks instead. */
final class NotBlameButton {
  /** The rule id, then the nudge's token (absent on nudges sent before there were tokens). */
  private static final Pattern VALUE = Pattern.compile(
      "([a-z0-9][a-z0-9-]{0,99})(?:" + NudgeMessages.TOKEN_MARK + "([0-9a-f-]{36}))?");

  private final NudgeService nudges;
  private final ExecutorService background;

  NotBlameButton(NudgeService nudges, ExecutorService background) {
    this.nudges = nudges;
    this.background = background;
  }

  public Response handle(BlockActionRequest req, ActionContext ctx) {
    var actions = req.getPayload().getActions();
    String value = actions == null || actions.isEmpty() ? null : actions.get(0).getValue();
    Matcher v = value == null ? null : VALUE.matcher(value);
    if (v == null || !v.matches()) {
      return ctx.ack();
    }
    // a nudge sent before nudges had tokens is counted as it always was
    String token = v.group(2) != null ? v.group(2) : UUID.randomUUID().toString();
    boolean counted = nudges.notBlame(v.group(1), token);
    Replies.later(background, ctx, r -> r.replaceOriginal(true).responseType("ephemeral")
        .text(counted ? NudgeMessages.thanksForFeedback() : NudgeMessages.feedbackCountedAlready()));
    return ctx.ack();
  }
}
