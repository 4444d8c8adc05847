package dev.candor.slack;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.candor.followup.FollowUp;
import dev.candor.followup.FollowUpService;
import dev.candor.slack.views.FollowUpMessages;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/** [Done] and [Snooze a week] on a follow-up DM; only its owner's clicks count, and a stale click does nothing. */
public final class FollowUpButtons {
  private final FollowUpService followUps;
  private final ExecutorService background;
  private final HomeTab home;

  /** {@code home} is published again when a button was clicked in the App Home (which has no response_url). */
  public FollowUpButtons(FollowUpService followUps, ExecutorService background, HomeTab home) {
    this.followUps = followUps;
    this.background = background;
    this.home = home;
  }

  public Response done(BlockActionRequest req, ActionContext ctx) {
    Optional<FollowUp> f = owned(followUps, req);
    if (f.isEmpty()) {
      return ctx.ack();
    }
    String reply = followUps.done(f.get().id(), req.getPayload().getUser().getId()).map(FollowUpMessages::doneThanks)
        .orElse("That follow-up is not open any more (" + f.get().status().name().toLowerCase() + ").");
    answer(req, ctx, reply);
    return ctx.ack();
  }

  public Response snooze(BlockActionRequest req, ActionContext ctx) {
    Optional<FollowUp> f = owned(followUps, req);
    if (f.isEmpty()) {
      return ctx.ack();
    }
    String reply = followUps.snooze(f.get().id()).map(next -> FollowUpMessages.snoozed(f.get(), next.getEpochSecond()))
        .orElse("That follow-up is not open any more, so there is nothing to snooze.");
    answer(req, ctx, reply);
    return ctx.ack();
  }

  /** The follow-up a button names (its value is the id), when the person clicking owns it. */
  static Optional<FollowUp> owned(FollowUpService followUps, BlockActionRequest req) {
    var p = req.getPayload();
    if (p.getActions() == null || p.getActions().isEmpty() || p.getUser() == null) {
      return Optional.empty();
    }
    try {
      long id = Long.parseLong(p.getActions().get(0).getValue());
      return followUps.byId(id).filter(f -> f.owner().equals(p.getUser().getId()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** True when the button was clicked in the App Home. */
  static boolean fromHome(BlockActionRequest req) {
    var view = req.getPayload().getView();
    return view != null && "home".equals(view.getType());
  }

  private void answer(BlockActionRequest req, ActionContext ctx, String text) {
    if (fromHome(req)) {
      home.opened(req.getPayload().getUser().getId());
    } else {
      Replies.later(background, ctx, r -> r.replaceOriginal(true).text(text));
    }
  }
}
