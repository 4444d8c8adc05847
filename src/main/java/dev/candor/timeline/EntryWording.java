package dev.candor.timeline;

import dev.candor.incident.PostmortemStep;
import dev.candor.incident.Severity;
import dev.candor.incident.SeverityScale;
import java.time.Instant;
import java.util.Locale;

/**
 * What a timeline entry says, in neutral words ("edited 14:02", "deleted 14:05, original kept"). The
 * medium — Markdown, Slack's mrkdwn — supplies people, times and user text through a {@link Format},
 * so every view says the same thing and each escapes as it must.
 */
public final class EntryWording {
  private EntryWording() {}

  /** How a medium writes the parts of an entry that are not Candor's own words. */
  public interface Format {
    /** A person or bot, by Slack id. */
    String user(String id);

    /** The words of an entry (a message, an edit, a note), as the medium shows them. */
    String body(String text);

    /** Short text from outside: a reason, an emoji name, file names, a role. */
    String words(String text);

    /** A time of day: {@code 14:02}, or {@code 14:02:07} with seconds. */
    String time(Instant at, boolean seconds);

    /** A date and a time of day. */
    String moment(Instant at);
  }

  /**
   * The entry after its timestamp: who did what, its words, and notes on what happened to it since; severities
   * named as the team's {@code scale} names them.
   */
  public static String describe(Timeline.Item item, Format f, SeverityScale scale) {
    TimelineEntry e = item.entry();
    String who = who(e.actor(), f);
    String line = switch (e.kind()) {
      case MESSAGE -> who + colon(content(item, f)) + messageNote(e.detail(), f);
      case EDIT -> who + " edited the message of " + ref(e, f) + colon(content(item, f));
      case DELETE -> "the message of " + ref(e, f) + (blank(e.actor()) ? "" : " by " + who)
          + " was deleted (original kept)";
      case REACTION_ADDED -> who + " added :" + f.words(e.detail()) + ": to the message of " + ref(e, f);
      case REACTION_REMOVED -> who + " removed :" + f.words(e.detail()) + ": from the message of " + ref(e, f);
      case PIN_ADDED -> who + " pinned the message of " + ref(e, f);
      case PIN_REMOVED -> who + " unpinned the message of " + ref(e, f);
      case MEMBER_JOINED -> who + " joined the channel" + (blank(e.detail()) ? "" : ", added by " + who(e.detail(), f));
      case ACTION -> who + " " + action(e.detail(), f, scale) + colon(content(item, f));
      case REDACTION -> who + " redacted entry #" + f.words(e.refTs() == null ? "?" : e.refTs())
          + (blank(e.detail()) ? "" : " (content " + f.words(e.detail()) + ")")
          + colon(e.text() == null ? "" : f.words(e.text()));
    };
    if (item.edited()) {
      Instant last = item.lastEditAt().orElseThrow();
      line += item.edits().size() == 1
          ? " (edited " + f.time(last, false) + ")"
          : " (edited " + item.edits().size() + " times, last " + f.time(last, false) + ")";
    }
    if (item.deletion().isPresent()) {
      line += " (deleted " + f.time(item.deletion().get().at(), false) + ", original kept)";
    }
    return line;
  }

  /**
   * What a message's detail adds, in words: its files and kind as recorded ({@code files: a.png}), and "a bot"
   * for an app's or bot's post (whose name is its author's) instead of Slack's {@code bot_message} and the
   * {@code bot} mark; empty when there is nothing to add.
   */
  static String messageNote(String detail, Format f) {
    if (blank(detail)) {
      return "";
    }
    String rest = detail.strip();
    boolean bot = false;
    if (rest.equals(BOT) || rest.endsWith(" " + BOT)) {
      rest = rest.substring(0, rest.length() - BOT.length()).strip();
      bot = true;
    }
    if (rest.equals(BOT_MESSAGE) || rest.startsWith(BOT_MESSAGE + " ")) {
      rest = rest.substring(BOT_MESSAGE.length()).strip();
      bot = true;
    }
    String words = rest.isEmpty() ? "" : f.words(rest);
    String note = bot ? (words.isEmpty() ? "a bot" : words + ", a bot") : words;
    return note.isEmpty() ? "" : " (" + note + ")";
  }

  /** The mark an app's or bot's post carries in its detail, and Slack's subtype for it. */
  private static final String BOT = "bot";
  private static final String BOT_MESSAGE = "bot_message";

  /** The entry's words, or what became of them when they were taken out. */
  private static String content(Timeline.Item item, Format f) {
    TimelineEntry e = item.entry();
    if (!e.isRedacted()) {
      return e.text().isEmpty() ? "" : f.body(e.text());
    }
    return item.redaction()
        .map(r -> "[redacted by " + who(r.by(), f) + " at " + f.moment(r.at())
            + (blank(r.reason()) ? "" : ": " + f.words(r.reason())) + "]")
        .orElse("[content missing, and no redaction recorded]");
  }

