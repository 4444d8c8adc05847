package dev.candor.slack.platform;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slash-command text as Slack sends it — {@code &}, {@code <}, {@code >} escaped, mentions as
 * {@code <@U123|name>} — turned into the plain words a person typed, for storing. Mentions become
 * {@code @name}, so nothing stored can ping anyone when it is shown again.
 */
public final class SlackText {
  private static final Pattern MARKUP = Pattern.compile("<([^<>]*)>");

  private SlackText() {}

  public static String plain(String slackText) {
    return plain(slackText, UnaryOperator.identity());
  }

  /**
   * As {@link #plain(String)}, with a mention that carries no name (as messages carry them: {@code <@U123>}) named
   * by {@code nameOf}, which is given the user id and answers the name to show.
   */
  public static String plain(String slackText, UnaryOperator<String> nameOf) {
    if (slackText == null || slackText.isEmpty()) {
      return "";
    }
    Matcher m = MARKUP.matcher(slackText);
    StringBuilder out = new StringBuilder(slackText.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(words(m.group(1), nameOf)));
    }
    m.appendTail(out);
    return out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  private static String words(String inner, UnaryOperator<String> nameOf) {
    int bar = inner.indexOf('|');
    String target = bar < 0 ? inner : inner.substring(0, bar);
    String label = bar < 0 ? null : inner.substring(bar + 1);
    if (target.startsWith("@")) {
      return "@" + (label != null && !label.isEmpty() ? label : nameOf.apply(target.substring(1)));
    }
    if (target.startsWith("#")) {
      return "#" + (label != null && !label.isEmpty() ? label : target.substring(1));
    }
    if (target.startsWith("!subteam^")) {
      return label != null && !label.isEmpty() ? (label.startsWith("@") ? label : "@" + label) : "@group";
    }
    if (target.startsWith("!date^")) {
      return label != null ? label : "";
    }
    if (target.startsWith("!")) {
      return "@" + target.substring(1);
    }
    return label != null && !label.isEmpty() && !label.equals(target) ? label + " (" + target + ")" : target;
  }
}
