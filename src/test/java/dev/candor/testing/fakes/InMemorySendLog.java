package dev.candor.testing.fakes;

import dev.candor.jobs.Job;
import dev.candor.jobs.SendLog;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A send log in memory, for tests without a database: a record per job key, generation and target. */
public final class InMemorySendLog implements SendLog {
  private final Map<String, Instant> begun = new ConcurrentHashMap<>();

  private static String id(Job job, String target) {
    return job.key() + "\u0000" + job.generation() + "\u0000" + target;
  }

  @Override
  public Instant begin(Job job, String target, Instant now) {
    return begun.computeIfAbsent(id(job, target), k -> now);
  }

  @Override
  public Optional<Instant> begun(Job job, String target) {
    return Optional.ofNullable(begun.get(id(job, target)));
  }
}
