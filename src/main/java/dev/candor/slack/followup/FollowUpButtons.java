package dev.candor.slack.followup;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.candor.followup.FollowUp;
import dev.candor.followup.FollowUpService;
import dev.candor.slack.platform.AppHome;
import dev.candor.slack.platform.Replies;
import java.util.concurrent.ExecutorService;

/**
 * [Done] and [Snooze a week] on a follow-up (in its DMs and the App Home). Only its owner's clicks count; anyone
 * else, and a click on one that is closed, is told privately why nothing changed.
 */
final class FollowUpButtons {
  private final FollowUpService followUps;
  private final FollowUpClicks clicks;
  private final ExecutorService background;
  private final AppHome home;

  /** {@code home} is published again when a button was clicked in the App Home (which has no response_url). */
  FollowUpButtons(FollowUpService followUps, FollowUpClicks clicks, ExecutorService background, AppHome home) {
    this.followUps = followUps;
    this.clicks = clicks;
    this.background = background;
    this.home = home;
  }

  public Response done(BlockActionRequest req, ActionContext ctx) {
    var click = clicks.of(req);
    if (click instanceof FollowUpClicks.Refused r) {
      tell(background, home, req, ctx, r.why());
      return ctx.ack();
    }
    FollowUp f = ((FollowUpClicks.Owned) click).followUp();
    String reply = followUps.done(f.id(), req.getPayload().getUser().getId()).map(FollowUpMessages::doneThanks)
        .orElse("That follow-up is not open any more (" + f.status().name().toLowerCase() + ").");
    answer(req, ctx, reply);
    return ctx.ack();
  }

  public Response snooze(BlockActionRequest req, ActionContext ctx) {
    var click = clicks.of(req);
    if (click instanceof FollowUpClicks.Refused r) {
      tell(background, home, req, ctx, r.why());
      return ctx.ack();
    }
    FollowUp f = ((FollowUpClicks.Owned) click).followUp();
    String reply = followUps.snooze(f.id()).map(next -> FollowUpMessages.snoozed(f, next.getEpochSecond()))
        .orElse("That follow-up is not open any more, so there is nothing to snooze.");
    answer(req, ctx, reply);
    return ctx.ack();
  }

  /** True when the button was clicked in the App Home. */
  static boolean fromHome(BlockActionRequest req) {
    var view = req.getPayload().getView();
    return view != null && "home".equals(view.getType());
  }

  /**
   * A private word to the clicker: in the App Home, on top of it as it is republished; in a DM, an ephemeral
   * message beside the one clicked, which stays as it was.
   */
  static void tell(ExecutorService background, AppHome home, BlockActionRequest req, ActionContext ctx, String text) {
    if (fromHome(req)) {
      home.refresh(req.getPayload().getUser().getId(), text);
    } else {
      Replies.later(background, ctx, r -> r.responseType("ephemeral").replaceOriginal(false).text(text));
    }
  }

  /** The outcome of a change: the DM's buttons give way to it; the App Home is republished with it on top. */
  private void answer(BlockActionRequest req, ActionContext ctx, String text) {
    if (fromHome(req)) {
      home.refresh(req.getPayload().getUser().getId(), text);
    } else {
      Replies.later(background, ctx, r -> r.replaceOriginal(true).text(text));
    }
  }
}
