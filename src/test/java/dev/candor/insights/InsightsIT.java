package dev.candor.insights;

import static dev.candor.testing.CandorJar.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.testing.CandorJar;
import dev.candor.testing.CandorJar.Run;
import dev.candor.testing.HeadlessChromium;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.TeamSeverities;
import dev.candor.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code candor insights} as an operator runs it (the packaged jar, a child JVM) over a database Candor filled
 * through its real server ({@link SampleIncidents}): the figures in the report's tables, no person anywhere, and
 * bad arguments and an empty database each said in one line.
 */
class InsightsIT {
  @TempDir static Path filled;
  static Path report;
  static String html;

  @BeforeAll
  static void aRecordMadeThroughTheServer_thenTheReport() throws Exception {
    TestClock clock = SampleIncidents.clock();
    try (RunningCandor candor = RunningCandor.start(filled, SampleIncidents.settings(), clock)) {
      SampleIncidents.script(candor, clock);
    }
    Run run = CandorJar.run(filled, env(filled), "insights", "--since", "2026-10-01", "--out", "report");
    assertEquals(0, run.exit(), run.describe());
    report = filled.resolve("report").resolve("insights.html");
    assertTrue(run.out().contains("Wrote " + report.toAbsolutePath()) && run.out().contains("4 incidents"),
        run.describe());
    html = Files.readString(report, StandardCharsets.UTF_8);
  }

  static Map<String, String> env(Path dir) {
    return Map.of("DATABASE_URL", "jdbc:sqlite:" + dir.resolve("candor.db"));
  }

  @Test
  void incidentsPerWeek_bySeverity_leaveTheCancelledOneOut() {
    assertEquals(List.of("1", "0", "0", "0", "1"), row("Incidents declared per week", "2026-10-05"));
    assertEquals(List.of("0", "1", "1", "0", "2"), row("Incidents declared per week", "2026-10-12"));
    assertEquals(List.of("0", "1", "0", "0", "1"), row("Incidents declared per week", "2026-10-19"));
    assertTrue(html.contains("1 cancelled"), "the cancelled one is counted apart");
  }

  @Test
  void timeToMitigateAndResolve_perSeverity() {
    assertEquals(List.of("to mitigate", "1", "18 min", "18 min", "18 min", "18 min", "18 min"),
        row("Time to mitigate and to resolve", "SEV1"));
    String table = table("Time to mitigate and to resolve");
    assertTrue(table.contains("<th scope=\"row\">SEV3</th><td>to resolve</td><td>1</td><td>3 h</td>"), table);
    assertTrue(table.contains("<th scope=\"row\">SEV2</th><td>to resolve</td><td>1</td><td>1 h</td>"),
        "the open sev2 is not resolved yet: " + table);
  }

  @Test
  void postmortems_held_notNeededWithItsReason_skipped() {
    assertEquals(List.of("1"), row("Post-mortems of the resolved incidents", "held"));
    assertEquals(List.of("1"), row("Post-mortems of the resolved incidents", "not needed"));
    assertEquals(List.of("1"), row("Post-mortems of the resolved incidents", "skipped (closed without one)"));
    assertEquals(List.of("0"), row("Post-mortems of the resolved incidents", "undecided (resolved, no decision yet)"));
    assertTrue(html.contains("<li>same cause as INC-1; someone covered it with someone&#39;s fix</li>"),
        "the reason, with the person it named left out: " + html);
  }

  @Test
  void followUps_perLevel_doneAndOverdue_andTheSoftwareOnlyShare() {
    assertEquals(List.of("0", "0", "1"), row("Follow-ups at the process level", "2026-10"),
        "due 2026-10-20, still open today");
    assertEquals(List.of("1", "0", "2"), row("Follow-ups at the software level", "2026-10"));
    assertTrue(html.contains("<strong>67%</strong> (2 of 3 incidents with follow-ups)"), html);
    assertEquals(List.of("3", "2", "67%"), row("Incidents whose follow-ups were all at the software level", "2026-10"));
  }

  @Test
  void nudgesPer100Messages_perWeek() {
    assertEquals(List.of("3", "1", "33.3 per 100 messages"), row("Nudges per 100 messages", "2026-10-05"));
    assertEquals(List.of("1", "0", "0.0 per 100 messages"), row("Nudges per 100 messages", "2026-10-19"),
        "INC-5's first week: one message, no nudge");
    assertEquals(List.of("1", "1", "100.0 per 100 messages"), row("Nudges per 100 messages", "2026-10-26"),
        "the week its nudge went out, not the week INC-5 was declared");
  }

