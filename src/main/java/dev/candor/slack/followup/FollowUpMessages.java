package dev.candor.slack.followup;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import dev.candor.followup.FollowUp;
import dev.candor.incident.Incident;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.slack.platform.SlackMessage;
import dev.candor.trackers.TrackerIssue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Follow-up messages: the announcement, the owner's DMs with their buttons, the list. */
public final class FollowUpMessages {
  public static final String DONE = "followup_done";
  public static final String SNOOZE = "followup_snooze";
  public static final String EDIT = "followup_edit";
  public static final String REASSIGN = "followup_reassign";
  /** Opens the add form for the incident whose channel is the button's value. */
  public static final String ADD = "followup_add";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

  private FollowUpMessages() {}

  public static String line(FollowUp f) {
    return "*" + Mrkdwn.words(f.title()) + "* — " + Mrkdwn.user(f.owner()) + ", " + f.level().label() + ", due "
        + DAY.format(f.due());
  }

  /** A link to a follow-up's issue in the tracker ({@code <https://github.com/o/r/issues/12|o/r#12>}). */
  public static String issueLink(TrackerIssue issue) {
    String url = issue.url();
    if (!url.matches("https?://[^\\s<>|]+")) {
      return Mrkdwn.escape(issue.key());
    }
    return "<" + url.replace("&", "&amp;") + "|" + Mrkdwn.escape(issue.key()) + ">";
  }

  /** In the incident channel: a follow-up was added. */
  public static SlackMessage added(FollowUp f, String by) {
    String text = ":dart: " + Mrkdwn.user(by) + " added a follow-up: " + line(f) + ".";
    return new SlackMessage(text, List.of(Mrkdwn.section(text)));
  }

  /**
   * The owner's DM when it is assigned: who gave it to them, the incident with a link to its channel, and the
   * follow-up — which names its level and due date, not its owner, who is reading it.
   */
  public static SlackMessage assigned(FollowUp f, Incident incident) {
    return assigned(f, incident, Optional.empty());
  }

  /** {@link #assigned(FollowUp, Incident)}, naming its issue in the tracker when it has one. */
  public static SlackMessage assigned(FollowUp f, Incident incident, Optional<TrackerIssue> issue) {
    String who = f.createdBy() == null || f.createdBy().equals(f.owner()) ? "you added it yourself"
        : Mrkdwn.user(f.createdBy()) + " assigned it to you";
    String text = ":dart: You own a follow-up of " + incident.id() + " (" + Mrkdwn.words(incident.title())
        + ", in " + Mrkdwn.channel(incident.channelId()) + "); " + who + ": *" + Mrkdwn.words(f.title()) + "* — "
        + f.level().label() + ", due " + DAY.format(f.due()) + "." + tracked(issue) + " I'll remind you before it's due.";
    return withButtons(text, f);
  }

  /** " Tracked as <link>." when the follow-up has an issue in the tracker, else nothing. */
  static String tracked(Optional<TrackerIssue> issue) {
    return issue.map(i -> " Tracked as " + issueLink(i) + ".").orElse("");
  }

  /** The owner's reminder: before, on, or after the due date. */
  public static SlackMessage reminder(FollowUp f, Incident incident, LocalDate today) {
    return reminder(f, incident, today, Optional.empty());
  }

  /** {@link #reminder(FollowUp, Incident, LocalDate)}, naming its issue in the tracker when it has one. */
  public static SlackMessage reminder(FollowUp f, Incident incident, LocalDate today, Optional<TrackerIssue> issue) {
    long overdue = f.daysOverdue(today);
    String when = overdue < 0 ? "is due in " + (-overdue) + (overdue == -1 ? " day" : " days")
        : overdue == 0 ? "is due today" : "was due " + overdue + (overdue == 1 ? " day" : " days") + " ago";
    String text = ":alarm_clock: Reminder: *" + Mrkdwn.words(f.title()) + "* (" + incident.id() + ", "
        + f.level().label() + ") " + when + "." + tracked(issue);
    return withButtons(text, f);
  }

  /** The owner's DM when someone handed them a follow-up. */
  public static SlackMessage reassignedToYou(FollowUp f, Incident incident, String by) {
    return reassignedToYou(f, incident, by, Optional.empty());
  }

  /** {@link #reassignedToYou(FollowUp, Incident, String)}, naming its issue in the tracker when it has one. */
  public static SlackMessage reassignedToYou(FollowUp f, Incident incident, String by, Optional<TrackerIssue> issue) {
    String text = ":dart: " + Mrkdwn.user(by) + " handed you a follow-up of " + incident.id() + " ("
        + Mrkdwn.words(incident.title()) + "): " + line(f) + "." + tracked(issue) + " I'll remind you before it's due.";
    return withButtons(text, f);
  }

  private static SlackMessage withButtons(String text, FollowUp f) {
    return new SlackMessage(text, List.of(Mrkdwn.section(text), buttons(f, true)));
  }

