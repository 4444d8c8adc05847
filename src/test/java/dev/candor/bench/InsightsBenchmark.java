package dev.candor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.insights.Insights;
import dev.candor.insights.InsightsPage;
import dev.candor.insights.Period;
import dev.candor.store.Database;
import dev.candor.store.JdbcInsightsReader;
import dev.candor.testing.CandorJar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long the insights report takes at size (issue 17: 10,000 incidents in under 5 s); not run by
 * {@code mvn verify}: {@code mvn -B -q -Pbench test -Dbench=InsightsBenchmark}.
 *
 * <p>Two SQLite databases, migrated as Candor migrates them, filled by SQL with {@code bench.incidents} (10,000)
 * and, as the baseline in the same run, {@code bench.baseline} (100) incidents over the year before 2026-12-01:
 * every severity and state, a post-mortem decision each, 0 to 3 follow-ups at any level, 5 to 30 messages in the
 * timeline and a nudge count. For each, the report is made in this JVM (read, figures, HTML) {@code bench.runs} (5)
 * times after a warm-up, and the median and each run are printed with the ratio of the medians; then
 * {@code candor insights} is run once as a user runs it (a fresh JVM), and its wall time printed. It says whether
 * the large median met the 5 s target (wall time, and the CPU time of the thread, which a loaded machine inflates
 * less); it fails only when a run fails. Lines also go to {@code target/bench/insights.txt}.
 */
class InsightsBenchmark {
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  static final String[] SEVERITIES = {"SEV1", "SEV2", "SEV3", "SEV3", "SEV3", "SEV4"};
  static final String[] STATES = {"CLOSED", "CLOSED", "CLOSED", "RESOLVED", "CANCELLED", "INVESTIGATING"};
  static final String[] DECISIONS = {"SCHEDULED", "SCHEDULED", "NOT_NEEDED", "PENDING"};
  static final String[] LEVELS = {"ORGANIZATION", "CULTURE", "PROCESS", "ENGINEERING", "SOFTWARE", "SOFTWARE"};
  static final String[] STATUSES = {"DONE", "DONE", "OPEN", "DROPPED"};

  @TempDir Path dir;

  @Test
  void tenThousandIncidents_againstAHundred() throws Exception {
    int large = Integer.getInteger("bench.incidents", 10_000);
    int small = Integer.getInteger("bench.baseline", 100);
    int runs = Integer.getInteger("bench.runs", 5);
    List<String> out = new ArrayList<>();
    Path smallDb = fill(small);
    Path largeDb = fill(large);
    Measured base = measure(smallDb, runs);
    Measured big = measure(largeDb, runs);
    out.add(String.format(Locale.ROOT, "insights report, in-process (read, figures, HTML), median of %d after a "
        + "warm-up:", runs));
    out.add(base.line(small));
    out.add(big.line(large));
    out.add(String.format(Locale.ROOT, "ratio of medians: %.1fx wall, %.1fx CPU, for %.0fx the incidents",
        big.median() / base.median(), big.cpuMedian() / base.cpuMedian(), large / (double) small));
    out.add(String.format(Locale.ROOT, "target: %,d incidents in under 5 s: %s (median %.3f s wall, %.3f s CPU)", large,
        big.median() < 5.0 ? "met" : "MISSED", big.median(), big.cpuMedian()));
    out.add(String.format(Locale.ROOT, "candor insights as a user runs it (fresh JVM, wall): %,d incidents %.2f s, "
        + "%,d incidents %.2f s", small, cli(smallDb), large, cli(largeDb)));
    out.forEach(System.out::println);
    Path file = Path.of("target/bench/insights.txt");
    Files.createDirectories(file.getParent());
    Files.write(file, out, StandardCharsets.UTF_8);
  }

  record Measured(double median, List<Double> seconds, double cpuMedian, int bytes) {
    String line(int incidents) {
      return String.format(Locale.ROOT, "%,7d incidents: median %.3f s wall (runs %s), %.3f s CPU, %,d bytes of HTML",
          incidents, median, seconds.stream().map(s -> String.format(Locale.ROOT, "%.3f", s)).toList(), cpuMedian,
          bytes);
    }
  }

