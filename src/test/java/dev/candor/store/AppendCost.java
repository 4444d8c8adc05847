package dev.candor.store;

import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.Severity;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.EvidenceKey;
import dev.candor.timeline.Observation;
import dev.candor.timeline.ObservationKeys;
import dev.candor.timeline.SlackTs;
import dev.candor.timeline.Source;
import dev.candor.timeline.TimelineService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;

/**
 * Not a test: prints what one timeline append costs on a durable database (one append per transaction, as a live
 * event is recorded), the median and 90th percentile of N appends after a warm-up. Run it by hand:
 * {@code java -cp target/classes:target/test-classes:<deps> dev.candor.store.AppendCost [N]}.
 */
public final class AppendCost {
  private AppendCost() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    Path dir = Files.createTempDirectory("append-cost");
    String url = "jdbc:sqlite:" + dir.resolve("candor.db");
    try (Database db = Database.open(url)) {
      EvidenceKey key = LocalKey.loadOrCreate(LocalKey.besideDatabase(url), db);
      TimelineService timeline = new TimelineService(new JdbcTimelineStore(db.dataSource()), key, Clock.systemUTC());
      IncidentId id = new JdbcIncidentRepository(db.dataSource(), new TimelineJournal(timeline))
          .insert(new IncidentRepository.NewIncident("C0COST", "inc-cost", "Cost", "", Severity.SEV3, false, "U1",
              "C0GENERAL", "req-cost", Instant.parse("2026-01-01T00:00:00Z")))
          .id();
      int warmUp = Math.max(200, n / 5);
      long[] nanos = new long[n];
      Instant start = Instant.parse("2026-01-01T00:00:01Z");
      for (int i = 0; i < warmUp + n; i++) {
        String ts = SlackTs.of(start.plusMillis(i));
        Observation o = new Observation(ObservationKeys.message("C0COST", ts), EntryKind.MESSAGE, "C0COST", ts, null,
            "U1", "message number " + i + " about the checkout latency", null, "", Source.EVENT, start);
        long t0 = System.nanoTime();
        timeline.record(id, o);
        long took = System.nanoTime() - t0;
        if (i >= warmUp) {
          nanos[i - warmUp] = took;
        }
      }
      Arrays.sort(nanos);
      System.out.printf("appends: %d (after %d warm-up), median %.1f us, p90 %.1f us%n", n, warmUp,
          nanos[n / 2] / 1000.0, nanos[(int) (n * 0.9)] / 1000.0);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
  }
}
