package dev.candor.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Durable jobs: every timed thing (reminders, re-prompts, digests, stale-update reminders) is a row
 * that survives a restart. A key names a job; a job is claimed with a lease, and a claim that is
 * never finished (the process died) is claimed again once the lease expires.
 *
 * <p>{@code done}, {@code retry} and {@code fail} finish a claim only while it still holds: not
 * after the job was rescheduled or cancelled meanwhile, nor after another runner took it over.
 * They answer false then and change nothing.
 */
public interface JobStore {

  /**
   * Schedules a job under {@code key}. A key already scheduled (pending, or claimed and running)
   * is replaced: its kind, payload and run time are the new ones, its attempts start again at zero
   * and a running claim no longer holds. A key whose job finished (done, failed, cancelled) is
   * scheduled afresh. Returns the job's id.
   */
  long schedule(String kind, String key, String payload, Instant runAt);

  /**
   * Schedules a job in {@code queue}, as {@link #schedule} does, but it is claimed only once every job
   * scheduled before it in the same queue has finished (done, failed or cancelled). A queue's jobs thus run
   * one at a time and in the order they were scheduled, however often one of them is retried or resumed
   * after a crash: an incident channel's announcements read in the order its changes were made. A key
   * scheduled again keeps its place in the queue. Returns the job's id.
   */
  long scheduleInQueue(String queue, String kind, String key, String payload, Instant runAt);

  /** Cancels the job under {@code key} unless it already finished; true if there was one. */
  boolean cancel(String key);

  /** Cancels every unfinished job whose key starts with {@code prefix}; returns how many. */
  int cancelPrefix(String prefix);

  /**
   * Claims, for {@code lease}, up to {@code limit} jobs due at {@code now}, earliest first: pending
   * jobs whose run time has come, and claimed jobs whose lease expired (these come back with
   * {@link Job#resumed()} set, one more attempt and one more {@link Job#diedRuns() died run} counted).
   * Two runners, even in two processes, never hold the same job at once.
   */
  List<Job> claimDue(Instant now, Duration lease, int limit, String workerId);

  /**
   * The heartbeat of a live runner: the claims on {@code ids} that {@code workerId} still holds are extended to
   * {@code now + lease}, so no other runner takes them for a dead one's. Returns how many were renewed.
   */
  int renew(String workerId, Collection<Long> ids, Instant now, Duration lease);

  /**
   * At the start of the only process that can use this store (SQLite is embedded, and that process holds its
   * lock): every claim not held by {@code workerId} belongs to a process that died, so its lease ends at
   * {@code now} and the next claim resumes the job at once, instead of after the lease. Returns how many.
   */
  int expireClaimsOfOthers(String workerId, Instant now);

  /**
   * Retention: deletes up to {@code limit} jobs that finished (done, failed or cancelled) before {@code before},
   * oldest first, except those of {@code keptKinds} (a finished job some feature still reads, such as "this
   * question was asked"). Unfinished jobs are never deleted. Returns how many were deleted.
   */
  int deleteFinished(Instant before, Set<String> keptKinds, int limit);

  /** Marks a claimed job done. */
  boolean done(Job job, Instant at);

  /** Puts a claimed job back to run at {@code runAt}, one more attempt counted. */
  boolean retry(Job job, Instant runAt, String error);

  /** Gives a claimed job up for good, one more attempt counted. */
  boolean fail(Job job, String error, Instant at);

  /** The job under {@code key}, whatever its status. */
  Optional<Entry> find(String key);

  /** The jobs whose key starts with {@code prefix}, by key. */
  List<Entry> list(String prefix);

  /**
   * Replaces the payload of the job under {@code key}, whatever its status: how a redaction takes words out of a
   * job that holds them (one still to run, or the record of one that ran). False when there is no such job.
   */
  boolean rewritePayload(String key, String payload);

  /** A stored job as an operator or a test sees it. */
  record Entry(String kind, String key, String payload, Instant runAt, Job.Status status, int attempts,
      String lastError) {}
}