  @Test
  void everyChart_isAnAccessibleImage_besideATableOfItsFigures_andThePageNeedsNothingElse() {
    Matcher svg = Pattern.compile("<svg [^>]*role=\"img\" aria-labelledby=\"([\\w-]+)-title \\1-desc\"").matcher(html);
    int charts = 0;
    while (svg.find()) {
      charts++;
      assertTrue(html.contains("<title id=\"" + svg.group(1) + "-title\">"), svg.group(1));
      assertTrue(html.contains("<desc id=\"" + svg.group(1) + "-desc\">"), svg.group(1));
    }
    // per week, time to, post-mortems, two levels of follow-ups (process, software), software-only, nudges
    assertEquals(7, charts, html);
    assertEquals(charts, count("<table><caption>"), "a table with its caption beside each chart");
    assertEquals(charts, count("</th></tr></thead>"), "each with column headers");
    assertFalse(html.contains("<script"), "no script");
    assertFalse(Pattern.compile("(?i)(src|href)\\s*=|url\\(|@import|https?://(?!www\\.w3\\.org/2000/svg)")
        .matcher(html).find(), "nothing to fetch");
  }

  @Test
  void noPersonAppears_noUserIdNoName() {
    for (String person : SampleIncidents.PEOPLE) {
      String name = person.substring(1).toLowerCase();
      assertFalse(html.contains(person), person + " in the report");
      assertFalse(Pattern.compile("(?i)\\b" + name + "\\b").matcher(html).find(), name + " in the report");
      assertFalse(html.contains("Person " + person), "the name Slack shows for " + person);
    }
  }

  @Test
  void aTeamsSeverityNames_inChartsLegendsAndTables_inTheScalesOrder_theFiguresUnchanged(@TempDir Path dir)
      throws Exception {
    Map<String, String> team = new java.util.HashMap<>(env(filled));
    team.put("CANDOR_SEVERITIES", TeamSeverities.pFile(dir).toString());

    Run run = CandorJar.run(dir, team, "insights", "--since", "2026-10-01", "--out", "team");

    assertEquals(0, run.exit(), run.describe());
    String page = Files.readString(dir.resolve("team").resolve("insights.html"), StandardCharsets.UTF_8);
    assertTrue(page.contains("<tr><th scope=\"col\">week</th><th scope=\"col\">P1 (critical)</th><th scope=\"col\">"
        + "P2 (high)</th><th scope=\"col\">P3 (medium)</th><th scope=\"col\">P4 (low)</th><th scope=\"col\">total"),
        "the table's columns, worst first: " + page);
    assertTrue(Pattern.compile("<ul class=\"legend\"[^>]*><li>[^/]*</span>P1</li><li>[^/]*</span>P2</li>"
        + "<li>[^/]*</span>P3</li><li>[^/]*</span>P4</li></ul>").matcher(page).find(), "the chart's legend: " + page);
    assertTrue(page.contains("<title>Oct 5, P1: 1</title>"), "a bar's title: " + page);
    assertTrue(page.contains(">P1 to mitigate</text>"), "a spread's label: " + page);
    assertEquals(row(html, "Time to mitigate and to resolve", "SEV1"), row(page, "Time to mitigate and to resolve",
        "P1"));
    assertFalse(Pattern.compile("SEV ?[1-4]").matcher(page).find(), "no code where people read: " + page);
    String codes = html;
    for (String[] name : new String[][] {{"SEV1 (critical)", "P1 (critical)"}, {"SEV2 (major)", "P2 (high)"},
        {"SEV3 (minor)", "P3 (medium)"}, {"SEV4 (low)", "P4 (low)"}, {"SEV1", "P1"}, {"SEV2", "P2"}, {"SEV3", "P3"},
        {"SEV4", "P4"}}) {
      codes = codes.replace(name[0], name[1]);
    }
    assertEquals(readAt(codes), readAt(page), "the names are all that changed");
  }

