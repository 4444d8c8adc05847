package dev.candor.slack.command;

import dev.candor.incident.IncidentState;
import dev.candor.incident.IncidentUpdate;
import dev.candor.incident.Role;
import dev.candor.incident.Severity;
import dev.candor.incident.SeverityReading;
import dev.candor.incident.SeverityScale;
import dev.candor.slack.followup.FollowUpGrammar;
import dev.candor.slack.incident.IncidentInput;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.slack.platform.SlackText;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the text after {@code /incident} into what the person asked for, or says what to type instead. */
final class IncidentCommandParser {
  private static final int MAX_TEXT = IncidentInput.MAX_TEXT;
  private static final int MAX_TITLE = IncidentInput.MAX_TITLE;

  static final List<String> KNOWN = List.of("help", "declare", "status", "mitigated", "sev", "role", "title",
      "summary", "note", "timeline", "resolve", "reopen", "cancel", "redact", "nudges", "followup", "followups",
      "postmortem", "close", "list", "insights", "page", "catchup");

  private static final Pattern MENTION = Pattern.compile("<@([UW][A-Z0-9]+)(?:\\|[^>]*)?>");

  /** What the person asked for. */
  public sealed interface Parsed {}

  public record OpenDeclareModal() implements Parsed {}

  public record Help() implements Parsed {}

  public record ListOpen() implements Parsed {}

  public record Declare(String title, Severity severity) implements Parsed {}

  /** A title whose plain last word ({@code word}) may be a severity: the person is asked which they meant. */
  public record AskSeverity(String title, String without, Severity severity, String word) implements Parsed {}

  /** A change to the incident of the channel; {@code userToCheck} is a mentioned user to look up first. */
  public record Change(IncidentUpdate update, Optional<String> userToCheck) implements Parsed {}

  public record Invalid(String message) implements Parsed {}

  /** Something asked of the incident's follow-ups ({@code followup …}, {@code followups}). */
  public record FollowUps(FollowUpGrammar.Request request) implements Parsed {}

  /** Switch private blameless-language notes on or off in this channel. */
  public record SetNudges(boolean on) implements Parsed {}

  /** Open (or find) the incident's post-mortem document. */
  public record OpenPostmortem() implements Parsed {}

  /** Close the resolved incident of this channel. */
  public record CloseIncident() implements Parsed {}

  /** This quarter's insights, privately, with how to get the report. */
  public record ShowInsights() implements Parsed {}

  /** Open the incident's timeline. */
  public record ShowTimeline() implements Parsed {}

  /** The incident's catch-up, privately: where it stands, its latest updates, key events and open follow-ups. */
  public record ShowCatchup() implements Parsed {}

  /** Page {@code target} (a PagerDuty service or routing key) by hand, with {@code message}. */
  public record PageByHand(String target, String message) implements Parsed {}

  /** Take the content out of timeline entry {@code seq}, for {@code reason}. */
  public record Redact(long seq, String reason) implements Parsed {}

  /**
   * Reads the command text as Slack sends it (escaped, with mention markup). Free text is stored as the
   * plain words the person typed; only {@code role} reads a mention's user id.
   */
  private final SeverityScale scale;
  private final SeverityReading reading;

  /** Reads severities in titles and names them in replies as the team's {@code scale} does. */
  IncidentCommandParser(SeverityScale scale) {
    this.scale = scale;
    this.reading = new SeverityReading(scale);
  }

  IncidentCommandParser() {
    this(SeverityScale.defaults());
  }

