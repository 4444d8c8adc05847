package dev.candor.slack;

import dev.candor.incident.IncidentState;
import dev.candor.incident.IncidentUpdate;
import dev.candor.incident.Role;
import dev.candor.incident.Severity;
import dev.candor.slack.views.Mrkdwn;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the text after {@code /incident} into what the person asked for, or says what to type instead. */
public final class IncidentCommandParser {
  public static final int MAX_TEXT = 3_000;
  public static final int MAX_TITLE = 150;
  public static final Severity DEFAULT_SEVERITY = Severity.SEV3;

  static final List<String> KNOWN = List.of("help", "declare", "status", "mitigated", "sev", "role", "title",
      "summary", "note", "timeline", "resolve", "reopen", "cancel", "redact", "nudges", "followup", "followups",
      "postmortem", "close", "list");

  /**
   * A trailing severity, or an attempt at one: {@code sev2}, {@code SEV-2}, {@code sev 2}, {@code sevx}
   * (a word such as "Seville" or "seven" stays in the title).
   */
  private static final Pattern TRAILING_SEVERITY =
      Pattern.compile("(?i)^(.*?)\\s*\\b(sev[\\s-]*(?:\\d+|[a-z]))$");
  private static final Pattern LEVEL_TAG = Pattern.compile("(?:^|\\s)(#[A-Za-z][A-Za-z-]*)\\s*$");
  private static final Pattern MENTION = Pattern.compile("<@([UW][A-Z0-9]+)(?:\\|[^>]*)?>");

  /** What the person asked for. */
  public sealed interface Parsed {}

  public record OpenDeclareModal() implements Parsed {}

  public record Help() implements Parsed {}

  public record ListOpen() implements Parsed {}

  public record Declare(String title, Severity severity) implements Parsed {}

  /** A change to the incident of the channel; {@code userToCheck} is a mentioned user to look up first. */
  public record Change(IncidentUpdate update, Optional<String> userToCheck) implements Parsed {}

  public record Invalid(String message) implements Parsed {}

  /** A follow-up for {@code owner}, due as {@code due} says (read in the owner's time zone). */
  public record AddFollowUp(String owner, String due, String title, dev.candor.followup.Level level) implements Parsed {}

  /** Drop follow-up {@code id} of this incident, for {@code reason}. */
  public record DropFollowUp(long id, String reason) implements Parsed {}

  /** The incident's follow-ups. */
  public record ListFollowUps() implements Parsed {}

  /** {@code /incident followup} alone: the form to add one. */
  public record OpenFollowUpForm() implements Parsed {}

  /** Switch private blameless-language notes on or off in this channel. */
  public record SetNudges(boolean on) implements Parsed {}

  /** Open (or find) the incident's post-mortem document. */
  public record OpenPostmortem() implements Parsed {}

  /** Close the resolved incident of this channel. */
  public record CloseIncident() implements Parsed {}

  /** Open the incident's timeline. */
  public record ShowTimeline() implements Parsed {}

  /** Take the content out of timeline entry {@code seq}, for {@code reason}. */
  public record Redact(long seq, String reason) implements Parsed {}

  /**
   * Reads the command text as Slack sends it (escaped, with mention markup). Free text is stored as the
   * plain words the person typed; only {@code role} reads a mention's user id.
   */
  public Parsed parse(String slackText) {
    String raw = slackText == null ? "" : slackText.strip();
    String text = SlackText.plain(raw);
    if (text.length() > MAX_TEXT) {
      return new Invalid(String.format(Locale.ROOT, "That is %,d characters; a command takes at most 3,000. ", text.length())
          + "Post the long part as a message in the channel and give the command a short version.");
    }
    if (text.isEmpty()) {
      return new OpenDeclareModal();
    }
    String[] head = text.split("\\s+", 2);
    String sub = head[0].toLowerCase(Locale.ROOT);
    String rest = head.length > 1 ? head[1].strip() : "";
    if (sub.equals("followup") || sub.equals("follow-up")) {
      String[] rawHead = raw.split("\\s+", 2);
      return followUp(rawHead.length > 1 ? rawHead[1].strip() : "");
    }
    if (sub.equals("role")) {
      String[] rawHead = raw.split("\\s+", 2);
      return role(rawHead.length > 1 ? rawHead[1].strip() : "");
    }
    return switch (sub) {
      case "help", "?" -> new Help();
      case "list" -> new ListOpen();
      case "declare", "new", "open" -> declare(rest);
      case "status", "update" -> status(rest);
      case "mitigated" -> new Change(new IncidentUpdate.MarkMitigated(rest), Optional.empty());
      case "sev", "severity" -> severity(rest);
      case "title" -> rest.isEmpty()
          ? new Invalid("Give the new title: `/incident title Checkout latency on EU shards`")
          : title(rest).orElseGet(() -> new Change(new IncidentUpdate.SetTitle(rest), Optional.empty()));
      case "summary" -> rest.isEmpty()
          ? new Invalid("Write the summary after the word: `/incident summary Card payments failed for 20% of EU users`")
          : new Change(new IncidentUpdate.SetSummary(rest), Optional.empty());
      case "note" -> rest.isEmpty()
          ? new Invalid("Write the note after the word: `/incident note restarted api-7 to clear the stuck pool`")
          : new Change(new IncidentUpdate.AddNote(rest), Optional.empty());
      case "timeline" -> new ShowTimeline();
      case "postmortem", "post-mortem", "pm" -> new OpenPostmortem();
      case "close" -> new CloseIncident();
      case "followups", "follow-ups" -> new ListFollowUps();
      case "nudges" -> switch (rest.toLowerCase(Locale.ROOT)) {
        case "on" -> new SetNudges(true);
        case "off" -> new SetNudges(false);
        default -> new Invalid("Say on or off: `/incident nudges off` stops Candor's private notes about blaming "
            + "language in this channel, `/incident nudges on` starts them again.");
      };
      case "redact" -> redact(rest);
      case "resolve", "resolved" -> new Change(new IncidentUpdate.Resolve(rest), Optional.empty());
      case "reopen" -> new Change(new IncidentUpdate.Reopen(), Optional.empty());
      case "cancel" -> rest.isEmpty()
          ? new Invalid("Say why it is cancelled: `/incident cancel false alarm from a flaky probe`")
          : new Change(new IncidentUpdate.Cancel(rest), Optional.empty());
      default -> unknown(head[0], sub);
    };
  }

