package dev.candor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.testing.CandorProcess;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.Postgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Candor replicas on one PostgreSQL, beside SQLite (issue 14, item 8); not a timed test, and not run by {@code mvn
 * verify} (its name matches neither {@code *Test} nor {@code *IT}). Run it with {@code mvn -B -q -Pbench test
 * -Dbench=ReplicaBenchmark}.
 *
 * <p>Four targets take the same load as {@link IntakeBenchmark}'s (its load generator and its store check, shared):
 * {@code bench.clients} threads sending signed Events API messages back to back into one declared incident's
 * channel. Each target is Candor serving in child JVMs (this JVM's class path, so no jar is needed) against a
 * {@link FakeSlack}: one on SQLite; one replica on a PostgreSQL database (the tests' embedded server); two replicas on
 * one such database, each client keeping to one of them as a load balancer would; and two replicas again, the second
 * killed with SIGKILL halfway through the measured phase, after which its clients' events, unanswered, are delivered
 * to the other replica with {@code X-Slack-Retry-Num}, as Slack retries. For each it prints events per second and ack
 * latency (p50, p99, max), then checks the store: every acknowledged event one timeline entry, none twice; and the
 * ack-to-timeline lag (p50, p99, max), for the killed target also of the events processed after the kill (issue 14:
 * the longest after the kill at most 30 s), with those the kill left to the survivor.
 *
 * <p>The test fails only on correctness (an acknowledged event lost, an entry duplicated), never on speed.
 */
class ReplicaBenchmark {
  private static final String KEY = "bec4bec400112233445566778899aabbccddeeff00112233445566778899aabb";
  private static final Duration WAIT = Duration.ofSeconds(60);
  /** A child with the JVM's own compilers starts slower than the tests' C1-only ones: 60 s was too little at load 21. */
  private static final Duration START = Duration.ofSeconds(180);

  @TempDir Path dir;
  /** Its load generator, store check and machine line. */
  private final IntakeBenchmark intake = new IntakeBenchmark();
  private final List<String> lines = new ArrayList<>();

  /** What one target did. */
  private record Target(String name, IntakeBenchmark.Result load, IntakeBenchmark.Integrity integrity) {}

  @Test
  void replicas() throws Exception {
    print(intake.machine());
    List<Target> targets = new ArrayList<>();
    targets.add(run("sqlite, one candor", "jdbc:sqlite:" + dir.resolve("sqlite").resolve("candor.db"), 1, false));
    targets.add(run("postgresql, one replica", Postgres.freshDatabase(), 1, false));
    targets.add(run("postgresql, two replicas", Postgres.freshDatabase(), 2, false));
    targets.add(run("postgresql, two replicas, one killed halfway", Postgres.freshDatabase(), 2, true));
    print(String.format(Locale.ROOT, "machine after: load average %.2f",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    print("summary (events/s sustained, ack p99; ack-to-timeline lag p50, p99, max; after a kill, the lag of the "
        + "events processed after it):");
    for (Target t : targets) {
      IntakeBenchmark.Integrity i = t.integrity();
      print(String.format(Locale.ROOT, "  %-45s %8.1f events/s  p99 %7.2f ms  lost %d  duplicated %d  lag p50 %.1f s "
          + "p99 %.1f s max %.1f s%s", t.name(), t.load().rate(), t.load().p99, i.lost, i.duplicated, i.lagP50Seconds,
          i.lagP99Seconds, i.lagMaxSeconds, i.killedAtMillis == 0 ? "" : String.format(Locale.ROOT,
              "  after the kill: p99 %.1f s max %.1f s (%s 30 s)", i.afterKillP99Seconds, i.afterKillMaxSeconds,
              i.afterKillMaxSeconds <= 30 ? "within" : "OVER")));
    }

    Path out = Path.of(System.getProperty("basedir", ".")).resolve("target/bench/replicas.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    System.out.println("[bench] written to " + out.toAbsolutePath().normalize());

    for (Target t : targets) {
      assertEquals(0, t.integrity().duplicated, t.name() + ": timeline entries duplicated");
      assertEquals(0, t.integrity().lost, t.name() + ": acknowledged events missing from the timeline");
      assertTrue(t.load().acked > 0, t.name() + ": no event was acknowledged");
    }
  }

  /** {@code replicas} Candors on {@code url} under the load; the second killed halfway when {@code kill}. */
  private Target run(String name, String url, int replicas, boolean kill) throws Exception {
    try (FakeSlack fake = new FakeSlack()) {
      fake.addChannel("CGENERAL", "general", false, false, "UBENCH");
      Map<String, String> env = new HashMap<>(Map.of("DATABASE_URL", url));
      if (url.startsWith("jdbc:postgresql:")) {
        env.put("CANDOR_KEY", KEY);
      }
      List<CandorProcess> candors = new ArrayList<>();
      try {
        for (int i = 0; i < replicas; i++) {
          String label = name.replaceAll("[^a-z]+", "-") + "-" + (i + 1);
          CandorProcess candor = CandorProcess.fromClasses(fake, Files.createDirectories(dir.resolve(label)), env);
          candors.add(candor);
          candor.start(label, START);
        }
        String channel = IntakeBenchmark.declare(fake, candors.get(0).requests(), url, WAIT);
        Thread killer = null;
        long[] killedAt = {0, 0};
        if (kill) {
          long halfway = TimeUnit.SECONDS.toMillis(intake.warmupSeconds) + TimeUnit.SECONDS.toMillis(intake.seconds) / 2;
          killer = new Thread(() -> {
            try {
              Thread.sleep(halfway);
              killedAt[0] = System.nanoTime();
              killedAt[1] = System.currentTimeMillis();
              candors.get(1).kill9();
            } catch (Exception | AssertionError e) {
              print(name + ": the kill failed: " + e);
            }
          }, "bench-killer");
          killer.start();
        }
        long loadStarted = System.nanoTime();
        IntakeBenchmark.Result load = intake.load(name, candors.stream().map(CandorProcess::port).toList(), channel,
            true);
        if (killer != null) {
          killer.join();
          print(String.format(Locale.ROOT, "%s: replica 2 killed with SIGKILL %.1f s into the load (%d s warm-up)",
              name, (killedAt[0] - loadStarted) / 1e9, intake.warmupSeconds));
        }
        IntakeBenchmark.Integrity integrity = IntakeBenchmark.check(url, channel, load, killedAt[1]);
        print(load.line(name) + "; " + integrity.line());
        if (kill) {
          print(name + ": " + integrity.afterKillLine());
        }
        print(load.cpu.line(name + " (the load generator's JVM)"));
        return new Target(name, load, integrity);
      } finally {
        candors.forEach(CandorProcess::close);
      }
    }
  }

  private synchronized void print(String line) {
    lines.add(line);
    System.out.println(line);
  }
}
