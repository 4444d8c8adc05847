package dev.candor.slack.incident;

import dev.candor.incident.IncidentState;
import dev.candor.incident.IncidentUpdate;
import dev.candor.incident.Severity;
import java.util.Locale;
import java.util.Optional;

/** What Candor takes from a person about an incident, wherever they type it: the command, a form, the App Home. */
public final class IncidentInput {
  /** The longest free text (a command, a summary, an update), within a Slack section block. */
  public static final int MAX_TEXT = 3_000;
  public static final int MAX_TITLE = 150;
  public static final Severity DEFAULT_SEVERITY = Severity.SEV3;

  private IncidentInput() {}

  /**
   * Why {@code words} can't be a status update (none, or too long), or empty when they can. The state —
   * investigating, identified or monitoring — is optional; the words are not.
   */
  public static Optional<String> statusProblem(String words) {
    String text = words == null ? "" : words.strip();
    if (text.isEmpty()) {
      return Optional.of("Say what changed: `/incident status identified the EU cache node is saturated` "
          + "(the state — investigating, identified or monitoring — is optional).");
    }
    if (text.length() > MAX_TEXT) {
      return Optional.of(String.format(Locale.ROOT, "That is %,d characters; an update takes at most 3,000.",
          text.length()));
    }
    return Optional.empty();
  }

  /** The status update {@code words} make ({@code state} null keeps the incident's); check them first. */
  public static IncidentUpdate.SetStatus status(IncidentState state, String words) {
    return new IncidentUpdate.SetStatus(state, words.strip());
  }
}