  private Parsed declare(String rest) {
    if (rest.isEmpty()) {
      return new Invalid("Give the incident a title: `/incident declare checkout errors sev2` "
          + "(or type `/incident` alone for a form).");
    }
    Severity severity = DEFAULT_SEVERITY;
    String title = rest;
    Matcher trailing = TRAILING_SEVERITY.matcher(rest);
    if (trailing.matches()) {
      String typed = trailing.group(2);
      Optional<Severity> s = Severity.parse(typed.replaceAll("\\s+", ""));
      if (s.isEmpty()) {
        return new Invalid("`" + typed + "` is not a severity. Use sev1 (critical) to sev4 (low): "
            + "`/incident declare checkout errors sev2`");
      }
      severity = s.get();
      title = trailing.group(1).strip();
      if (title.isEmpty()) {
        return new Invalid("Give the incident a title before the severity: `/incident declare checkout errors "
            + typed + "`");
      }
    }
    Optional<Invalid> tooLong = title(title).map(Invalid.class::cast);
    return tooLong.isPresent() ? tooLong.get() : new Declare(title, severity);
  }

  private static Optional<Parsed> title(String title) {
    if (title.length() > MAX_TITLE) {
      return Optional.of(new Invalid("Titles are at most " + MAX_TITLE + " characters (this one has "
          + title.length() + "). Keep it short and put the details in `/incident summary <text>`."));
    }
    return Optional.empty();
  }

  private Parsed status(String rest) {
    String[] parts = rest.split("\\s+", 2);
    Optional<IncidentState> state = IncidentState.parseWorking(parts[0]);
    String update = state.isPresent() ? (parts.length > 1 ? parts[1].strip() : "") : rest;
    return statusUpdate(state.orElse(null), update);
  }

  /**
   * A status update as {@code status} makes it — and the App Home's form, which takes the same two things:
   * {@code state} (null keeps the incident's) and the words, which are required.
   */
  static Parsed statusUpdate(IncidentState state, String update) {
    String text = update == null ? "" : update.strip();
    if (text.isEmpty()) {
      return new Invalid("Say what changed: `/incident status identified the EU cache node is saturated` "
          + "(the state — investigating, identified or monitoring — is optional).");
    }
    if (text.length() > MAX_TEXT) {
      return new Invalid(String.format(Locale.ROOT, "That is %,d characters; an update takes at most 3,000.",
          text.length()));
    }
    return new Change(new IncidentUpdate.SetStatus(state, text), Optional.empty());
  }

  private Parsed severity(String rest) {
    Optional<Severity> s = Severity.parse(rest);
    if (rest.isEmpty() || s.isEmpty()) {
      return new Invalid((rest.isEmpty() ? "Give a severity" : "`" + Mrkdwn.escape(rest) + "` is not a severity")
          + ": 1 (critical), 2 (major), 3 (minor) or 4 (low), as in `/incident sev 2`.");
    }
    return new Change(new IncidentUpdate.SetSeverity(s.get()), Optional.empty());
  }

