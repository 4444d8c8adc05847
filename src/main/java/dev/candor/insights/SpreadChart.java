package dev.candor.insights;

import dev.candor.incident.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Durations across incidents as inline SVG, one row each: a line from the shortest to the longest, a box over the
 * middle half (p25 to p75) and a mark at the median, on a log scale (minutes to days fit on one axis).
 */
final class SpreadChart {
  private static final int WIDTH = 640;
  /** Room for the row labels at least; a longer label (a team's own severity name) widens it. */
  private static final int LEFT = 150;
  /** A generous width for one character of an 11px label, so a long one is never cut off at the left edge. */
  private static final double CHARACTER = 6.5;
  private static final int RIGHT = 16;
  private static final int TOP = 10;
  private static final int ROW = 26;
  private static final int BOTTOM = 34;
  private static final List<Duration> TICKS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(10),
      Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30),
      Duration.ofDays(365));

  /** A row: its label, its colour and its spread. */
  record Row(String label, String color, Spread spread) {}

  private SpreadChart() {}

  static String svg(String id, String title, String desc, List<Row> rows) {
    int height = TOP + rows.size() * ROW + BOTTOM;
    double low = Math.log10(seconds(TICKS.get(0)));
    Duration longest = rows.stream().map(r -> r.spread().max()).max(Duration::compareTo).orElse(Duration.ZERO);
    Duration last = TICKS.stream().filter(t -> t.compareTo(longest) >= 0 && t.compareTo(TICKS.get(0)) > 0).findFirst()
        .orElse(TICKS.get(TICKS.size() - 1));
    double high = Math.log10(seconds(last));
    int left = Math.max(LEFT, (int) Math.ceil(8 + 4 + CHARACTER
        * rows.stream().mapToInt(r -> r.label().length()).max().orElse(0)));
    double plot = WIDTH - left - RIGHT;
    StringBuilder svg = Svg.open(id, title, desc, WIDTH, height);
    int bottom = TOP + rows.size() * ROW;
    for (Duration t : TICKS) {
      if (t.compareTo(last) > 0) {
        break;
      }
      double x = x(t, left, low, high, plot);
      svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/>",
          x, x, TOP, bottom));
      svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
          x, bottom + 16, Durations.words(t)));
    }
    svg.append("<g class=\"bars\">");
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      Spread s = r.spread();
      double mid = TOP + i * ROW + ROW / 2.0;
      svg.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
          left - 8, mid + 4, Html.escape(r.label())));
      double x0 = x(s.min(), left, low, high, plot);
      double x1 = x(s.max(), left, low, high, plot);
      svg.append(String.format(Locale.ROOT, "<line class=\"whisker\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
          + "stroke=\"%s\"/>", x0, x1, mid, mid, r.color()));
      double b0 = x(s.p25(), left, low, high, plot);
      double b1 = x(s.p75(), left, low, high, plot);
      svg.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" "
          + "fill=\"%s\"><title>%s</title></rect>", b0, mid - 8, Math.max(2, b1 - b0), 16, r.color(),
          Html.escape(r.label() + ": median " + Durations.words(s.median()) + ", middle half "
              + Durations.words(s.p25()) + " to " + Durations.words(s.p75()) + " (" + s.count() + " incident"
              + (s.count() == 1 ? "" : "s") + ")")));
      double m = x(s.median(), left, low, high, plot);
      svg.append(String.format(Locale.ROOT, "<line class=\"median\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>",
          m, m, mid - 10, mid + 10));
    }
    svg.append("</g>");
    return svg.append("</svg>").toString();
  }

  private static double x(Duration d, int left, double low, double high, double plot) {
    double v = Math.log10(Math.max(seconds(TICKS.get(0)), seconds(d)));
    return left + plot * Math.min(1, (v - low) / (high - low));
  }

  private static double seconds(Duration d) {
    return Math.max(1, d.toMillis() / 1000.0);
  }
}
