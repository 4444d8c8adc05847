package dev.candor.insights;

import java.util.List;
import java.util.Locale;

/**
 * A vertical bar chart as inline SVG, bars stacked by series, drawn with no script and nothing fetched: an
 * accessible image ({@code role="img"} named by its {@code <title>} and {@code <desc>}), each bar with its own
 * {@code <title>} (the figure on hover), a y axis with round ticks and a label under every few bars.
 */
final class BarChart {
  static final int WIDTH = 640;
  static final int HEIGHT = 260;
  private static final int LEFT = 48;
  private static final int RIGHT = 12;
  private static final int TOP = 12;
  private static final int BOTTOM = 40;
  private static final double MIN_STEP = 4;
  private static final int MAX_LABELS = 13;

  /** One stack's layer: its name, its colour, and a value per bar. */
  record Series(String name, String color, double[] values) {}

  private BarChart() {}

  /**
   * The chart {@code id} (unique in the page) with {@code labels} along the x axis and {@code series} stacked on
   * each; {@code unit} follows the figure in each bar's title.
   */
  static String svg(String id, String title, String desc, List<String> labels, List<Series> series, String unit) {
    int n = labels.size();
    double plot = Math.max(WIDTH - LEFT - RIGHT, n * MIN_STEP);
    double step = plot / Math.max(1, n);
    int width = (int) Math.ceil(LEFT + plot + RIGHT);
    double max = 0;
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (Series s : series) {
        sum += s.values()[i];
      }
      max = Math.max(max, sum);
    }
    double tick = niceStep(max / 4);
    double top = tick * Math.max(1, Math.ceil(max / tick));
    double plotHeight = HEIGHT - TOP - BOTTOM;
    StringBuilder svg = Svg.open(id, title, desc, width, HEIGHT);
    // the y axis: ticks at round figures, with faint gridlines
    for (double value = 0; value <= top + tick / 2; value += tick) {
      double y = TOP + plotHeight - plotHeight * value / top;
      svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>",
          LEFT, LEFT + plot, y, y));
      svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
          LEFT - 6, y + 4, figure(value)));
    }
    svg.append("<g class=\"bars\">");
    double barWidth = Math.max(1, step * 0.75);
    for (int i = 0; i < n; i++) {
      double base = 0;
      double x = LEFT + i * step + (step - barWidth) / 2;
      for (Series s : series) {
        double v = s.values()[i];
        if (v <= 0) {
          continue;
        }
        double y0 = TOP + plotHeight - plotHeight * base / top;
        double h = plotHeight * v / top;
        svg.append(String.format(Locale.ROOT,
            "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>",
            x, y0 - h, barWidth, Math.max(h, 0.5), s.color(),
            Html.escape(labels.get(i) + ", " + s.name() + ": " + figure(v) + unit)));
        base += v;
      }
    }
    svg.append("</g>");
    svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>",
        LEFT, LEFT + plot, TOP + plotHeight, TOP + plotHeight));
    int every = Math.max(1, (int) Math.ceil(n / (double) MAX_LABELS));
    for (int i = 0; i < n; i += every) {
      svg.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>",
          LEFT + i * step + step / 2, TOP + plotHeight + 16, Html.escape(labels.get(i))));
    }
    return svg.append("</svg>").toString();
  }

  /** A round step at or above {@code rough}: 1, 2 or 5 times a power of ten, and at least 1. */
  static double niceStep(double rough) {
    if (rough <= 1) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(rough)));
    for (double m : new double[] {1, 2, 5}) {
      if (m * power >= rough) {
        return m * power;
      }
    }
    return 10 * power;
  }

  /** A figure as people read it: whole numbers without decimals, others with one. */
  static String figure(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%,.1f", v);
  }
}
