package dev.candor.postmortem;

/**
 * People's words made safe for a Markdown document: {@link dev.candor.timeline.MarkdownText}, which the
 * timeline's export shares, under the name the post-mortem's callers know.
 */
public final class MarkdownText {
  static final String SIGNIFICANT = dev.candor.timeline.MarkdownText.SIGNIFICANT;

  private MarkdownText() {}

  /** {@code text} on one line, escaped, safe anywhere in a line (its start too); empty for null. */
  public static String escape(String text) {
    return dev.candor.timeline.MarkdownText.escape(text);
  }

  static String oneLine(String text) {
    return dev.candor.timeline.MarkdownText.oneLine(text);
  }

  static String clip(String text, int max) {
    return dev.candor.timeline.MarkdownText.clip(text, max);
  }
}
