package dev.candor.slack.postmortem;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import dev.candor.followup.FollowUp;
import dev.candor.followup.Level;
import dev.candor.incident.Durations;
import dev.candor.incident.Incident;
import dev.candor.incident.SeverityScale;
import dev.candor.postmortem.Decision;
import dev.candor.postmortem.Meeting;
import dev.candor.postmortem.Postmortem;
import dev.candor.postmortem.PostmortemService;
import dev.candor.slack.followup.FollowUpMessages;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.slack.platform.SlackMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The post-mortem's messages: the prompt and its buttons, the meeting, the checklist, closing, the summary. */
final class PostmortemMessages {
  public static final String SCHEDULE = "postmortem_schedule";
  public static final String NOT_NEEDED = "postmortem_not_needed";
  public static final String REMIND_TOMORROW = "postmortem_remind_tomorrow";
  public static final String OPEN = "postmortem_open";
  public static final String RESCHEDULE = "postmortem_reschedule";
  public static final String CLOSE_ANYWAY = "postmortem_close_anyway";
  public static final String NOT_YET = "postmortem_not_yet";
  /** How Candor's scheduled reminders begin, up to the incident's id: a rescheduling finds them all by it. */
  public static final String REMINDER_MARK = ":alarm_clock: The post-mortem of ";

  private PostmortemMessages() {}

  /** In the channel after a resolution (and again later while nobody decides). */
  public static SlackMessage prompt(Incident incident, int step, Instant now) {
    String took = Durations.words(incident.duration(now));
    String text = (switch (step) {
      case PostmortemService.FIRST -> ":white_check_mark: " + incident.id() + " was resolved after " + took + ". ";
      case PostmortemService.REMINDED -> ":alarm_clock: As asked yesterday: will " + incident.id() + " ("
          + Mrkdwn.words(incident.title()) + ") get a post-mortem? ";
      default -> ":hourglass: Still undecided: will " + incident.id() + " get a post-mortem? ";
    })
        + PITCH;
    return new SlackMessage(text, List.of(Mrkdwn.section(Mrkdwn.clip(text, 3_000)), promptButtons(incident)));
  }

  /** Why a post-mortem is worth it, asked after a resolution. */
  static final String PITCH = "A post-mortem turns what happened into learning — a written narrative, a real "
      + "meeting with a blameless facilitator, and follow-ups at every level, not only in the code.";

  /**
   * The question a resolution's own announcement carries while nobody has decided about a post-mortem: the pitch
   * and the three buttons, attached to the news so that resolving is one message.
   */
  static SlackMessage attachedToResolution(Incident incident) {
    return new SlackMessage(PITCH, List.of(promptButtons(incident)));
  }

  private static LayoutBlock promptButtons(Incident incident) {
    String id = incident.id().toString();
    return actions(a -> a.blockId("postmortem_prompt").elements(List.of(
        button(b -> b.actionId(SCHEDULE).value(id).style("primary").text(plainText("Schedule post-mortem"))),
        button(b -> b.actionId(NOT_NEEDED).value(id).text(plainText("Not needed…"))),
        button(b -> b.actionId(REMIND_TOMORROW).value(id).text(plainText("Remind me tomorrow"))))));
  }

  /** The commander's DM when the channel still has not decided. */
  public static SlackMessage askCommander(Incident incident) {
    String text = ":memo: Nobody has decided yet whether " + incident.id() + " (" + Mrkdwn.words(incident.title())
        + ") gets a post-mortem. The buttons are in " + Mrkdwn.channel(incident.channelId())
        + ": schedule one, or say why it isn't needed — either is fine, as long as it is a decision.";
    return plain(text);
  }