  private Measured measure(Path db, int runs) {
    try (Database database = Database.open("jdbc:sqlite:" + db)) {
      JdbcInsightsReader reader = new JdbcInsightsReader(database.dataSource());
      Period period = new Period(LocalDate.of(2025, 12, 1), LocalDate.of(2026, 12, 1), ZoneOffset.UTC);
      int bytes = render(reader, period).length(); // the warm-up
      List<Double> seconds = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      var threads = java.lang.management.ManagementFactory.getThreadMXBean();
      for (int i = 0; i < runs; i++) {
        long cpuStarted = threads.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        bytes = render(reader, period).length();
        seconds.add((System.nanoTime() - started) / 1e9);
        cpu.add((threads.getCurrentThreadCpuTime() - cpuStarted) / 1e9);
      }
      return new Measured(median(seconds), seconds, median(cpu), bytes);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }

  private static String render(JdbcInsightsReader reader, Period period) {
    return InsightsPage.render(Insights.of(reader.declaredSince(period.start()), period, NOW), "bench.db");
  }

  private double cli(Path db) throws Exception {
    long started = System.nanoTime();
    Process p = CandorJar.command(CandorJar.classes(), dir, Map.of("DATABASE_URL", "jdbc:sqlite:" + db), "insights",
        "--since", "2025-12-01", "--out", dir.resolve("out-" + db.getFileName()).toString())
        .redirectErrorStream(true).start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), said);
    assertEquals(0, p.exitValue(), said);
    return (System.nanoTime() - started) / 1e9;
  }

  /** A database of {@code n} incidents, as Candor's schema holds them. */
  private Path fill(int n) throws Exception {
    Path db = dir.resolve("insights-" + n + ".db");
    Random random = new Random(n);
    long start = Instant.parse("2025-12-01T00:00:00Z").toEpochMilli();
    long year = Duration.ofDays(365).toMillis();
    try (Database database = Database.open("jdbc:sqlite:" + db);
        Connection c = database.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement incident = c.prepareStatement("INSERT INTO incidents (id, channel_id, channel_name, "
          + "title, title_key, severity, state, commander, private_channel, declared_by, origin_channel_id, "
          + "started_at, declared_at, mitigated_at, resolved_at, closed_at, last_update_at) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, 'UBENCH', 0, 'UBENCH', 'CGENERAL', ?, ?, ?, ?, ?, ?)");
          PreparedStatement postmortem = c.prepareStatement("INSERT INTO postmortems (incident_id, decision, reason, "
              + "meeting_start, version) VALUES (?, ?, ?, ?, 1)");
          PreparedStatement followUp = c.prepareStatement("INSERT INTO followups (incident_id, title, owner, "
              + "owner_zone, due, level, status, created_by, created_at) VALUES (?, 'a follow-up', 'UBENCH', 'UTC', "
              + "?, ?, ?, 'UBENCH', ?)");
          PreparedStatement entry = c.prepareStatement("INSERT INTO timeline_entries (incident_id, seq, kind, "
              + "entry_key, channel_id, ts, ts_micros, actor, text, content_mac, source, recorded_at, prev_hash, hash) "
              + "VALUES (?, ?, 'MESSAGE', ?, ?, ?, ?, 'UBENCH', 'a message', 'mac', 'EVENT', ?, 'prev', 'hash')");
          PreparedStatement nudges = c.prepareStatement("INSERT INTO nudge_channel_days (channel_id, day, shown) "
              + "VALUES (?, ?, ?)")) {
        for (int id = 1; id <= n; id++) {
          long declared = start + (long) (random.nextDouble() * year);
          String channel = "CBENCH" + id;
          String state = STATES[random.nextInt(STATES.length)];
          long mitigated = declared + 60_000L * (5 + random.nextInt(300));
          long resolved = mitigated + 60_000L * (10 + random.nextInt(2_000));
          boolean open = state.equals("INVESTIGATING");
          incident.setLong(1, id);
          incident.setString(2, channel);
          incident.setString(3, "inc-bench-" + id);
          incident.setString(4, "incident " + id);
          incident.setString(5, "incident " + id);
          incident.setString(6, SEVERITIES[random.nextInt(SEVERITIES.length)]);
          incident.setString(7, state);
          incident.setLong(8, declared);
          incident.setLong(9, declared);
          setMillis(incident, 10, open ? null : mitigated);
          setMillis(incident, 11, open ? null : resolved);
          setMillis(incident, 12, state.equals("CLOSED") ? resolved + 3_600_000L : null);
          incident.setLong(13, resolved);
          incident.addBatch();
          String decision = DECISIONS[random.nextInt(DECISIONS.length)];
          postmortem.setLong(1, id);
          postmortem.setString(2, decision);
          postmortem.setString(3, decision.equals("NOT_NEEDED") ? "known cause number " + random.nextInt(12) : null);
          postmortem.setString(4, decision.equals("SCHEDULED")
              ? Instant.ofEpochMilli(resolved + 2 * 86_400_000L).atZone(ZoneOffset.UTC).toString() : null);
          postmortem.addBatch();
          for (int f = random.nextInt(4); f > 0; f--) {
            followUp.setLong(1, id);
            followUp.setString(2, LocalDate.ofInstant(Instant.ofEpochMilli(resolved), ZoneOffset.UTC)
                .plusDays(7 + random.nextInt(60)).toString());
            followUp.setString(3, LEVELS[random.nextInt(LEVELS.length)]);
            followUp.setString(4, STATUSES[random.nextInt(STATUSES.length)]);
            followUp.setLong(5, resolved);
            followUp.addBatch();
          }
          int messages = 5 + random.nextInt(26);
          for (int m = 1; m <= messages; m++) {
            long at = declared + m * 60_000L;
            entry.setLong(1, id);
            entry.setLong(2, m);
            entry.setString(3, "msg:" + m);
            entry.setString(4, channel);
            entry.setString(5, (at / 1000) + ".000100");
            entry.setLong(6, at * 1000);
            entry.setLong(7, at);
            entry.addBatch();
          }
          nudges.setString(1, channel);
          nudges.setLong(2, declared / 86_400_000L);
          nudges.setLong(3, random.nextInt(3));
          nudges.addBatch();
          if (id % 500 == 0) {
            for (PreparedStatement ps : List.of(incident, postmortem, followUp, entry, nudges)) {
              ps.executeBatch();
            }
          }
        }
        for (PreparedStatement ps : List.of(incident, postmortem, followUp, entry, nudges)) {
          ps.executeBatch();
        }
      }
      c.commit();
    }
    return db;
  }

  private static void setMillis(PreparedStatement ps, int index, Long millis) throws java.sql.SQLException {
    if (millis == null) {
      ps.setNull(index, java.sql.Types.INTEGER);
    } else {
      ps.setLong(index, millis);
    }
  }
}
