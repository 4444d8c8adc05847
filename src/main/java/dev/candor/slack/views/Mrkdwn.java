package dev.candor.slack.views;

/**
 * Makes user text safe to post back in Slack's mrkdwn: {@code &}, {@code <} and {@code >} are
 * escaped, so no one can make Candor ping {@code @channel} or mention people or groups.
 */
public final class Mrkdwn {
  private Mrkdwn() {}

  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A mention of a user id that Candor itself checked. */
  public static String user(String userId) {
    return userId == null ? "nobody" : "<@" + userId + ">";
  }

  public static String channel(String channelId) {
    return "<#" + channelId + ">";
  }

  /** Cuts text to at most {@code max} characters, ending with an ellipsis when cut. */
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
    return text.substring(0, end) + "…";
  }
}
