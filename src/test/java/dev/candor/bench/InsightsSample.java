package dev.candor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.candor.insights.SampleIncidents;
import dev.candor.testing.CandorJar;
import dev.candor.testing.HeadlessChromium;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rebuilds the sample database and the README's screenshot of the insights report over it; not run by
 * {@code mvn verify}: {@code mvn -B -q -Pbench test -Dbench=InsightsSample}.
 *
 * <p>The production Candor against the fake Slack, on a clock that starts at Monday 2026-07-06 09:00 UTC and
 * moves only as the script says ({@link SampleIncidents#quarter}: {@code sample.incidents} (40) incidents drawn
 * from a fixed seed, then the scripted five), every step sent to the real server as Slack sends it. The database
 * is left at {@code target/insights-sample/candor.db}; {@code candor insights --since 2026-07-01} writes the
 * report beside it, and headless Chromium photographs its top (1280 by {@code sample.height}, 2,300 px) into
 * {@code sample.png} ({@code docs/insights.png}).
 */
class InsightsSample {
  @Test
  void rebuild() throws Exception {
    Path dir = Path.of("target", "insights-sample").toAbsolutePath();
    if (Files.exists(dir)) {
      try (Stream<Path> old = Files.walk(dir)) {
        for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
    TestClock clock = new TestClock(SampleIncidents.QUARTER_START);
    long started = System.nanoTime();
    try (RunningCandor candor = RunningCandor.start(dir, SampleIncidents.settings(), clock)) {
      SampleIncidents.quarter(candor, clock, Integer.getInteger("sample.incidents", 40));
    }
    System.out.printf("sample database %s filled through the server in %.1f s%n", dir.resolve("candor.db"),
        (System.nanoTime() - started) / 1e9);
    Process cli = CandorJar.command(CandorJar.classes(), dir, Map.of("DATABASE_URL", "jdbc:sqlite:"
        + dir.resolve("candor.db")), "insights", "--since", "2026-07-01", "--out", dir.toString())
        .redirectErrorStream(true).start();
    String said = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    cli.waitFor(60, TimeUnit.SECONDS);
    assertEquals(0, cli.exitValue(), said);
    System.out.print(said);
    Path png = Path.of(System.getProperty("sample.png", "docs/insights.png")).toAbsolutePath();
    Files.createDirectories(png.getParent());
    HeadlessChromium.require(dir).screenshot(dir.resolve("insights.html"), png, 1280,
        Integer.getInteger("sample.height", 2_300));
    System.out.println("screenshot " + png);
  }
}