  /** What Candor did, from an ACTION's detail ({@code STATUS IDENTIFIED}, {@code ROLE COMMS=U123}). */
  private static String action(String detail, Format f, SeverityScale scale) {
    String d = detail == null ? "" : detail;
    int space = d.indexOf(' ');
    String kind = space < 0 ? d : d.substring(0, space);
    String value = space < 0 ? "" : d.substring(space + 1);
    String lower = value.toLowerCase(Locale.ROOT);
    return switch (kind) {
      case "DECLARED" -> "declared the incident" + (value.isEmpty() ? "" : " (" + severity(value, f, scale) + ")");
      case "STATUS" -> "set the status to " + f.words(lower);
      case "MITIGATED" -> "marked it mitigated";
      case "SEVERITY" -> "set the severity to " + severity(value, f, scale);
      case "ROLE" -> role(value, f);
      case "TITLE" -> "renamed the incident";
      case "SUMMARY" -> "updated the summary";
      case "RESOLVED" -> "resolved the incident";
      case "REOPENED" -> "reopened the incident";
      case "CANCELLED" -> "cancelled the incident";
      case "NOTE" -> "noted";
      case "CLOSED" -> value.isEmpty() ? "closed the incident" : "closed the incident before its post-mortem";
      case "POSTMORTEM" -> postmortem(value, f);
      case "KEY_EVENT" -> keyEvent(value, f);
      case "FOLLOWUP_ADDED", "FOLLOWUP_EDITED", "FOLLOWUP_REASSIGNED", "FOLLOWUP_DONE", "FOLLOWUP_DROPPED",
          "FOLLOWUP_REOPENED" ->
          followUp(kind, value.split(" "), f);
      default -> "recorded " + f.words(d.toLowerCase(Locale.ROOT));
    };
  }

  /** A severity from Candor's code ({@code SEV1}), named as the team's {@code scale} names it ({@code P1}). */
  private static String severity(String code, Format f, SeverityScale scale) {
    return f.words(Severity.parse(code).map(s -> scale.level(s).name()).orElse(code));
  }

  private static String postmortem(String value, Format f) {
    try {
      return PostmortemStep.valueOf(value).words();
    } catch (IllegalArgumentException e) {
      return "recorded a post-mortem step (" + f.words(value.toLowerCase(Locale.ROOT)) + ")";
    }
  }

  private static String role(String value, Format f) {
    int eq = value.indexOf('=');
    String role = f.words((eq < 0 ? value : value.substring(0, eq)).toLowerCase(Locale.ROOT));
    String holder = eq < 0 ? "" : value.substring(eq + 1);
    return holder.isBlank() ? "cleared the " + role + " role" : "made " + who(holder, f) + " " + role;
  }

  /** {@code FOLLOWUP_REASSIGNED 12 U1 U2}: "handed follow-up #12 from @a to @b". */
  private static String followUp(String kind, String[] v, Format f) {
    String which = "follow-up #" + f.words(v[0]);
    return switch (kind) {
      case "FOLLOWUP_ADDED" -> "added " + which + (v.length > 1 ? " for " + who(v[1], f) : "");
      case "FOLLOWUP_EDITED" -> "edited " + which;
      case "FOLLOWUP_REASSIGNED" -> "handed " + which + (v.length > 2 ? " from " + who(v[1], f) + " to " + who(v[2], f) : "");
      case "FOLLOWUP_DONE" -> "marked " + which + " done";
      case "FOLLOWUP_REOPENED" -> "reopened " + which;
      default -> "dropped " + which;
    };
  }

  private static String keyEvent(String value, Format f) {
    int at = value.indexOf('@');
    String ts = at < 0 ? value : value.substring(0, at);
    String author = at < 0 ? "" : value.substring(at + 1);
    return "marked the message of " + f.time(SlackTs.toInstant(ts), true)
        + (author.isBlank() ? "" : " by " + who(author, f)) + " as a key event";
  }

  private static String ref(TimelineEntry e, Format f) {
    return e.refTs() == null ? "an unknown time" : f.time(SlackTs.toInstant(e.refTs()), true);
  }

  private static String who(String actor, Format f) {
    return blank(actor) ? "someone" : f.user(actor);
  }

  private static String colon(String text) {
    return text.isEmpty() ? "" : ": " + text;
  }

  /** {@code a}, {@code a and b}, {@code a, b and c}. */
  public static String together(java.util.List<String> parts) {
    if (parts.size() <= 1) {
      return parts.isEmpty() ? "" : parts.get(0);
    }
    return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