  @Test
  void aBadSeveritiesFile_isOneLineNamingIt_exitTwo_andWritesNothing(@TempDir Path dir) throws Exception {
    Path broken = Files.writeString(dir.resolve("severities.json"), TeamSeverities.P_JSON.replace("\"P4\"", "\"P3\""));
    Map<String, String> team = new java.util.HashMap<>(env(filled));
    team.put("CANDOR_SEVERITIES", broken.toString());

    Run run = CandorJar.run(dir, team, "insights", "--out", "team");

    assertEquals(2, run.exit(), run.describe());
    assertEquals(List.of("candor: CANDOR_SEVERITIES (" + broken + "): \"P3\" is a word for both SEV3 and SEV4"),
        run.errLines(), run.describe());
    assertNoStackTrace(run);
    assertFalse(Files.exists(dir.resolve("team")), "nothing written");
  }

  /** {@code page} with the moment it was read (in its first paragraph) left out. */
  private static String readAt(String page) {
    return page.replaceFirst(" at [0-9T:-]+ UTC\\.</p>", " at (when) UTC.</p>");
  }

  @Test
  void badArguments_oneLineNamingTheProblem_exitTwo(@TempDir Path dir) throws Exception {
    for (List<String> args : List.of(List.of("--since", "last tuesday"), List.of("--since", "2999-01-01"),
        List.of("--sinse", "2026-01-01"), List.of("--out"))) {
      String[] command = new String[args.size() + 1];
      command[0] = "insights";
      for (int i = 0; i < args.size(); i++) {
        command[i + 1] = args.get(i);
      }
      Run run = CandorJar.run(dir, env(filled), command);
      assertEquals(2, run.exit(), run.describe());
      assertEquals(1, run.errLines().size(), run.describe());
      assertTrue(run.err().contains(args.get(0)), run.describe());
      assertNoStackTrace(run);
    }
    Files.writeString(dir.resolve("taken"), "a file");
    Run file = CandorJar.run(dir, env(filled), "insights", "--out", "taken");
    assertEquals(2, file.exit(), file.describe());
    assertTrue(file.err().contains("--out taken is a file"), file.describe());
    Run missing = CandorJar.run(dir, Map.of("DATABASE_URL", "jdbc:sqlite:" + dir.resolve("nowhere.db")), "insights");
    assertEquals(2, missing.exit(), missing.describe());
    assertTrue(missing.err().contains("there is no database"), missing.describe());
    assertEquals(1, missing.errLines().size(), missing.describe());
  }

  @Test
  void anEmptyDatabase_saysSoPlainly(@TempDir Path dir) throws Exception {
    try (RunningCandor candor = RunningCandor.start(dir)) {
      candor.awaitJobsIdle(); // migrated, nothing declared
    }
    Run run = CandorJar.run(dir, env(dir), "insights", "--since", "2026-01-01");
    assertEquals(0, run.exit(), run.describe());
    assertTrue(run.out().startsWith("No incidents were declared from 2026-01-01"), run.describe());
    String page = Files.readString(dir.resolve("insights.html"), StandardCharsets.UTF_8);
    assertTrue(page.contains("No incidents were declared in this period, so there is nothing to chart yet"), page);
    assertFalse(page.contains("<svg"), "no empty charts");
  }

  /** Added to a copy of the report only: what the browser laid out, and every resource the page loaded. */
  static final String MEASURE = "<script>const out = []; document.querySelectorAll('svg').forEach(s => {"
      + " const r = s.getBoundingClientRect(); let bars = 0; s.querySelectorAll('.bar').forEach(b => {"
      + " const q = b.getBoundingClientRect(); if (q.width > 0 && q.height > 0) { bars++; } });"
      + " out.push(s.id + ':' + Math.round(r.width) + 'x' + Math.round(r.height) + ':' + bars); });"
      + " document.body.setAttribute('data-rendered', out.join(' '));"
      + " addEventListener('load', () => document.body.setAttribute('data-resources',"
      + " performance.getEntriesByType('resource').map(e => e.name).join(' ') || 'none'));</script>";

  @Test
  void inHeadlessChromium_everyChartRendersItsBars_andThePageFetchesNothing() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.require(filled);

    // the report as written: no request from the page (Chromium's own go to a closed local port and are not the page's)
    HeadlessChromium.Loaded plain = chromium.dumpDom(report);
    assertEquals(List.of(), HeadlessChromium.pageRequests(plain.netLog()));
    assertTrue(plain.dom().contains("id=\"chart-nudges\""), plain.dom());

