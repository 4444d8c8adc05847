package dev.candor.insights;

import java.util.regex.Pattern;

/**
 * Words people wrote (a "not needed" reason), with whoever they named taken out: insights show no person. A
 * Slack mention ({@code <@U0123|alex>}), a user group, a user id written out, and an {@code @handle} each become
 * "someone".
 */
final class Anonymous {
  private static final Pattern MENTION = Pattern.compile("<[@!][^>]*>");
  private static final Pattern USER_ID = Pattern.compile("\\b[UW][A-Z0-9]{7,}\\b");
  private static final Pattern HANDLE = Pattern.compile("(?<![\\w.])@[\\w][\\w.'-]*");

  private Anonymous() {}

  static String words(String text) {
    if (text == null || text.isBlank()) {
      return "(no reason given)";
    }
    String out = MENTION.matcher(text).replaceAll("someone");
    out = USER_ID.matcher(out).replaceAll("someone");
    out = HANDLE.matcher(out).replaceAll("someone");
    return out.strip().replaceAll("\\s+", " ");
  }
}
