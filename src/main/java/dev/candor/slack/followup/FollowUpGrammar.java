package dev.candor.slack.followup;

import dev.candor.followup.DueDates;
import dev.candor.followup.Level;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.slack.platform.SlackText;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what follows {@code /incident followup} into what the person asked for, or says what to type instead:
 * {@code <@owner> <due> <title> [#level]}, {@code drop <number> <reason>}, or nothing (the form).
 */
public final class FollowUpGrammar {
  /** How to add a follow-up, shown wherever one was typed wrong. */
  public static final String EXAMPLE = "`/incident followup @alex friday add a pre-deploy check #process`";

  private static final Pattern MENTION = Pattern.compile("<@([UW][A-Z0-9]+)(?:\\|[^>]*)?>");
  private static final Pattern LEVEL_TAG = Pattern.compile("(?:^|\\s)(#[A-Za-z][A-Za-z-]*)\\s*$");
  private static final Pattern IN_N =
      Pattern.compile("(?i)^(in\\s+\\d+\\s+(?:days?|weeks?))(?:\\s+|$)(.*)$", Pattern.DOTALL);

  private FollowUpGrammar() {}

  /** What the person asked of the incident's follow-ups. */
  public sealed interface Request {}

  /** A follow-up for {@code owner}, due as {@code due} says (read in the owner's time zone). */
  public record Add(String owner, String due, String title, Level level) implements Request {}

  /** Drop follow-up {@code id} of this incident, for {@code reason}. */
  public record Drop(long id, String reason) implements Request {}

  /** The incident's follow-ups. */
  public record ListAll() implements Request {}

  /** {@code /incident followup} alone: the form to add one. */
  public record OpenForm() implements Request {}

  /** Not a request: what to type instead. */
  public record Invalid(String message) implements Request {}

  /** {@code raw} is the text after the word {@code followup}, as Slack sends it (with mention markup). */
  public static Request parse(String raw) {
    if (raw.isEmpty()) {
      return new OpenForm();
    }
    String[] parts = raw.split("\\s+", 2);
    if (parts[0].equalsIgnoreCase("drop")) {
      return drop(parts.length > 1 ? parts[1].strip() : "");
    }
    Matcher mention = MENTION.matcher(parts[0]);
    if (!mention.matches()) {
      return new Invalid("Start with the owner, picked from Slack's @ menu, then the due date and what to do: "
          + EXAMPLE);
    }
    String rest = parts.length > 1 ? parts[1].strip() : "";
    String due;
    Matcher in = IN_N.matcher(rest);
    if (in.matches()) {
      due = in.group(1);
      rest = in.group(2).strip();
    } else {
      String[] dueAndRest = rest.split("\\s+", 2);
      due = dueAndRest[0];
      rest = dueAndRest.length > 1 ? dueAndRest[1].strip() : "";
    }
    if (due.isEmpty() || DueDates.parse(due, LocalDate.of(2000, 1, 1)).isEmpty()) {
      return new Invalid("I can't read the due date `" + Mrkdwn.escape(SlackText.plain(due)) + "`. Use 2026-12-01, "
          + "today, tomorrow, a weekday such as friday, or in 3 days / in 2 weeks: " + EXAMPLE);
    }
    return titleAndLevel(mention.group(1), due, rest);
  }

  private static Request drop(String numberAndReason) {
    String[] idAndReason = numberAndReason.split("\\s+", 2);
    String number = idAndReason[0].startsWith("#") ? idAndReason[0].substring(1) : idAndReason[0];
    if (!number.matches("\\d{1,9}") || idAndReason.length < 2 || idAndReason[1].isBlank()) {
      return new Invalid("Name the follow-up by its number in `/incident followups`, and say why it is dropped: "
          + "`/incident followup drop 12 covered by the platform migration`");
    }
    return new Drop(Long.parseLong(number), SlackText.words(idAndReason[1].strip()));
  }

  private static Request titleAndLevel(String owner, String due, String rest) {
    String title = SlackText.words(rest);
    Level level = Level.SOFTWARE;
    // a level is a trailing #word of letters, or a link to a channel named after one (Slack turns "#engineering"
    // into one where such a channel exists); "PR #1234" or a link to any other channel is part of the title
    int lastSpace = Math.max(title.lastIndexOf(' '), title.lastIndexOf('\n'));
    String linked = SlackText.linkedChannelName(title.substring(lastSpace + 1));
    var linkedLevel = linked == null ? Optional.<Level>empty() : Level.parseTag("#" + linked);
    Matcher tag = LEVEL_TAG.matcher(title);
    if (linkedLevel.isPresent()) {
      level = linkedLevel.get();
      title = title.substring(0, lastSpace + 1).strip();
    } else if (!title.stripTrailing().endsWith(">") && tag.find()) {
      var parsed = Level.parseTag(tag.group(1));
      if (parsed.isEmpty()) {
        return new Invalid("`" + Mrkdwn.escape(tag.group(1)) + "` is not a level. End with #organization, #culture, "
            + "#process, #engineering or #software (the default): " + EXAMPLE);
      }
      level = parsed.get();
      title = title.substring(0, tag.start()).strip();
    }
    if (title.isEmpty()) {
      return new Invalid("Say what is to be done after the date: " + EXAMPLE);
    }
    if (title.length() > FollowUpForms.MAX_TITLE) {
      return new Invalid("A follow-up's title is at most " + FollowUpForms.MAX_TITLE
          + " characters; link to a ticket for the rest.");
    }
    return new Add(owner, due, title, level);
  }
}
