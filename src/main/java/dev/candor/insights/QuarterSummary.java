package dev.candor.insights;

import dev.candor.followup.Level;
import dev.candor.incident.Durations;
import dev.candor.incident.Severity;
import dev.candor.incident.SeverityScale;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The report's figures as a few lines of plain text, for App Home and {@code /incident insights}: incidents by
 * severity, median times, post-mortems, follow-ups, the software-only share and nudges. No markup, no person.
 */
public final class QuarterSummary {
  private QuarterSummary() {}

  /** The lines for {@code insights}; {@code what} names its period ("This quarter"). */
  public static List<String> lines(Insights insights, String what) {
    return lines(insights, what, SeverityScale.defaults());
  }

  /** As above, naming severities as the team's {@code scale} does ({@code P1 3}). */
  public static List<String> lines(Insights insights, String what, SeverityScale scale) {
    List<String> lines = new ArrayList<>();
    String since = what + " (since " + insights.period().from() + ")";
    if (insights.empty()) {
      lines.add(since + ": no incidents declared" + (insights.cancelled() > 0 ? ", " + insights.cancelled()
          + " cancelled" : "") + ".");
      return lines;
    }
    Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
    insights.perWeek().forEach(w -> w.bySeverity().forEach((s, n) -> bySeverity.merge(s, n, Integer::sum)));
    StringJoiner sev = new StringJoiner(", ");
    bySeverity.forEach((s, n) -> {
      if (n > 0) {
        sev.add(scale.level(s).name() + " " + n);
      }
    });
    lines.add(since + ": " + plural(insights.incidents(), "incident") + " (" + sev + ")"
        + (insights.cancelled() > 0 ? ", " + insights.cancelled() + " cancelled" : "") + ".");
    lines.add("Median time to mitigate: " + medians(insights.toMitigate(), scale) + "; to resolve: "
        + medians(insights.toResolve(), scale) + ".");
    Insights.Postmortems pm = insights.postmortems();
    lines.add("Post-mortems: " + pm.held() + " held, " + pm.upcoming() + " scheduled, " + pm.notNeeded()
        + " not needed, " + pm.skipped() + " skipped, " + pm.undecided() + " undecided.");
    int[] t = insights.followUpTotals();
    Map<Level, Integer> byLevel = new EnumMap<>(Level.class);
    insights.followUps().forEach(m -> byLevel.merge(m.level(), m.total(), Integer::sum));
    StringJoiner levels = new StringJoiner(", ");
    byLevel.forEach((l, n) -> levels.add(l.label() + " " + n));
    lines.add("Follow-ups: " + t[0] + " done, " + t[1] + " open, " + t[2] + " overdue (" + levels + ").");
    Insights.SoftwareShare share = insights.softwareTotal();
    lines.add(share.percent().map(p -> "Only software-level follow-ups: " + p + "% of incidents with follow-ups ("
        + share.softwareOnly() + " of " + share.withFollowUps() + ").")
        .orElse("Only software-level follow-ups: no incident has follow-ups yet."));
    Insights.NudgeWeek nudges = insights.nudgeTotal();
    lines.add(nudges.per100().map(r -> String.format(Locale.ROOT, "Nudges: %.1f per 100 messages (%d in %,d "
        + "messages).", r, nudges.nudges(), nudges.messages())).orElse("Nudges: no messages yet."));
    return lines;
  }

  private static String medians(Map<Severity, Spread> spreads, SeverityScale scale) {
    if (spreads.isEmpty()) {
      return "none yet";
    }
    StringJoiner j = new StringJoiner(", ");
    spreads.forEach((s, spread) -> j.add(scale.level(s).name() + " " + Durations.words(spread.median())));
    return j.toString();
  }

  private static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
