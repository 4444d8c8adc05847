package dev.candor.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message's text as Slack stores it — {@code &}, {@code <}, {@code >} escaped, mentions as
 * {@code <@U123>}, links as {@code <https://…|label>} — as Markdown for people. People Slack itself
 * mentioned appear through {@code people} (a user id to Markdown, already escaped); everything else
 * (channels, {@code @here}, groups, links) is plain escaped text, so nothing in a message can ping anyone
 * or format the document. The one place Slack's markup is read for a Markdown document: the post-mortem
 * draft and the timeline export both use it.
 */
public final class SlackMarkup {
  private static final Pattern MARKUP = Pattern.compile("<([^<>]*)>");
  /** What Slack puts after {@code <@}: a user id, in its alphabet. */
  private static final Pattern USER_ID = Pattern.compile("[A-Z0-9]+");
  private static final String FENCE = "```";

  private SlackMarkup() {}

  /** The text on one line, cut to about {@code max} characters (never inside a mention or a link), as Markdown. */
  public static String toMarkdown(String slackText, Function<String, String> people, int max) {
    String line = clipOutsideMarkup(MarkdownText.oneLine(slackText), max);
    return line(line, people, false);
  }

  /**
   * The text as Markdown lines, its line breaks kept (blank lines dropped): each line escaped as one that may
   * start a Markdown line, and each of Slack's {@code ```} code blocks as a fenced block, its lines as typed
   * (entities decoded, nothing else read) inside a fence longer than any run of backticks in it. Empty for
   * null or blank text.
   */
  public static List<String> toMarkdownLines(String slackText, Function<String, String> people) {
    List<String> out = new ArrayList<>();
    if (slackText == null) {
      return out;
    }
    String text = slackText.replace("\r\n", "\n").replace('\r', '\n');
    String[] parts = text.split(FENCE, -1);
    boolean balanced = parts.length % 2 == 1;
    for (int i = 0; i < parts.length; i++) {
      boolean code = balanced && i % 2 == 1;
      if (code) {
        code(parts[i], out);
      } else {
        String prose = balanced ? parts[i] : text;
        for (String raw : prose.split("\n")) {
          String one = MarkdownText.oneLine(raw);
          if (!one.isEmpty()) {
            out.add(line(one, people, true));
          }
        }
        if (!balanced) {
          break;
        }
      }
    }
    return out;
  }

  private static void code(String block, List<String> out) {
    String body = block.startsWith("\n") ? block.substring(1) : block;
    body = body.endsWith("\n") ? body.substring(0, body.length() - 1) : body;
    List<String> lines = new ArrayList<>();
    int longestRun = 0;
    for (String raw : decode(body).split("\n", -1)) {
      String line = codeLine(raw);
      lines.add(line);
      int run = 0;
      for (int i = 0; i < line.length(); i++) {
        run = line.charAt(i) == '`' ? run + 1 : 0;
        longestRun = Math.max(longestRun, run);
      }
    }
    String fence = "`".repeat(Math.max(3, longestRun + 1));
    out.add(fence);
    out.addAll(lines);
    out.add(fence);
  }

  /** A line of code as typed, less control characters and direction overrides; tabs become spaces. */
  private static String codeLine(String raw) {
    StringBuilder line = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\t') {
        line.append("    ");
      } else if (Character.getType(c) != Character.CONTROL && !MarkdownText.isDirectionControl(c)) {
        line.append(c);
      }
    }
    return line.toString().stripTrailing();
  }

  private static String line(String line, Function<String, String> people, boolean startsLine) {
    Matcher m = MARKUP.matcher(line);
    StringBuilder out = new StringBuilder(line.length() + 32);
    int from = 0;
    while (m.find()) {
      out.append(plain(line.substring(from, m.start()), startsLine && from == 0 && m.start() > 0));
      out.append(markup(m.group(1), people));
      from = m.end();
    }
    out.append(plain(line.substring(from), startsLine && from == 0));
    return out.toString();
  }

  private static String decode(String encoded) {
    return encoded.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  private static String plain(String encoded, boolean startsLine) {
    return MarkdownText.escapeLine(decode(encoded), startsLine);
  }

  private static String plain(String text) {
    return plain(text, false);
  }

  private static String markup(String inner, Function<String, String> people) {
    int bar = inner.indexOf('|');
    String target = bar < 0 ? inner : inner.substring(0, bar);
    String label = bar < 0 || bar == inner.length() - 1 ? null : inner.substring(bar + 1);
    if (target.startsWith("@")) {
      String id = target.substring(1);
      return USER_ID.matcher(id).matches() ? people.apply(id) : plain("@" + (label != null ? label : id));
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
