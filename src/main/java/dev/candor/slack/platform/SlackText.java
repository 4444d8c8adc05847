package dev.candor.slack.platform;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slash-command text as Slack sends it — {@code &}, {@code <}, {@code >} escaped, mentions as
 * {@code <@U123|name>} — turned into the words a person typed: {@link #words} for storing (mentions of people and
 * links to channels kept, nothing else that could ping), {@link #plain} for quoting (mentions become
 * {@code @name}).
 */
public final class SlackText {
  private static final Pattern MARKUP = Pattern.compile("<([^<>]*)>");
  /** A user id, as Slack writes it after {@code <@}. */
  private static final String USER_ID = "[UW][A-Z0-9]{1,20}";
  /** A channel id, and a channel's name as Slack writes them in a link. */
  private static final String CHANNEL_ID = "C[A-Z0-9]{1,20}";
  private static final String CHANNEL_NAME_TEXT = "[^<>|&\\s]{1,80}";
  private static final Pattern USER = Pattern.compile(USER_ID);
  private static final Pattern CHANNEL = Pattern.compile(CHANNEL_ID);
  private static final Pattern CHANNEL_NAME = Pattern.compile(CHANNEL_NAME_TEXT);
  private static final Pattern LINKED_CHANNEL = Pattern.compile("<#" + CHANNEL_ID + "\\|(" + CHANNEL_NAME_TEXT + ")>");
  /**
   * What {@link #words} keeps: a mention of a person ({@code <@U123>}) or a link to a channel ({@code <#C123>},
   * {@code <#C123|deploys>}), for {@link Mrkdwn#words} to leave live.
   */
  static final Pattern KEPT_MARKUP =
      Pattern.compile("<@" + USER_ID + ">|<#" + CHANNEL_ID + "(?:\\|" + CHANNEL_NAME_TEXT + ")?>");

  private SlackText() {}

  public static String plain(String slackText) {
    return plain(slackText, UnaryOperator.identity());
  }

  /**
   * Slash-command text as the words to store and show again: as {@link #plain(String)}, except that a mention of
   * a person stays a mention, without the name Slack added ({@code <@U123|alex>} and {@code <@U123>} become
   * {@code <@U123>}), and a link to a channel stays a link ({@code <#C123|deploys>}), so that {@link Mrkdwn#words}
   * shows them live. {@code <!here>}, {@code <!channel>}, {@code <!everyone>} and groups become the plain words
   * {@code @here}, {@code @channel}, {@code @everyone}, {@code @group-name}: shown again, they ping no one.
   */
  public static String words(String slackText) {
    if (slackText == null || slackText.isEmpty()) {
      return "";
    }
    Matcher m = MARKUP.matcher(slackText);
    StringBuilder out = new StringBuilder(slackText.length());
    int from = 0;
    while (m.find()) {
      out.append(plain(slackText.substring(from, m.start()))).append(kept(m.group(1)));
      from = m.end();
    }
    return out.append(plain(slackText.substring(from))).toString();
  }

  private static String kept(String inner) {
    int bar = inner.indexOf('|');
    String target = bar < 0 ? inner : inner.substring(0, bar);
    String label = bar < 0 ? null : inner.substring(bar + 1);
    if (target.startsWith("@") && USER.matcher(target.substring(1)).matches()) {
      return "<" + target + ">";
    }
    if (target.startsWith("#") && CHANNEL.matcher(target.substring(1)).matches()) {
      return label != null && CHANNEL_NAME.matcher(label).matches() ? "<" + target + "|" + label + ">"
          : "<" + target + ">";
    }
    return plain("<" + inner + ">");
  }

  /** The name of the channel a link in people's words ({@link #words}) points to, or null when it is no such link. */
  public static String linkedChannelName(String words) {
    Matcher m = LINKED_CHANNEL.matcher(words.strip());
    return m.matches() ? m.group(1) : null;
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
      m.appendReplacement(out, Matcher.quoteReplacement(plainWords(m.group(1), nameOf)));
    }
    m.appendTail(out);
    return out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  private static String plainWords(String inner, UnaryOperator<String> nameOf) {
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
