package dev.candor.replay;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a person's message says the incident was mitigated or resolved: how a channel from before Candor
 * gets its incident's times. Plain statements only ("Resolved: checkout latency is back to normal",
 * "marking this resolved", "all clear"); questions, negations and code are not signs.
 */
final class ResolutionSigns {
  private static final String OPENING = "(?:^|[.!;]\\s+|\\n)\\s*(?:[*_~>]+\\s*)?(?::[a-z0-9_+-]+:\\s*)*(?:update\\s*:\\s*)?";
  private static final Pattern RESOLVED = Pattern.compile(
      OPENING + "(?:resolved|all[- ]clear|incident (?:is )?(?:now )?(?:resolved|over|closed))\\b"
          + "|\\b(?:marking|declaring|calling|considering)\\s+(?:this|it|the incident)\\s+(?:as\\s+)?(?:fully\\s+)?resolved\\b"
          + "|\\bincident\\s+(?:is\\s+)?(?:now\\s+)?(?:fully\\s+)?resolved\\b"
          + "|\\bwe(?:'re| are)\\s+(?:fully\\s+)?resolved\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern MITIGATED = Pattern.compile(
      OPENING + "mitigated\\b"
          + "|\\b(?:incident|issue|impact|problem|outage|it|this)\\s+(?:is|has been|was)\\s+(?:now\\s+)?mitigated\\b"
          + "|\\bwe(?:'re| are)\\s+(?:now\\s+)?mitigated\\b"
          + "|\\bmitigation\\s+(?:is\\s+)?(?:in place|holding|worked|is working)\\b"
          + "|\\b(?:impact|the bleeding|customer impact)\\s+(?:has|have)\\s+stopped\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern DOUBT = Pattern.compile(
      "\\b(?:not|isn't|aren't|wasn't|no longer|un|if|once|until|before|when|maybe|probably|almost)\\s*(?:yet\\s+)?"
          + "(?:fully\\s+|really\\s+|been\\s+)?(?:resolved|mitigated|all[- ]clear|over)\\b|\\?",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern CODE = Pattern.compile("```[\\s\\S]*?(?:```|$)|`[^`\\n]*`");

  private ResolutionSigns() {}

  static boolean resolves(String text) {
    return mayHold(text, "resolved", "clear", "over", "closed") && sign(RESOLVED, text);
  }

  static boolean mitigates(String text) {
    return mayHold(text, "mitigat", "stopped", "", "") && sign(MITIGATED, text);
  }

  /** A cheap look for the words every sign needs, so most messages skip the expressions. */
  private static boolean mayHold(String text, String a, String b, String c, String d) {
    if (text == null || text.isBlank()) {
      return false;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.contains(a) || lower.contains(b) || (!c.isEmpty() && lower.contains(c))
        || (!d.isEmpty() && lower.contains(d));
  }

  private static boolean sign(Pattern pattern, String text) {
    String prose = CODE.matcher(text).replaceAll(" ");
    return pattern.matcher(prose).find() && !DOUBT.matcher(prose).find();
  }
}
