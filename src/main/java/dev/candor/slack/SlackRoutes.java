package dev.candor.slack;

import com.slack.api.bolt.App;
import dev.candor.slack.views.DeclareModalView;
import dev.candor.slack.views.FollowUpForms;
import dev.candor.slack.views.FollowUpMessages;
import dev.candor.slack.views.HomeView;
import dev.candor.slack.views.NudgeMessages;
import dev.candor.slack.views.PostmortemMessages;
import dev.candor.slack.views.PostmortemModals;
import dev.candor.slack.views.StatusUpdateForm;
import dev.candor.slack.views.TimelineModalView;
import java.util.List;

/** Everything Candor answers in Slack, registered in one place; the manifest test reads these lists. */
public final class SlackRoutes {
  /** Slash commands Candor handles. */
  public static final List<String> COMMANDS = List.of(IncidentCommand.NAME);
  /** Bot events Candor subscribes to (the manifest's {@code bot_events}). */
  public static final List<String> BOT_EVENTS = List.of("message.channels", "message.groups", "reaction_added",
      "reaction_removed", "pin_added", "pin_removed", "member_joined_channel", "app_home_opened");
  /** Callback ids of the message shortcuts in the manifest. */
  public static final List<String> MESSAGE_SHORTCUTS = List.of(AddToTimelineShortcut.CALLBACK_ID);

  private SlackRoutes() {}

  public static void register(App app, EventIntake intake, IncidentCommand incidentCommand,
      DeclareModal declareModal, AddToTimelineShortcut addToTimeline, TimelineModal timelineModal,
      NotBlameButton notBlame, FollowUpButtons followUpButtons, FollowUpAddForm addFollowUp,
      FollowUpChangeForms changeFollowUp, PostmortemButtons postmortemButtons, PostmortemForms postmortemForms,
      IncidentClosing closing, HomeStatusUpdate homeStatus, HomePostmortemButtons homePostmortems) {
    // Every event is stored, then acknowledged, whatever its type or subtype, before any handler:
    // an event left to Bolt's routing without a handler would be answered 404 and redelivered.
    app.use(new ErrorReplies());
    app.use(intake);
    app.command(IncidentCommand.NAME, incidentCommand::handle);
    app.viewSubmission(DeclareModalView.CALLBACK_ID, declareModal::handle);
    app.messageShortcut(AddToTimelineShortcut.CALLBACK_ID, addToTimeline::handle);
    app.blockAction(TimelineModalView.PREVIOUS, timelineModal::turn);
    app.blockAction(TimelineModalView.NEXT, timelineModal::turn);
    app.blockAction(NudgeMessages.NOT_BLAME, notBlame::handle);
    app.blockAction(FollowUpMessages.DONE, followUpButtons::done);
    app.blockAction(FollowUpMessages.SNOOZE, followUpButtons::snooze);
    app.blockAction(PostmortemMessages.SCHEDULE, postmortemButtons::schedule);
    app.blockAction(PostmortemMessages.RESCHEDULE, postmortemButtons::schedule);
    app.blockAction(PostmortemMessages.NOT_NEEDED, postmortemButtons::notNeeded);
    app.blockAction(PostmortemMessages.REMIND_TOMORROW, postmortemButtons::remindTomorrow);
    app.blockAction(PostmortemMessages.OPEN, postmortemButtons::open);
    app.viewSubmission(PostmortemModals.SCHEDULE_CALLBACK, postmortemForms::schedule);
    app.viewSubmission(PostmortemModals.NOT_NEEDED_CALLBACK, postmortemForms::notNeeded);
    app.blockAction(PostmortemMessages.CLOSE_ANYWAY, closing::closeAnyway);
    app.blockAction(PostmortemMessages.NOT_YET, closing::notYet);
    app.blockAction(FollowUpMessages.EDIT, changeFollowUp::editButton);
    app.blockAction(FollowUpMessages.REASSIGN, changeFollowUp::reassignButton);
    app.blockAction(FollowUpMessages.ADD, addFollowUp::button);
    app.viewSubmission(FollowUpForms.ADD, addFollowUp::submit);
    app.viewSubmission(FollowUpForms.EDIT, changeFollowUp::submitEdit);
    app.viewSubmission(FollowUpForms.REASSIGN, changeFollowUp::submitReassign);
    // a link button still sends its click, which must be answered (else Slack marks it failed); the link does the rest
    app.blockAction(HomeView.OPEN_CHANNEL, (req, ctx) -> ctx.ack());
    app.blockAction(HomeView.POST_UPDATE, homeStatus::button);
    app.viewSubmission(StatusUpdateForm.CALLBACK, homeStatus::submit);
    app.blockAction(HomeView.OPEN_POSTMORTEM, homePostmortems::open);
    app.blockAction(HomeView.SCHEDULE_POSTMORTEM, homePostmortems::schedule);
  }
}
