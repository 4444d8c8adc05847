package dev.candor.postmortem;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a person appears in a document: a canvas mention {@code ![](@U123)} live, {@code @name} in a
 * replay. What {@link #of} returns goes into the Markdown as it is, so an implementation escapes any
 * text it takes from people (see {@link MarkdownText#escape}).
 */
public interface Names {
  /** A Slack user id as Slack hands them out; anything else (a bot id, a name) is shown as text, never as a mention. */
  Pattern SLACK_ID = Pattern.compile("[UW][A-Z0-9]{2,}");

  String of(String userId);

  /**
   * The name Slack shows for a person, from what it knows of them: their display name, else their full name (the
   * profile's, then the account's), else their user name; empty when all are blank. Live (users.info) and replayed
   * (an export's users.json) people are named by this one rule.
   */
  static Optional<String> shownBySlack(String displayName, String profileRealName, String realName, String userName) {
    for (String name : new String[] {displayName, profileRealName, realName, userName}) {
      if (name != null && !name.isBlank()) {
        return Optional.of(name.strip());
      }
    }
    return Optional.empty();
  }

  /**
   * Canvas mentions ({@code ![](@U123)}), which Slack shows as the person's name in each reader's
   * workspace. An id that is not a Slack id is shown escaped, as text.
   */
  static Names canvasMentions() {
    return id -> id != null && SLACK_ID.matcher(id).matches()
        ? "![](@" + id + ")"
        : MarkdownText.escape(id == null ? "someone" : id);
  }

  /**
   * {@code @name} from {@code displayNames} (user id to name), {@code @U123} for an id it lacks; both
   * escaped, so a display name cannot format the document or mention anyone.
   */
  static Names handles(Map<String, String> displayNames) {
    Map<String, String> names = Map.copyOf(displayNames);
    return id -> {
      String name = id == null ? null : names.get(id);
      String shown = name != null && !name.isBlank() ? name : Objects.requireNonNullElse(id, "someone");
      return MarkdownText.escape("@" + shown);
    };
  }
}
