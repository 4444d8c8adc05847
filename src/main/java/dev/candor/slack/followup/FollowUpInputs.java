package dev.candor.slack.followup;

import dev.candor.followup.DueDates;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.slack.platform.People;
import dev.candor.slack.platform.SlackGateway;
import dev.candor.slack.platform.UserZones;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** What the command and the forms both check before a follow-up is stored or changed: its owner and its due date. */
final class FollowUpInputs {
  static final String DUE_EXAMPLES = "2026-12-01, today, tomorrow, a weekday such as friday, or in 3 days / in 2 weeks";

  private FollowUpInputs() {}

  /** An owner who can own a follow-up, with the time zone their reminders follow; or what to tell the caller. */
  record Owner(String id, ZoneId zone, String problem) {}

  /** A due date, or what to tell the caller. */
  record Due(LocalDate date, String problem) {}

  /** Looks {@code userId} up (an active member of the workspace) and reads their time zone. */
  static Owner owner(SlackGateway slack, String userId, String example) {
    People.Lookup found = People.find(slack, userId, example);
    if (found.problem() != null) {
      return new Owner(userId, null, found.problem());
    }
    if (found.user().isBot() || "USLACKBOT".equals(userId)) {
      return new Owner(userId, null, Mrkdwn.user(userId) + " is a bot; a follow-up needs a person to own it.");
    }
    return new Owner(userId, UserZones.ofProfile(found.user().getTz()), null);
  }

  /**
   * The due date {@code typed} (the grammar of the command), or else {@code picked} (a date picker's
   * {@code YYYY-MM-DD}, which the edit form prefills), read against {@code today} in the owner's zone. Not in the past, unless it is
   * {@code unchanged} (an overdue follow-up may keep its date while its title changes). {@code owner}, a user
   * id, is named when the date is in the past.
   */
  static Due due(String typed, String picked, LocalDate today, String owner, LocalDate unchanged) {
    String text = typed == null ? "" : typed.strip();
    LocalDate fromText = null;
    if (!text.isEmpty()) {
      fromText = DueDates.parse(text, today).orElse(null);
      if (fromText == null) {
        return new Due(null, "I can't read `" + Mrkdwn.escape(text.replace("`", "'")) + "` as a date. Use "
            + DUE_EXAMPLES + ".");
      }
    }
    LocalDate due = fromText != null ? fromText : parse(picked);
    if (due == null) {
      return new Due(null, "Pick a due date, or type one such as friday or in 2 weeks.");
    }
    if (due.isBefore(today) && !due.equals(unchanged)) {
      return new Due(null, "That date is in the past for " + Mrkdwn.user(owner) + " (their today is " + today
          + "). Give a date from today on.");
    }
    return new Due(due, null);
  }

  private static LocalDate parse(String picked) {
    try {
      return picked == null || picked.isBlank() ? null : LocalDate.parse(picked.strip());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A problem worded for a form's inline error, which shows plain text: no mentions, no code marks. */
  static String forForm(String problem) {
    String plain = problem.replaceAll("<@[A-Z0-9]+(\\|[^>]*)?>", "that person").replace("`", "").strip();
    plain = plain.endsWith(":") ? plain.substring(0, plain.length() - 1) + "." : plain;
    return Character.toUpperCase(plain.charAt(0)) + plain.substring(1);
  }
}