  private Parsed role(String rest) {
    String[] parts = rest.split("\\s+", 2);
    Optional<Role> role = Role.parse(parts[0]);
    if (rest.isEmpty() || role.isEmpty()) {
      return new Invalid("Name a role and a person: `/incident role commander @alex` "
          + "(roles: commander, comms, scribe).");
    }
    String who = parts.length > 1 ? parts[1].strip() : "";
    Matcher m = MENTION.matcher(who);
    if (!m.matches()) {
      return new Invalid(who.isEmpty()
          ? "Say who: `/incident role " + role.get().label() + " @alex`."
          : "I can't tell who `" + Mrkdwn.escape(SlackText.plain(who).replace("`", "'")) + "` is. Pick the person from Slack's @ menu so it "
              + "becomes a mention: `/incident role " + role.get().label() + " @alex`.");
    }
    return new Change(new IncidentUpdate.AssignRole(role.get(), m.group(1)), Optional.of(m.group(1)));
  }

  private static final Pattern IN_N = Pattern.compile("(?i)^(in\\s+\\d+\\s+(?:days?|weeks?))(?:\\s+|$)(.*)$", Pattern.DOTALL);
  static final String FOLLOW_UP_EXAMPLE = "`/incident followup @alex friday add a pre-deploy check #process`";

  private static Parsed followUp(String raw) {
    if (raw.isEmpty()) {
      return new OpenFollowUpForm();
    }
    String[] parts = raw.split("\\s+", 2);
    if (parts[0].equalsIgnoreCase("drop")) {
      String[] idAndReason = (parts.length > 1 ? parts[1].strip() : "").split("\\s+", 2);
      String number = idAndReason[0].startsWith("#") ? idAndReason[0].substring(1) : idAndReason[0];
      if (!number.matches("\\d{1,9}") || idAndReason.length < 2 || idAndReason[1].isBlank()) {
        return new Invalid("Name the follow-up by its number in `/incident followups`, and say why it is dropped: "
            + "`/incident followup drop 12 covered by the platform migration`");
      }
      return new DropFollowUp(Long.parseLong(number), SlackText.plain(idAndReason[1].strip()));
    }
    Matcher mention = MENTION.matcher(parts[0]);
    if (raw.isEmpty() || !mention.matches()) {
      return new Invalid("Start with the owner, picked from Slack's @ menu, then the due date and what to do: "
          + FOLLOW_UP_EXAMPLE);
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
    if (due.isEmpty() || dev.candor.followup.DueDates.parse(due, java.time.LocalDate.of(2000, 1, 1)).isEmpty()) {
      return new Invalid("I can't read the due date `" + Mrkdwn.escape(SlackText.plain(due)) + "`. Use 2026-12-01, "
          + "today, tomorrow, a weekday such as friday, or in 3 days / in 2 weeks: " + FOLLOW_UP_EXAMPLE);
    }
    String title = SlackText.plain(rest);
    dev.candor.followup.Level level = dev.candor.followup.Level.SOFTWARE;
    // a level is a trailing #word of letters; "PR #1234" or a channel link at the end is part of the title
    Matcher tag = LEVEL_TAG.matcher(title);
    if (!rest.stripTrailing().endsWith(">") && tag.find()) {
      var parsed = dev.candor.followup.Level.parseTag(tag.group(1));
      if (parsed.isEmpty()) {
        return new Invalid("`" + Mrkdwn.escape(tag.group(1)) + "` is not a level. End with #organization, #culture, "
            + "#process, #engineering or #software (the default): " + FOLLOW_UP_EXAMPLE);
      }
      level = parsed.get();
      title = title.substring(0, tag.start()).strip();
    }
    if (title.isEmpty()) {
      return new Invalid("Say what is to be done after the date: " + FOLLOW_UP_EXAMPLE);
    }
    if (title.length() > MAX_TITLE * 2) {
      return new Invalid("A follow-up's title is at most " + (MAX_TITLE * 2) + " characters; link to a ticket for the rest.");
    }
    return new AddFollowUp(mention.group(1), due, title, level);
  }

  private static Parsed redact(String rest) {
    String[] parts = rest.split("\\s+", 2);
    String number = parts[0].startsWith("#") ? parts[0].substring(1) : parts[0];
    if (!number.matches("\\d{1,9}")) {
      return new Invalid("Name the entry by its number in `/incident timeline`, and say why: "
          + "`/incident redact 42 contained a customer's card number`");
    }
    if (parts.length < 2 || parts[1].isBlank()) {
      return new Invalid("Say why entry #" + number + " must go; the reason stays in the record: "
          + "`/incident redact " + number + " contained a customer's card number`");
    }
    return new Redact(Long.parseLong(number), parts[1].strip());
  }

  private static Parsed unknown(String typed, String sub) {
    String shown = typed.length() > 40 ? typed.substring(0, 40) + "…" : typed;
    String suggestion = KNOWN.stream().filter(k -> k.startsWith(sub.substring(0, Math.min(2, sub.length()))))
        .findFirst().map(k -> " Did you mean `/incident " + k + "`?").orElse("");
    return new Invalid("I don't know `" + Mrkdwn.escape(shown.replace("`", "'")) + "`." + suggestion
        + " Type `/incident help` to see every command with an example.");
  }
}
