package dev.candor.catchup;

import dev.candor.incident.IncidentId;
import java.time.Instant;
import java.util.Collection;

/**
 * Who is owed no catch-up of an incident, or has had theirs: one row per (incident, person), written once. Shared
 * by every replica on the database, so a person is sent one catch-up however many replicas hear of their join and
 * however often the event is delivered.
 */
public interface CatchupLog {

  /**
   * Records {@code users}, in the channel when the incident was declared, as needing no catch-up. Anyone already
   * recorded stays as they were.
   */
  void present(IncidentId incident, Collection<String> users, Instant at);

  /**
   * Claims the catch-up of {@code user}, who joined later, for the job {@code jobToken}: true when that job may send
   * it (its first claim, or its own claim again after a crash or a retry); false when someone was present at
   * declaration or another job claimed it first.
   */
  boolean claim(IncidentId incident, String user, String jobToken, Instant at);
}
