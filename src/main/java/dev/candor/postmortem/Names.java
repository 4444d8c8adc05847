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

  /** The name known for a person (for plain text, unescaped), when one is: none by default. */
  default Optional<String> known(String userId) {
    return Optional.empty();
  }

  /**
   * A person mentioned in people's words (a status update saying {@code <@U123>}), as plain text that mentions no
   * one and shows no markup: the name known for them, else the name Slack put in the mention ({@code label}, may be
   * null), else their id; escaped.
   */
  default String inWords(String userId, String label) {
    String shown = known(userId).filter(n -> !n.isBlank())
        .orElse(label != null && !label.isBlank() ? label : userId);
    return MarkdownText.escape("@" + shown);
  }

  /** These names, and for plain text the names {@code directory} knows (user id to name; empty when unknown). */
  default Names knowing(java.util.function.Function<String, Optional<String>> directory) {
    Names self = this;
    return new Names() {
      @Override
      public String of(String userId) {
        return self.of(userId);
      }

      @Override
      public Optional<String> known(String userId) {
        return userId == null ? Optional.empty() : directory.apply(userId);
      }
    };
  }

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
    Names handles = id -> {
      String name = id == null ? null : names.get(id);
      String shown = name != null && !name.isBlank() ? name : Objects.requireNonNullElse(id, "someone");
      return MarkdownText.escape("@" + shown);
    };
    return handles.knowing(id -> Optional.ofNullable(names.get(id)));
  }
}
