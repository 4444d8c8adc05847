package dev.candor.postmortem;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message's text as Slack stores it — {@code &}, {@code <}, {@code >} escaped, mentions as
 * {@code <@U123>}, links as {@code <https://…|label>} — as one line of Markdown. People Slack itself
 * mentioned appear through {@link Names}; everything else (channels, {@code @here}, groups, links) is
 * plain escaped text, so nothing in a message can ping anyone from the document.
 */
final class SlackMarkup {
  private static final Pattern MARKUP = Pattern.compile("<([^<>]*)>");

  private SlackMarkup() {}

  /** The text, cut to about {@code max} characters (never inside a mention or a link), as Markdown. */
  static String toMarkdown(String slackText, Names names, int max) {
    String line = clipOutsideMarkup(MarkdownText.oneLine(slackText), max);
    Matcher m = MARKUP.matcher(line);
    StringBuilder out = new StringBuilder(line.length() + 32);
    int from = 0;
    while (m.find()) {
      out.append(plain(line.substring(from, m.start())));
      out.append(markup(m.group(1), names));
      from = m.end();
    }
    out.append(plain(line.substring(from)));
    return out.toString();
  }

  private static String plain(String encoded) {
    String text = encoded.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    return MarkdownText.escapeLine(text, false);
  }

  private static String markup(String inner, Names names) {
    int bar = inner.indexOf('|');
    String target = bar < 0 ? inner : inner.substring(0, bar);
    String label = bar < 0 || bar == inner.length() - 1 ? null : inner.substring(bar + 1);
    if (target.startsWith("@")) {
      String id = target.substring(1);
      return Names.SLACK_ID.matcher(id).matches() ? names.of(id) : plain("@" + (label != null ? label : id));
    }
    if (target.startsWith("#")) {
      return plain("#" + (label != null ? label : target.substring(1)));
    }
    if (target.startsWith("!subteam^")) {
      return plain(label == null ? "@group" : label.startsWith("@") ? label : "@" + label);
    }
    if (target.startsWith("!date^")) {
      return plain(label == null ? "" : label);
    }
    if (target.startsWith("!")) {
      return plain("@" + target.substring(1));
    }
    return plain(label != null && !label.equals(target) ? label + " (" + target + ")" : target);
  }

  /** Cuts where {@link MarkdownText#clip} would, but before a mention or link the cut would split. */
  private static String clipOutsideMarkup(String line, int max) {
    String clipped = MarkdownText.clip(line, max);
    if (clipped.equals(line)) {
      return line;
    }
    String kept = clipped.substring(0, clipped.length() - 1);
    int open = kept.lastIndexOf('<');
    if (open >= 0 && kept.indexOf('>', open) < 0) {
      kept = kept.substring(0, open).stripTrailing();
    }
    return kept + "…";
  }
}