  /** In the channel: the meeting, with the way to open the document or move the meeting. */
  public static SlackMessage meeting(Incident incident, Meeting m, boolean moved, List<String> reminders) {
    StringBuilder text = new StringBuilder(":calendar: The post-mortem of " + incident.id() + " is "
        + (moved ? "*moved* to " : "scheduled for ") + "*" + Mrkdwn.date(m.start(), "{date_long_pretty} at {time}") + "* (" + Durations.words(m.length()) + ")");
    text.append(m.where().isBlank() ? "." : ", " + Mrkdwn.words(m.where()) + ".");
    text.append("\nFacilitator: ").append(Mrkdwn.user(m.facilitator()));
    if (!m.attendees().isEmpty()) {
      text.append("\nInvited: ").append(String.join(", ", m.attendees().stream().map(Mrkdwn::user).toList()));
    }
    text.append(reminders.isEmpty() ? "\nIt is too soon for reminders; the invite (.ics) follows."
        : "\nI'll remind this channel " + String.join(" and ", reminders) + "; the invite (.ics) follows.");
    String body = Mrkdwn.clip(text.toString(), 3_000);
    String id = incident.id().toString();
    return new SlackMessage(body, List.of(
        Mrkdwn.section(body),
        actions(a -> a.elements(List.of(
            button(b -> b.actionId(OPEN).value(id).style("primary").text(plainText("Open post-mortem"))),
            button(b -> b.actionId(RESCHEDULE).value(id).text(plainText("Reschedule"))))))));
  }

  /** A reminder Slack posts in the channel at {@code postAt}, before the meeting. */
  public static String reminder(Incident incident, Meeting m, Instant postAt) {
    Duration ahead = Duration.between(postAt, m.start().toInstant());
    String when = ahead.compareTo(Duration.ofHours(1)) <= 0 ? "in " + Durations.words(ahead)
        : "tomorrow at " + Mrkdwn.date(m.start(), "{time}");
    return REMINDER_MARK + incident.id() + " (" + Mrkdwn.words(incident.title()) + ") starts "
        + when + (m.where().isBlank() ? "" : ", " + Mrkdwn.words(m.where())) + ". Facilitator: "
        + Mrkdwn.user(m.facilitator()) + ".";
  }

  /** In a private incident's channel: the facilitator can't see it yet. */
  public static SlackMessage facilitatorNotInChannel(String facilitator) {
    return plain(":lock: " + Mrkdwn.user(facilitator) + " isn't in this private channel, so I haven't told them "
        + "anything about it. Invite them (`/invite`) so they can read the timeline and prepare; the [Open "
        + "post-mortem] button above opens the draft.");
  }

  /** In the channel, when the facilitator's DM could not be sent. */
  public static SlackMessage checklistUndelivered(String facilitator) {
    return plain(":warning: I couldn't DM " + Mrkdwn.user(facilitator) + " the facilitator's checklist. Someone "
        + "please make sure they know they are facilitating, and that they read the timeline first.");
  }

  /** The facilitator's DM: what to prepare, and how to keep the meeting blameless. */
  public static SlackMessage facilitatorChecklist(Incident incident, Meeting m) {
    String text = ":wave: You are facilitating the post-mortem of " + incident.id() + " (" + Mrkdwn.words(incident.title())
        + "), " + Mrkdwn.date(m.start(), "{date_long_pretty} at {time}")
        + ". Thank you — this is how the team learns.\n\n"
        + "*Before the meeting*\n"
        + "• Open the draft from " + Mrkdwn.channel(incident.channelId()) + " ([Open post-mortem] or "
        + "`/incident postmortem`) and read the timeline.\n"
        + "• Ask one or two people to write the narrative of what happened, in their own words.\n"
        + "• Note the questions the timeline leaves open, at every level: organization, culture, process, "
        + "engineering practice, software.\n"
        + "• Make sure the people closest to the incident can come — and feel safe to.\n\n"
        + "*In the meeting*\n"
        + "• Start by saying it out loud: we are here to learn how the system made this possible, not who to blame.\n"
        + "• Ask \"how\" and \"what made that a reasonable thing to do at the time\", not \"why didn't you\".\n"
        + "• When someone blames themselves, thank them and turn to the conditions around them.\n"
        + "• Look past the first cause: what made it likely, and what made it hard to notice or stop?\n"
        + "• End with follow-ups that have an owner, a due date and a level: `/incident followup`.";
    return plain(Mrkdwn.clip(text, 3_000));
  }

  /** The ephemeral question before closing an incident whose post-mortem is not settled. */
  public static SlackMessage confirmClose(Incident incident, Postmortem p) {
    String where = p.scheduledMeeting()
        .map(m -> "Its post-mortem is scheduled for " + Mrkdwn.date(m.start(), "{date_short_pretty} at {time}") + " and hasn't been held yet.")
        .orElse("Nobody has scheduled its post-mortem or said why none is needed.");
    String text = ":thinking_face: Close " + incident.id() + " now? " + where
        + " Closing makes the record final; the choice to close first is recorded.";
    String id = incident.id().toString();
    return new SlackMessage(text, List.of(
        Mrkdwn.section(text),
        actions(a -> a.elements(List.of(
            button(b -> b.actionId(CLOSE_ANYWAY).value(id).style("danger").text(plainText("Close anyway"))),
            button(b -> b.actionId(NOT_YET).value(id).text(plainText("Not yet"))))))));
  }