  public Parsed parse(String slackText) {
    String raw = slackText == null ? "" : slackText.strip();
    String text = SlackText.words(raw);
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
      var request = FollowUpGrammar.parse(rawHead.length > 1 ? rawHead[1].strip() : "");
      return request instanceof FollowUpGrammar.Invalid invalid ? new Invalid(invalid.message()) : new FollowUps(request);
    }
    if (sub.equals("role")) {
      String[] rawHead = raw.split("\\s+", 2);
      return role(rawHead.length > 1 ? rawHead[1].strip() : "");
    }
    return switch (sub) {
      case "help", "?" -> new Help();
      case "list" -> new ListOpen();
      case "insights" -> new ShowInsights();
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
      case "catchup", "catch-up", "recap" -> new ShowCatchup();
      case "postmortem", "post-mortem", "pm" -> new OpenPostmortem();
      case "close" -> new CloseIncident();
      case "followups", "follow-ups" -> new FollowUps(new FollowUpGrammar.ListAll());
      case "nudges" -> switch (rest.toLowerCase(Locale.ROOT)) {
        case "on" -> new SetNudges(true);
        case "off" -> new SetNudges(false);
        default -> new Invalid("Say on or off: `/incident nudges off` stops Candor's private notes about blaming "
            + "language in this channel, `/incident nudges on` starts them again.");
      };
      case "redact" -> redact(rest);
      case "page" -> page(rest);
      case "resolve", "resolved" -> new Change(new IncidentUpdate.Resolve(rest), Optional.empty());
      case "reopen" -> new Change(new IncidentUpdate.Reopen(), Optional.empty());
      case "cancel" -> rest.isEmpty()
          ? new Invalid("Say why it is cancelled: `/incident cancel false alarm from a flaky probe`")
          : new Change(new IncidentUpdate.Cancel(rest), Optional.empty());
      default -> unknown(head[0], sub, rest);
    };
  }

  private Parsed declare(String rest) {
    if (rest.isEmpty()) {
      return new Invalid("Give the incident a title: `/incident declare checkout errors sev2` "
          + "(or type `/incident` alone for a form).");
    }
    SeverityReading.Reading read = reading.read(rest);
    if (read instanceof SeverityReading.NotASeverity n) {
      String titled = n.title().isEmpty() ? "checkout errors" : n.title();
      return new Invalid("`" + Mrkdwn.escape(n.typed().replace("`", "'")) + "` is not a severity. Use sev1 ("
          + scale.meaning(Severity.SEV1) + ") to sev4 (" + scale.meaning(Severity.SEV4) + "), or P0 to P4: "
          + Mrkdwn.code("/incident declare " + titled + " sev2"));
    }
    if (read instanceof SeverityReading.Read r && r.title().isEmpty()) {
      return new Invalid("Give the incident a title before the severity: `/incident declare checkout errors "
          + Mrkdwn.escape(r.typed().replace("`", "'")) + "`");
    }
    if (read instanceof SeverityReading.Ask ask) {
      return title(ask.title()).orElseGet(() -> new AskSeverity(ask.title(), ask.without(), ask.severity(),
          ask.word()));
    }
    String title = read instanceof SeverityReading.Read r ? r.title() : ((SeverityReading.Plain) read).title();
    Severity severity = read instanceof SeverityReading.Read r ? r.severity() : IncidentInput.DEFAULT_SEVERITY;
    Optional<Invalid> tooLong = title(title).map(Invalid.class::cast);
    return tooLong.isPresent() ? tooLong.get() : new Declare(title, severity);
  }

  /** The team's severities by number: "1 (critical), 2 (major), 3 (minor) or 4 (low)". */
  private String severities() {
    Severity[] all = Severity.values();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < all.length; i++) {
      out.append(i == 0 ? "" : i == all.length - 1 ? " or " : ", ").append(i + 1).append(" (")
          .append(scale.meaning(all[i])).append(")");
    }
    return out.toString();
  }

  private static Optional<Parsed> title(String title) {
    if (title.length() > MAX_TITLE) {
      return Optional.of(new Invalid("Titles are at most " + MAX_TITLE + " characters (this one has "
          + title.length() + "). Keep it short and put the details in " + Mrkdwn.code("/incident summary <text>") + "."));
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
    return IncidentInput.statusProblem(update).<Parsed>map(Invalid::new)
        .orElseGet(() -> new Change(IncidentInput.status(state, update), Optional.empty()));
  }

  private Parsed severity(String rest) {
    Optional<Severity> s = Severity.parse(rest).or(() -> scale.byWord(rest));
    if (rest.isEmpty() || s.isEmpty()) {
      return new Invalid((rest.isEmpty() ? "Give a severity" : "`" + Mrkdwn.escape(rest) + "` is not a severity")
          + ": " + severities() + ", as in `/incident sev 2`.");
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

  private static Parsed page(String rest) {
    if (rest.isEmpty()) {
      return new Invalid("Say whom to page, and why if you like: `/incident page payments checkout is down` (a "
          + "service Candor knows, `oncall`, or a PagerDuty Events API v2 routing key).");
    }
    String[] parts = rest.split("\\s+", 2);
    return new PageByHand(parts[0], parts.length > 1 ? parts[1].strip() : "");
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

  /** An unknown word: the command it most likely meant, with the rest of what was typed kept (within reason). */
  private static Parsed unknown(String typed, String sub, String rest) {
    String shown = typed.length() > 40 ? typed.substring(0, 40) + "…" : typed;
    String kept = rest.isEmpty() || rest.length() > 200 ? "" : " " + rest;
    String suggestion = closest(sub).map(k -> " Did you mean " + Mrkdwn.code("/incident " + k + kept) + "?").orElse("");
    return new Invalid("I don't know `" + Mrkdwn.escape(shown.replace("`", "'")) + "`." + suggestion
        + " Type `/incident help` to see every command with an example.");
  }

  /**
   * The known command nearest to {@code typed} by edit distance (a swap of two neighbouring letters counts as one
   * edit, so {@code catchpu} reads as {@code catchup}, not as {@code cancel}), when it is near enough to be a typo:
   * at most a third of the word's letters, and at least one. Of two equally near, the one listed first. Failing that,
   * a command that begins with what was typed (three letters or more).
   */
  static Optional<String> closest(String typed) {
    String word = typed.toLowerCase(Locale.ROOT);
    if (word.isEmpty() || word.length() > 40) {
      return Optional.empty();
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String known : KNOWN) {
      int d = distance(word, known);
      if (d < bestDistance) {
        best = known;
        bestDistance = d;
      }
    }
    if (bestDistance <= Math.max(1, Math.min(word.length(), best.length()) / 3)) {
      return Optional.of(best);
    }
    // a command begun but not finished (`foll`, `postm`)
    return word.length() < 3 ? Optional.empty() : KNOWN.stream().filter(k -> k.startsWith(word)).findFirst();
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours, one each. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
