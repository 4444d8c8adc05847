package dev.candor.testing.fakes;

import dev.candor.catchup.CatchupLog;
import dev.candor.incident.IncidentId;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The catch-ups in memory, as {@code JdbcCatchupLog} keeps them: each (incident, person) written once. */
public final class InMemoryCatchupLog implements CatchupLog {
  /** The job token of a join, or {@link #PRESENT} for someone present at declaration. */
  private static final String PRESENT = "";

  private final Map<String, String> rows = new ConcurrentHashMap<>();

  @Override
  public void present(IncidentId incident, Collection<String> users, Instant at) {
    users.forEach(u -> rows.putIfAbsent(incident.value() + "/" + u, PRESENT));
  }

  @Override
  public boolean claim(IncidentId incident, String user, String jobToken, Instant at) {
    return jobToken.equals(rows.computeIfAbsent(incident.value() + "/" + user, k -> jobToken));
  }
}