  /** The summary for {@code POSTMORTEMS_CHANNEL} when an incident closes. */
  public static SlackMessage published(Incident incident, Postmortem p, List<FollowUp> followUps) {
    return published(incident, p, followUps, SeverityScale.defaults());
  }

  /** As above, naming the severity as the team's {@code scale} does. */
  public static SlackMessage published(Incident incident, Postmortem p, List<FollowUp> followUps,
      SeverityScale scale) {
    List<LayoutBlock> blocks = new ArrayList<>();
    String head = ":books: *" + incident.id() + ": " + Mrkdwn.words(incident.title()) + "* — "
        + Mrkdwn.words(scale.level(incident.severity()).name()) + ", resolved after " + Durations.words(incident.duration(incident.times().resolved()))
        + ", closed. " + Mrkdwn.channel(incident.channelId());
    String doc = p.openedDocument()
        .map(d -> d.link() == null || d.link().isBlank() ? "The post-mortem document is in the channel."
            : "<" + d.link() + "|The post-mortem document>")
        .orElse(p.decision() == Decision.NOT_NEEDED
            ? "No post-mortem: " + Mrkdwn.words(p.reason() == null ? "" : p.reason())
            : "No post-mortem document was opened.");
    blocks.add(Mrkdwn.section(Mrkdwn.clip(head + "\n" + doc, 3_000)));
    Map<Level, List<FollowUp>> byLevel = new EnumMap<>(Level.class);
    followUps.stream().filter(f -> f.status() != FollowUp.Status.DROPPED)
        .forEach(f -> byLevel.computeIfAbsent(f.level(), l -> new ArrayList<>()).add(f));
    StringBuilder fu = new StringBuilder(byLevel.isEmpty() ? "_No follow-ups._" : "*Follow-ups*");
    byLevel.forEach((level, list) -> {
      fu.append("\n*").append(capital(level.label())).append("*");
      list.forEach(f -> fu.append("\n• ").append(FollowUpMessages.line(f))
          .append(f.status() == FollowUp.Status.DONE ? " :white_check_mark:" : ""));
    });
    String follow = Mrkdwn.clip(fu.toString(), 3_000);
    blocks.add(Mrkdwn.section(follow));
    return new SlackMessage(Mrkdwn.clip(head + "\n" + doc, 3_000), blocks);
  }

  /** In the channel: where the draft is. */
  public static SlackMessage documentOpened(Incident incident, Postmortem.Document d, String by) {
    String link = d.link() == null || d.link().isBlank() ? "" : " <" + d.link() + "|Open it>.";
    String text = switch (d.kind()) {
      case CANVAS -> ":memo: " + Mrkdwn.user(by) + " opened the post-mortem draft of " + incident.id()
          + " as this channel's canvas." + link + " The summary is left for you to write as a narrative; the "
          + "timeline and prompts are filled in.";
      case EXISTING_CANVAS -> ":memo: " + Mrkdwn.user(by) + " opened the post-mortem of " + incident.id() + ". This "
          + "channel already had a canvas, so I left it as it was:" + link + " The draft, built from the record, is "
          + "shared here as a Markdown file to paste into it.";
      case FILE -> ":memo: " + Mrkdwn.user(by) + " opened the post-mortem draft of " + incident.id() + " as a "
          + "Markdown file in this channel (this workspace can't have channel canvases)." + link + " The summary is "
          + "left for you to write as a narrative; the timeline and prompts are filled in.";
    };
    return plain(text);
  }

  /** The reply to someone opening a draft that already exists. */
  public static String documentExists(Postmortem.Document d) {
    String what = d.kind() == Postmortem.Document.Kind.FILE ? "a file in this channel" : "the channel's canvas";
    return ":memo: The post-mortem draft is " + what + (d.link() == null || d.link().isBlank() ? "." : ": <" + d.link() + "|open it>.");
  }

  private static String capital(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static SlackMessage plain(String text) {
    return new SlackMessage(text, List.of(Mrkdwn.section(text)));
  }
}
