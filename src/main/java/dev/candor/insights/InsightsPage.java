package dev.candor.insights;

import dev.candor.followup.Level;
import dev.candor.incident.Durations;
import dev.candor.incident.Severity;
import dev.candor.incident.SeverityScale;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The insights report as one self-contained HTML page: inline CSS, charts as inline SVG, each beside a table of its
 * figures (for screen readers and copying). No script, no font, image or style from anywhere: it opens offline.
 * Nothing in it is about a person.
 */
public final class InsightsPage {
  static final String[] SEVERITY_COLORS = {"#b2182b", "#e08214", "#4393c3", "#8c96a0"};
  static final String DONE = "#1b7837";
  static final String OPEN = "#4393c3";
  static final String OVERDUE = "#c51b7d";
  static final String NUDGES = "#7b3294";
  private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT);

  private InsightsPage() {}

  /** The page for {@code insights}; {@code source} names the database it was read from, for the header. */
  public static String render(Insights insights, String source) {
    return render(insights, source, SeverityScale.defaults());
  }

  /** As above, naming severities as the team's {@code scale} does ({@code P1}), in its order, SEV1 first. */
  public static String render(Insights insights, String source, SeverityScale scale) {
    StringBuilder html = new StringBuilder(64 * 1024);
    Period p = insights.period();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Candor insights, ").append(p.from()).append(" to ").append(p.to()).append("</title>")
        .append("<style>").append(CSS).append("</style></head><body><main>")
        .append("<h1>Is the team learning?</h1>")
        .append("<p class=\"lead\">Incidents declared from <strong>").append(p.from()).append("</strong> to <strong>")
        .append(p.to()).append("</strong> (dates in ").append(Html.escape(p.zone().getId())).append("), read from ")
        .append(Html.escape(source)).append(" at ")
        .append(insights.now().atOffset(ZoneOffset.UTC).withNano(0).toLocalDateTime()).append(" UTC.</p>");
    if (insights.empty()) {
      html.append("<p class=\"empty\" id=\"empty\">No incidents were declared in this period")
          .append(insights.cancelled() > 0 ? " (only " + insights.cancelled() + " cancelled, which are not counted)"
              : "")
          .append(", so there is nothing to chart yet. Once incidents are declared with <code>/incident</code>, ")
          .append("run <code>candor insights</code> again.</p>");
    } else {
      html.append("<p>").append(insights.incidents()).append(insights.incidents() == 1 ? " incident" : " incidents")
          .append(insights.cancelled() > 0 ? "; " + insights.cancelled() + " cancelled (not incidents after all) "
              + "are left out of every figure" : "").append(".</p>");
      perWeek(html, insights, scale);
      timeTo(html, insights, scale);
      postmortems(html, insights.postmortems());
      followUps(html, insights);
      softwareOnly(html, insights);
      nudges(html, insights);
    }
    html.append("<footer><p>Counts and durations only: no figure here is about a person, and names in the reasons "
        + "people gave are left out. Made by <code>candor insights</code>; no script, nothing loaded from the "
        + "network.</p></footer></main></body></html>\n");
    return html.toString();
  }

  private static void perWeek(StringBuilder html, Insights insights, SeverityScale scale) {
    List<String> labels = new ArrayList<>();
    List<BarChart.Series> series = new ArrayList<>();
    List<Insights.WeekCount> weeks = insights.perWeek();
    for (Severity s : severities(scale)) {
      double[] values = new double[weeks.size()];
      for (int i = 0; i < weeks.size(); i++) {
        values[i] = weeks.get(i).bySeverity().get(s);
      }
      series.add(new BarChart.Series(scale.level(s).name(), SEVERITY_COLORS[s.ordinal()], values));
    }
    weeks.forEach(w -> labels.add(w.monday().format(SHORT)));
    section(html, "per-week", "Incidents per week, by severity");
    legend(html, series);
    figure(html, BarChart.svg("chart-per-week", "Incidents per week, by severity",
        "Stacked bars, one per week starting Monday, of the incidents declared that week by severity, from "
            + insights.period().from() + " to " + insights.period().to() + ".", labels, series, ""));
    Table t = new Table("Incidents declared per week (week starting Monday)",
        header("week", severities(scale).stream().map(scale::label).toList(), "total"));
    for (Insights.WeekCount w : weeks) {
      List<String> cells = new ArrayList<>();
      for (Severity s : severities(scale)) {
        cells.add(Integer.toString(w.bySeverity().get(s)));
      }
      cells.add(Integer.toString(w.total()));
      t.row(w.monday().toString(), cells);
    }
    html.append(t.html()).append("</div></section>");
  }

  private static void timeTo(StringBuilder html, Insights insights, SeverityScale scale) {
    section(html, "time-to", "Time to mitigate and to resolve, by severity");
    html.append("<p class=\"note\">From the start of each incident. The box spans the middle half of incidents (25th "
        + "to 75th percentile), the dark mark is the median, the line runs from the quickest to the slowest. "
        + "Log scale.</p>");
    List<SpreadChart.Row> rows = new ArrayList<>();
    Table t = new Table("Time to mitigate and to resolve, by severity", List.of("severity", "measure", "incidents",
        "median", "25th percentile", "75th percentile", "quickest", "slowest"));
    for (Severity s : severities(scale)) {
      String name = scale.level(s).name();
      add(rows, t, name, SEVERITY_COLORS[s.ordinal()], "to mitigate", insights.toMitigate().get(s));
      add(rows, t, name, SEVERITY_COLORS[s.ordinal()], "to resolve", insights.toResolve().get(s));
    }
    if (rows.isEmpty()) {
      html.append("<p>No incident has been mitigated or resolved yet.</p></div></section>");
      return;
    }
    figure(html, SpreadChart.svg("chart-time-to", "Time to mitigate and to resolve, by severity",
        "For each severity, the spread of the time from an incident's start to its mitigation and to its "
            + "resolution: quickest to slowest, the middle half as a box, and the median.", rows));
    html.append(t.html()).append("</div></section>");
  }

  private static void add(List<SpreadChart.Row> rows, Table t, String severity, String color, String measure,
      Spread spread) {
    if (spread == null) {
      return;
    }
    rows.add(new SpreadChart.Row(severity + " " + measure, color, spread));
    t.row(severity, List.of(measure, Integer.toString(spread.count()), Durations.words(spread.median()),
        Durations.words(spread.p25()), Durations.words(spread.p75()), Durations.words(spread.min()),
        Durations.words(spread.max())));
  }

  private static void postmortems(StringBuilder html, Insights.Postmortems pm) {
    section(html, "postmortems", "Post-mortems: held, not needed, skipped");
    String[] names = {"held", "scheduled, not yet held", "not needed", "skipped (closed without one)",
        "undecided (resolved, no decision yet)"};
    int[] counts = {pm.held(), pm.upcoming(), pm.notNeeded(), pm.skipped(), pm.undecided()};
    String[] colors = {DONE, OPEN, "#8c96a0", OVERDUE, "#e08214"};
    List<BarChart.Series> series = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      double[] values = new double[names.length];
      values[i] = counts[i];
      series.add(new BarChart.Series(names[i], colors[i], values));
    }
    legend(html, series);
    figure(html, BarChart.svg("chart-postmortems", "Post-mortems of the resolved incidents",
        "One bar per outcome: held, scheduled but not yet held, decided not needed, skipped (the incident was "
            + "closed with none held or decided against), and undecided.",
        List.of("held", "scheduled", "not needed", "skipped", "undecided"), series, " incidents"));
    Table t = new Table("Post-mortems of the resolved incidents", List.of("outcome", "incidents"));
    for (int i = 0; i < names.length; i++) {
      t.row(names[i], List.of(Integer.toString(counts[i])));
    }
    html.append(t.html()).append("</div>");
    if (pm.stillOpen() > 0) {
      html.append("<p class=\"note\">").append(pm.stillOpen()).append(pm.stillOpen() == 1 ? " incident is" : " incidents are")
          .append(" still open: no post-mortem is due yet.</p>");
    }
    html.append("<h3>Why no post-mortem was needed</h3>");
    if (pm.reasons().isEmpty()) {
      html.append("<p>No post-mortem was decided not needed.</p>");
    } else {
      html.append("<ul class=\"reasons\">");
      pm.reasons().forEach((reason, n) -> html.append("<li>").append(Html.escape(reason))
          .append(n > 1 ? " <span class=\"times\">(" + n + " incidents)</span>" : "").append("</li>"));
      html.append("</ul>");
    }
    html.append("</section>");
  }

  private static void followUps(StringBuilder html, Insights insights) {
    section(html, "followups", "Follow-ups by level, done, open and overdue");
    int[] totals = insights.followUpTotals();
    html.append("<p class=\"note\">By the month each follow-up was added, as they stand today: ").append(totals[0])
        .append(" done, ").append(totals[1]).append(" open, ").append(totals[2]).append(" overdue")
        .append(insights.droppedFollowUps() > 0 ? "; " + insights.droppedFollowUps() + " dropped ones are left out"
            : "").append(".</p>");
    if (totals[0] + totals[1] + totals[2] == 0) {
      html.append("<p>No follow-ups were added for these incidents.</p></div></section>");
      return;
    }
    List<BarChart.Series> legend = List.of(new BarChart.Series("done", DONE, new double[0]),
        new BarChart.Series("open", OPEN, new double[0]), new BarChart.Series("overdue", OVERDUE, new double[0]));
    legend(html, legend);
    html.append("</div>");
    for (Level level : Level.values()) {
      List<Insights.FollowUpMonth> months = insights.followUps().stream().filter(m -> m.level() == level).toList();
      List<String> labels = months.stream().map(m -> monthLabel(m.month())).toList();
      double[] done = new double[months.size()];
      double[] open = new double[months.size()];
      double[] overdue = new double[months.size()];
      Table t = new Table("Follow-ups at the " + level.label() + " level, by month added",
          List.of("month", "done", "open", "overdue"));
      for (int i = 0; i < months.size(); i++) {
        Insights.FollowUpMonth m = months.get(i);
        done[i] = m.done();
        open[i] = m.open();
        overdue[i] = m.overdue();
        t.row(m.month().toString(), List.of(Integer.toString(m.done()), Integer.toString(m.open()),
            Integer.toString(m.overdue())));
      }
      int sum = months.stream().mapToInt(Insights.FollowUpMonth::total).sum();
      html.append("<h3>").append(Html.escape(capitalized(level.label()))).append(" (").append(sum).append(")</h3>");
      if (sum == 0) {
        html.append("<p>None at this level.</p>");
        continue;
      }
      html.append("<div class=\"pair\">");
      figure(html, BarChart.svg("chart-followups-" + level.name().toLowerCase(Locale.ROOT),
          "Follow-ups at the " + level.label() + " level",
          "Stacked bars, one per month, of the follow-ups at the " + level.label() + " level added that month: "
              + "done, open and overdue.", labels,
          List.of(new BarChart.Series("done", DONE, done), new BarChart.Series("open", OPEN, open),
              new BarChart.Series("overdue", OVERDUE, overdue)), ""));
      html.append(t.html()).append("</div>");
    }
    html.append("</section>");
  }

  private static void softwareOnly(StringBuilder html, Insights insights) {
    section(html, "software-only", "Incidents whose follow-ups were all at the software level");
    Insights.SoftwareShare all = insights.softwareTotal();
    html.append("<p class=\"note\">");
    if (all.percent().isEmpty()) {
      html.append("No incident has follow-ups yet.</p></div></section>");
      return;
    }
    html.append("<strong>").append(all.percent().get()).append("%</strong> (").append(all.softwareOnly())
        .append(" of ").append(all.withFollowUps()).append(" incidents with follow-ups) learned only at the software "
            + "level: a fix in the code, nothing about how the team works. By the month each incident was declared.")
        .append("</p>");
    List<Insights.SoftwareShare> months = insights.softwareOnly();
    double[] values = new double[months.size()];
    Table t = new Table("Incidents whose follow-ups were all at the software level, by month",
        List.of("month", "incidents with follow-ups", "only software-level", "share"));
    for (int i = 0; i < months.size(); i++) {
      Insights.SoftwareShare m = months.get(i);
      values[i] = m.percent().orElse(0);
      t.row(m.label(), List.of(Integer.toString(m.withFollowUps()), Integer.toString(m.softwareOnly()),
          m.percent().map(v -> v + "%").orElse("n/a")));
    }
    figure(html, BarChart.svg("chart-software-only", "Share of incidents with only software-level follow-ups",
        "One bar per month: the percentage of that month's incidents with follow-ups whose follow-ups were all at "
            + "the software level.", months.stream().map(m -> monthLabel(YearMonth.parse(m.label()))).toList(),
        List.of(new BarChart.Series("only software-level", SEVERITY_COLORS[2], values)), "%"));
    html.append(t.html()).append("</div></section>");
  }

  private static void nudges(StringBuilder html, Insights insights) {
    section(html, "nudges", "Blameless-language nudges per 100 messages, per week");
    Insights.NudgeWeek total = insights.nudgeTotal();
    html.append("<p class=\"note\">Private notes Candor sent about blaming language, per 100 messages in the "
        + "incident channels, by the week they were written and sent (UTC dates; ")
        .append(total.per100().map(InsightsPage::rate).orElse("no messages")).append(" over the period). Counted "
            + "per channel, never per person.</p>");
    List<Insights.NudgeWeek> weeks = insights.nudges();
    double[] values = new double[weeks.size()];
    Table t = new Table("Nudges per 100 messages, per week (week starting Monday)",
        List.of("week", "messages", "nudges", "per 100 messages"));
    for (int i = 0; i < weeks.size(); i++) {
      Insights.NudgeWeek w = weeks.get(i);
      values[i] = w.per100().map(v -> Math.round(v * 10) / 10.0).orElse(0.0);
      t.row(w.monday().toString(), List.of(Long.toString(w.messages()), Long.toString(w.nudges()),
          w.per100().map(InsightsPage::rate).orElse("n/a")));
    }
    figure(html, BarChart.svg("chart-nudges", "Nudges per 100 messages, per week",
        "One bar per week starting Monday: private blameless-language nudges sent that week per 100 messages "
            + "written that week in the incident channels.", weeks.stream().map(w -> w.monday().format(SHORT)).toList(),
        List.of(new BarChart.Series("nudges per 100 messages", NUDGES, values)), ""));
    html.append(t.html()).append("</div></section>");
  }

  /** {@code Jan}, with the year where it starts: {@code Jan 2027}. */
  private static String monthLabel(YearMonth month) {
    String name = month.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT);
    return month.getMonthValue() == 1 ? name + " " + month.getYear() : name;
  }

  private static String rate(double per100) {
    return String.format(Locale.ROOT, "%.1f per 100 messages", per100);
  }

  private static void section(StringBuilder html, String id, String heading) {
    html.append("<section id=\"").append(id).append("\"><h2>").append(Html.escape(heading)).append("</h2>")
        .append("<div class=\"pair\">");
  }

  private static void figure(StringBuilder html, String svg) {
    html.append("<figure>").append(svg).append("</figure>");
  }

  private static void legend(StringBuilder html, List<BarChart.Series> series) {
    html.append("<ul class=\"legend\" aria-hidden=\"true\">");
    series.forEach(s -> html.append("<li><span class=\"swatch\" style=\"background:").append(s.color())
        .append("\"></span>").append(Html.escape(s.name())).append("</li>"));
    html.append("</ul>");
  }

  /** The severities in the scale's order, the worst first. */
  private static List<Severity> severities(SeverityScale scale) {
    return scale.levels().stream().map(SeverityScale.Level::severity).toList();
  }

  private static List<String> header(String first, List<String> middle, String last) {
    List<String> out = new ArrayList<>();
    out.add(first);
    out.addAll(middle);
    out.add(last);
    return out;
  }

  private static String capitalized(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** A table with a caption, column headers and a header cell per row. */
  private static final class Table {
    private final StringBuilder html = new StringBuilder();

    Table(String caption, List<String> columns) {
      html.append("<table><caption>").append(Html.escape(caption)).append("</caption><thead><tr>");
      columns.forEach(c -> html.append("<th scope=\"col\">").append(Html.escape(c)).append("</th>"));
      html.append("</tr></thead><tbody>");
    }

    void row(String head, List<String> cells) {
      html.append("<tr><th scope=\"row\">").append(Html.escape(head)).append("</th>");
      cells.forEach(c -> html.append("<td>").append(Html.escape(c)).append("</td>"));
      html.append("</tr>");
    }

    String html() {
      return "<div class=\"table\">" + html + "</tbody></table></div>";
    }
  }

  private static final String CSS = String.join("",
      "body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d232a;",
      "background:#fafafa}main{max-width:1240px;margin:0 auto;padding:24px}h1{margin:0 0 4px}",
      "h2{margin:32px 0 8px;border-top:1px solid #ddd;padding-top:16px}h3{margin:16px 0 4px}",
      ".lead{color:#444}.note{color:#444;max-width:70em}.empty{font-size:18px;padding:16px;background:#fff;",
      "border:1px solid #ddd}.pair{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}",
      "figure{margin:0;background:#fff;border:1px solid #e3e3e3;padding:8px;max-width:100%;overflow-x:auto}",
      ".table{max-height:320px;overflow:auto;background:#fff;border:1px solid #e3e3e3}",
      "table{border-collapse:collapse;font-size:13px}caption{text-align:left;font-weight:600;padding:6px 8px}",
      "th,td{padding:3px 8px;border-bottom:1px solid #eee;text-align:right;white-space:nowrap}",
      "th[scope=row]{text-align:left;font-weight:normal}thead th{position:sticky;top:0;background:#f3f3f3}",
      ".legend{list-style:none;padding:0;margin:0 0 8px;display:flex;flex-wrap:wrap;gap:12px;width:100%}",
      ".swatch{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}",
      "svg text{font:11px system-ui,sans-serif;fill:#444}.grid{stroke:#eee}.axis{stroke:#888}",
      ".whisker{stroke-width:2}.median{stroke:#111;stroke-width:3}.reasons li{margin:2px 0}",
      ".times{color:#666}footer{margin-top:40px;color:#666;font-size:13px}code{background:#eee;padding:0 3px}");
}
