package dev.candor.slack.platform;

import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.BlockCompositions;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;

/**
 * The one way text becomes Slack mrkdwn: {@code &}, {@code <} and {@code >} are escaped (Slack's "Formatting text
 * for app surfaces"), so nothing shown can ping {@code @channel}, {@code @here} or a group, or read as a link. Candor's
 * own text goes through {@link #escape} (its placeholders such as {@code <title>} included, or through {@link #code}),
 * people's words through {@link #words}, which keeps the mentions of people and links to channels that
 * {@link SlackText#words} kept.
 */
public final class Mrkdwn {
  private Mrkdwn() {}

  /**
   * People's words (as {@link SlackText#words} stored them) for mrkdwn: escaped as {@link #escape} escapes, except
   * that a mention of a person stays a mention ({@code <@U123>}) and a link to a channel stays a link
   * ({@code <#C123|deploys>}). {@code @here}, {@code @channel}, {@code @everyone} and groups were made plain words
   * when stored, and anything else in angle brackets is escaped: nothing in them pings more than the people named.
   */
  public static String words(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    Matcher m = SlackText.KEPT_MARKUP.matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 16);
    int from = 0;
    while (m.find()) {
      out.append(escape(text.substring(from, m.start()))).append(m.group());
      from = m.end();
    }
    return out.append(escape(text.substring(from))).toString();
  }

  /** Candor's own command or example as inline code, its placeholders escaped: {@code `/incident role <…>`}. */
  public static String code(String text) {
    return "`" + escape(text.replace("`", "'")) + "`";
  }

  public static String escape(String text) {
    return text == null ? "" : escapeClipped(text, Integer.MAX_VALUE, "");
  }

  /**
   * {@code text} escaped for mrkdwn in at most {@code max} characters: when it must be cut, it is cut
   * between characters of the original (never inside {@code &amp;} or a surrogate pair) and ends with
   * {@code tail}, which says so.
   */
  public static String escapeClipped(String text, int max, String tail) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 16);
    int room = max - tail.length();
    int fits = 0; // the longest escaped prefix, ending between characters, that leaves room for the tail
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        default -> out.append(c);
      }
      if (out.length() > max) {
        out.setLength(fits);
        return out.append(tail).toString();
      }
      if (out.length() <= room && !Character.isHighSurrogate(c)) {
        fits = out.length();
      }
    }
    return out.toString();
  }

  /** A mention of a user id that Candor itself checked. */
  public static String user(String userId) {
    return userId == null ? "nobody" : "<@" + userId + ">";
  }

  /**
   * A moment each reader sees in their own zone ({@code tokens} as Slack's {@code <!date>} takes them);
   * where a client cannot, the fallback shows it in {@code at}'s zone.
   */
  public static String date(ZonedDateTime at, String tokens) {
    String fallback = at.format(DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm zzz",
        Locale.ENGLISH));
    return "<!date^" + at.toEpochSecond() + "^" + tokens + "|" + fallback + ">";
  }

  public static String channel(String channelId) {
    return "<#" + channelId + ">";
  }

  /** Slack's limit on a section's text. */
  public static final int SECTION_LIMIT = 3_000;
  /** How far back a cut looks for the start of a link or mention it would split. */
  private static final int LONGEST_TOKEN = 1_000;

  /**
   * Cuts mrkdwn to at most {@code max} characters, ending with an ellipsis when cut; never inside an escape
   * ({@code &amp;}), a link or mention ({@code <…>}) or a surrogate pair, which Slack would show broken.
   */
  public static String clip(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    if (max < 2) {
      return "…";
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    int open = text.lastIndexOf('<', end - 1);
    if (open >= 0 && open > text.lastIndexOf('>', end - 1) && end - open <= LONGEST_TOKEN
        && text.indexOf('>', end) >= 0) {
      end = open;
    }
    int amp = text.lastIndexOf('&', end - 1);
    if (amp >= 0 && end - amp <= 8 && text.lastIndexOf(';', end - 1) < amp) {
      end = amp;
    }
    return text.substring(0, end) + "…";
  }

  /** A section of mrkdwn, cut to Slack's {@value #SECTION_LIMIT} characters when longer. */
  public static SectionBlock section(String mrkdwn) {
    String text = clip(mrkdwn, SECTION_LIMIT);
    return Blocks.section(
        s -> s.text(BlockCompositions.markdownText(text)));
  }
}