    // a copy that measures: each chart laid out at its size, with every bar the report drew, and nothing loaded
    Path measured = filled.resolve("measured.html");
    Files.writeString(measured, html.replace("</body>", MEASURE + "</body>"), StandardCharsets.UTF_8);
    String dom = chromium.dumpDom(measured).dom();
    Matcher rendered = Pattern.compile("data-rendered=\"([^\"]*)\"").matcher(dom);
    assertTrue(rendered.find(), dom);
    Map<String, String> charts = new java.util.LinkedHashMap<>();
    for (String chart : rendered.group(1).split(" ")) {
      String[] parts = chart.split(":");
      charts.put(parts[0], parts[1] + ":" + parts[2]);
    }
    Matcher svg = Pattern.compile("<svg [^>]*id=\"([\\w-]+)\"[^>]*width=\"(\\d+)\" height=\"(\\d+)\"").matcher(html);
    int seen = 0;
    while (svg.find()) {
      seen++;
      String id = svg.group(1);
      String body = html.substring(svg.end(), html.indexOf("</svg>", svg.end()));
      int bars = body.split("class=\"bar\"", -1).length - 1;
      assertTrue(bars > 0, id + " draws bars");
      assertEquals(svg.group(2) + "x" + svg.group(3) + ":" + bars, charts.get(id), id + " as laid out: " + charts);
    }
    assertEquals(7, seen);
    assertEquals(seen, charts.size(), charts.toString());
    assertTrue(dom.contains("data-resources=\"none\""), "the page loaded no resource, not even a file: " + dom);

    // and painted: a screenshot shows the bars' colours
    Path png = filled.resolve("report.png");
    assertEquals(List.of(), HeadlessChromium.pageRequests(chromium.screenshot(report, png, 1280, 6000).netLog()));
    java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
    for (String color : List.of(InsightsPage.SEVERITY_COLORS[0], InsightsPage.DONE, InsightsPage.OVERDUE,
        InsightsPage.NUDGES)) {
      assertTrue(painted(image, color) > 200, color + " painted in " + png);
    }
  }

  @Test
  void theBrowserCheck_seesAPageThatFetches() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.require(filled);
    Path fetching = filled.resolve("fetching.html");
    Files.writeString(fetching, "<!DOCTYPE html><html><body><img src=\"http://images.example.com/x.png\">"
        + "<img src=\"local.png\">" + MEASURE + "</body></html>", StandardCharsets.UTF_8);

    HeadlessChromium.Loaded loaded = chromium.dumpDom(fetching);

    assertEquals(List.of("http://images.example.com/x.png"), HeadlessChromium.pageRequests(loaded.netLog()));
    assertTrue(loaded.dom().contains("local.png"), "a file the page loads is a resource too: " + loaded.dom());
    assertFalse(loaded.dom().contains("data-resources=\"none\""), loaded.dom());
  }

  /** How many pixels of {@code image} are {@code hex} (within a little rounding). */
  static int painted(java.awt.image.BufferedImage image, String hex) {
    int want = Integer.parseInt(hex.substring(1), 16);
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        if (Math.abs(((rgb >> 16) & 0xff) - ((want >> 16) & 0xff)) <= 3
            && Math.abs(((rgb >> 8) & 0xff) - ((want >> 8) & 0xff)) <= 3
            && Math.abs((rgb & 0xff) - (want & 0xff)) <= 3) {
          count++;
        }
      }
    }
    return count;
  }

  private static int count(String needle) {
    return html.split(Pattern.quote(needle), -1).length - 1;
  }

  /** The table whose caption starts with {@code caption}. */
  static String table(String caption) {
    return table(html, caption);
  }

  static String table(String page, String caption) {
    int at = page.indexOf("<caption>" + caption);
    assertTrue(at >= 0, "no table " + caption);
    return page.substring(at, page.indexOf("</table>", at));
  }

  /** The cells of the row headed {@code head} in the table captioned {@code caption}. */
  static List<String> row(String caption, String head) {
    return row(html, caption, head);
  }

  static List<String> row(String page, String caption, String head) {
    String table = table(page, caption);
    int at = table.indexOf("<th scope=\"row\">" + head + "</th>");
    assertTrue(at >= 0, "no row " + head + " in " + table);
    String row = table.substring(at, table.indexOf("</tr>", at));
    Matcher cells = Pattern.compile("<td>([^<]*)</td>").matcher(row);
    List<String> out = new java.util.ArrayList<>();
    while (cells.find()) {
      out.add(cells.group(1));
    }
    return out;
  }
}
