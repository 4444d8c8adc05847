package dev.candor.main;

import dev.candor.config.BotConfig;
import dev.candor.config.ConfigException;
import dev.candor.config.DeclareSettings;
import dev.candor.incident.SeverityScale;
import dev.candor.insights.Insights;
import dev.candor.insights.InsightsPage;
import dev.candor.insights.Period;
import dev.candor.store.JdbcInsightsReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code candor insights [--since 2026-01-01] [--out DIR]}: whether the team is learning, as one self-contained HTML
 * page ({@code DIR/insights.html}) of charts and their tables, read from {@code DATABASE_URL} without the evidence
 * key (it reads no timeline text). The page replaces an earlier report in DIR, and appears only once whole.
 * Severities are named as the team's {@code CANDOR_SEVERITIES} names them, checked as the server checks it.
 */
@Command(name = InsightsCommand.NAME,
    description = "Write insights.html: incidents per week, time to mitigate and resolve, post-mortems, follow-ups "
        + "by level and nudges, as charts with their tables (one self-contained file, no script, nothing fetched).")
final class InsightsCommand implements Callable<Integer> {
  static final String NAME = "insights";
  static final String FILE = "insights.html";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--since", paramLabel = "DATE",
      description = "The first day to cover, such as 2026-01-01 (default: twelve months ago).")
  String since;

  @Option(names = "--out", paramLabel = "DIR", description = "The directory to write insights.html in (made when "
      + "missing; default: the current directory).")
  Path out;

  private final Clock clock;

  InsightsCommand() {
    this(Clock.systemUTC());
  }

  InsightsCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Map<String, String> env = System.getenv();
    ZoneId zone;
    SeverityScale scale;
    try {
      zone = BotConfig.zoneFrom(env);
      scale = DeclareSettings.severitiesIn(env);
    } catch (ConfigException e) {
      return fail(err, e.getMessage());
    }
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, zone);
    LocalDate from;
    try {
      from = since == null ? today.minusMonths(12) : LocalDate.parse(since.strip());
    } catch (DateTimeParseException e) {
      return fail(err, "--since takes a date such as 2026-01-01, not \"" + since + "\"");
    }
    if (from.isAfter(today)) {
      return fail(err, "--since " + from + " is in the future (today is " + today + " in " + zone.getId() + ")");
    }
    Path dir = out == null ? Path.of("") : out;
    Path folder = dir.toAbsolutePath().normalize();
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      return fail(err, "--out " + dir + " is a file; name a directory to write " + FILE + " in");
    }
    OutputFile file;
    try {
      Files.createDirectories(folder);
      file = OutputFile.claim(folder.resolve(FILE), true);
    } catch (IOException e) {
      return fail(err, "cannot make the directory " + dir + ": " + OfflineStore.rootMessage(e));
    } catch (OutputFile.Refused e) {
      return fail(err, e.getMessage());
    }
    Period period = new Period(from, today, zone);
    try (OfflineStore store = OfflineStore.openWithoutKey(env)) {
      Insights insights = Insights.of(new JdbcInsightsReader(store.dataSource()).declaredSince(period.start()),
          period, now);
      String page = InsightsPage.render(insights, store.where(), scale);
      file.write(o -> o.write(page.getBytes(StandardCharsets.UTF_8)));
      PrintWriter stdout = spec.commandLine().getOut();
      Path written = folder.resolve(FILE);
      stdout.println(insights.empty()
          ? "No incidents were declared from " + from + " to " + today + " in " + store.where() + "; " + written
              + " says so."
          : "Wrote " + written + ": " + insights.incidents() + (insights.incidents() == 1 ? " incident" : " incidents")
              + " from " + from + " to " + today + ".");
      stdout.flush();
      return Main.OK;
    } catch (OfflineStore.Unavailable | OutputFile.Refused e) {
      return fail(err, e.getMessage());
    } catch (RuntimeException e) {
      return fail(err, "cannot read the database: " + OfflineStore.rootMessage(e));
    }
  }

  private static int fail(PrintWriter err, String line) {
    err.println("candor: " + line);
    err.flush();
    return Main.USAGE;
  }
}