  /** [Done] [Snooze a week] [Edit] [Reassign] for {@code f}; {@code primary} colours [Done]. */
  public static LayoutBlock buttons(FollowUp f, boolean primary) {
    String id = Long.toString(f.id());
    return actions(a -> a.elements(List.of(
        button(b -> b.actionId(DONE).value(id).style(primary ? "primary" : null).text(plainText("Done"))),
        button(b -> b.actionId(SNOOZE).value(id).text(plainText("Snooze a week"))),
        button(b -> b.actionId(EDIT).value(id).text(plainText("Edit"))),
        button(b -> b.actionId(REASSIGN).value(id).text(plainText("Reassign"))))));
  }

  /** In the incident channel: a follow-up's title, due date or level changed. */
  public static SlackMessage edited(FollowUp before, FollowUp after, String by) {
    List<String> changes = new ArrayList<>();
    if (!before.title().equals(after.title())) {
      changes.add("renamed from \"" + Mrkdwn.words(before.title()) + "\"");
    }
    if (!before.due().equals(after.due())) {
      changes.add("due " + DAY.format(before.due()) + " → " + DAY.format(after.due()));
    }
    if (before.level() != after.level()) {
      changes.add("level " + before.level().label() + " → " + after.level().label());
    }
    String text = ":pencil2: " + Mrkdwn.user(by) + " changed follow-up #" + after.id() + " *"
        + Mrkdwn.words(after.title()) + "*: " + String.join("; ", changes) + ".";
    return new SlackMessage(text, List.of(Mrkdwn.section(text)));
  }

  /** In the incident channel: a follow-up has a new owner. */
  public static SlackMessage reassigned(FollowUp before, FollowUp after, String by) {
    String text = ":handshake: " + Mrkdwn.user(by) + " handed follow-up #" + after.id() + " *"
        + Mrkdwn.words(after.title()) + "* from " + Mrkdwn.user(before.owner()) + " to " + Mrkdwn.user(after.owner())
        + " (due " + DAY.format(after.due()) + ").";
    return new SlackMessage(text, List.of(Mrkdwn.section(text)));
  }

  /** What to say to someone clicking a follow-up that is done or dropped. */
  public static String notOpen(FollowUp f) {
    return "Follow-up #" + f.id() + " (*" + Mrkdwn.words(f.title()) + "*) is "
        + f.status().name().toLowerCase(Locale.ROOT) + " already; nothing was changed.";
  }

  /** {@code /incident followups}. */
  public static String list(Incident incident, List<FollowUp> followUps, Instant now) {
    return list(incident, followUps, Map.of(), now);
  }

  /** {@link #list(Incident, List, Instant)}, each follow-up with its issue in the tracker where {@code issues} has one. */
  public static String list(Incident incident, List<FollowUp> followUps, Map<Long, TrackerIssue> issues,
      Instant now) {
    if (followUps.isEmpty()) {
      return incident.id() + " has no follow-ups yet. Add one: `/incident followup @alex friday add a "
          + "pre-deploy check #process`";
    }
    StringBuilder out = new StringBuilder("*Follow-ups of " + incident.id() + "*");
    for (FollowUp f : followUps) {
      String status = switch (f.status()) {
        case OPEN -> f.daysOverdue(LocalDate.ofInstant(now, f.ownerZone())) > 0 ? " :warning: overdue" : "";
        case DONE -> " :white_check_mark: done";
        case DROPPED -> " dropped" + (f.dropReason() == null ? "" : ": " + Mrkdwn.words(f.dropReason()));
      };
      String row = "\n• #" + f.id() + " " + line(f) + status
          + (issues.containsKey(f.id()) ? " · " + issueLink(issues.get(f.id())) : "");
      if (out.length() + row.length() > 2_900) {
        out.append("\n…and more.");
        break;
      }
      out.append(row);
    }
    return out.toString();
  }

  /** In the incident channel: a follow-up was dropped, by whom and why. */
  public static SlackMessage dropped(FollowUp f, String by) {
    String text = ":wastebasket: " + Mrkdwn.user(by) + " dropped follow-up #" + f.id() + " " + line(f) + ": "
        + Mrkdwn.words(f.dropReason() == null ? "" : f.dropReason());
    return new SlackMessage(text, List.of(Mrkdwn.section(text)));
  }

  /** In the incident channel: a follow-up is open again (its issue was reopened in the tracker, by {@code by}). */
  public static SlackMessage reopened(FollowUp f, String by) {
    String who = by != null && by.contains(":") ? Mrkdwn.words(by.substring(by.indexOf(':') + 1)) + " in "
        + Mrkdwn.words(by.substring(0, by.indexOf(':'))) : Mrkdwn.user(by);
    String text = ":arrows_counterclockwise: Follow-up #" + f.id() + " " + line(f) + " is open again: " + who
        + " reopened it.";
    return new SlackMessage(text, List.of(Mrkdwn.section(text)));
  }

  public static String doneThanks(FollowUp f) {
    return ":tada: Done: *" + Mrkdwn.words(f.title()) + "*. Thank you — that's the learning landing.";
  }

  public static String snoozed(FollowUp f, long epochSecond) {
    return ":zzz: Snoozed *" + Mrkdwn.words(f.title()) + "*: the next reminder comes <!date^" + epochSecond
        + "^{date_short_pretty} at {time}|in a week>. The due date stays " + DAY.format(f.due()) + ".";
  }
}
