package dev.candor.jobs;

import java.time.Instant;
import java.util.Objects;

/**
 * One claimed job, as a handler sees it.
 *
 * @param id the row's id
 * @param kind what the job does; picks the {@link JobHandler}
 * @param key names the job: scheduling the same key again replaces it (say {@code followup:42:due})
 * @param payload what the handler needs, as the scheduler wrote it (often JSON)
 * @param runAt when it was due
 * @param attempts runs that failed before this one (a run that died counts)
 * @param resumed true when an earlier claim of this very job was never finished: that run may have
 *     acted (sent its message) and died before marking the job done, so look before acting again
 * @param generation bumped each time the job is (re)scheduled; with the key it names one scheduled
 *     occurrence, so a resumed run does not mistake last week's message for its own
 * @param claimedBy the runner that holds the claim
 * @param diedRuns this job's runs in a row whose runner died before the run ended (its claim was taken over);
 *     a run that ends, however it ends, sets it back to 0
 */
public record Job(long id, String kind, String key, String payload, Instant runAt, int attempts,
    boolean resumed, long generation, String claimedBy, int diedRuns) {

  /** A job none of whose runs died ({@code diedRuns} 0). */
  public Job(long id, String kind, String key, String payload, Instant runAt, int attempts, boolean resumed,
      long generation, String claimedBy) {
    this(id, kind, key, payload, runAt, attempts, resumed, generation, claimedBy, 0);
  }

  public Job {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(runAt, "runAt");
  }

  /** Where a job stands in the store. */
  public enum Status {
    PENDING, CLAIMED, DONE, FAILED, CANCELLED
  }
}
