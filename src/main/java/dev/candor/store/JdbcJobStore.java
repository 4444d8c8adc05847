package dev.candor.store;

import dev.candor.jobs.Job;
import dev.candor.jobs.JobStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Jobs in SQLite. Claiming is one transaction, and the pool begins transactions IMMEDIATE (the write
 * lock is taken at BEGIN), so two runners, even in two processes, claim one after the other; each
 * row is then claimed by an update guarded on the status and lease it was read with. A job in a queue is
 * left out of a claim while an earlier job of its queue (by id: the order they were scheduled in) is pending
 * or claimed. A live runner renews its claims ({@link #renew}); a claim whose lease ran out is a dead runner's.
 */
public final class JdbcJobStore implements JobStore {
  private static final String COLUMNS =
      "id, kind, job_key, payload, run_at, status, generation, attempts, claimed_by, last_error, died_runs";
  private static final String CLAIM_GUARD = "((status = 'PENDING' AND run_at <= ?) OR (status = 'CLAIMED' AND lease_until <= ?))";
  private static final String HELD = "id = ? AND status = 'CLAIMED' AND claimed_by = ? AND generation = ?";
  /** A queued job waits while an earlier job of its queue is unfinished. */
  private static final String QUEUE_FREE = "(j.queue IS NULL OR NOT EXISTS (SELECT 1 FROM jobs e "
      + "WHERE e.queue = j.queue AND e.id < j.id AND e.status IN ('PENDING', 'CLAIMED')))";

  private final Jdbc jdbc;
  private final Clock clock;

  /** A store on {@code dataSource}; {@code clock} stamps when jobs are created. */
  public JdbcJobStore(DataSource dataSource, Clock clock) {
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
  }

  private record Row(long id, String kind, String key, String payload, Instant runAt, Job.Status status,
      long generation, int attempts, String claimedBy, String lastError, int diedRuns) {}

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(rs.getLong("id"), rs.getString("kind"), rs.getString("job_key"), rs.getString("payload"),
        Jdbc.instant(rs, "run_at"), Job.Status.valueOf(rs.getString("status")), rs.getLong("generation"),
        rs.getInt("attempts"), rs.getString("claimed_by"), rs.getString("last_error"), rs.getInt("died_runs"));
  }

  @Override
  public long schedule(String kind, String key, String payload, Instant runAt) {
    return insert(null, kind, key, payload, runAt);
  }

  @Override
  public long scheduleInQueue(String queue, String kind, String key, String payload, Instant runAt) {
    requireText("queue", queue);
    return insert(queue, kind, key, payload, runAt);
  }

  private long insert(String queue, String kind, String key, String payload, Instant runAt) {
    requireText("kind", kind);
    requireText("key", key);
    if (payload == null || runAt == null) {
      throw new IllegalArgumentException("job " + key + ": payload and runAt are required");
    }
    return jdbc.inTransaction("schedule job " + key, c -> {
      Jdbc.update(c, "INSERT INTO jobs (kind, job_key, payload, run_at, status, created_at, queue) "
          + "VALUES (?, ?, ?, ?, 'PENDING', ?, ?) "
          + "ON CONFLICT (job_key) DO UPDATE SET kind = excluded.kind, payload = excluded.payload, "
          + "run_at = excluded.run_at, status = 'PENDING', generation = jobs.generation + 1, attempts = 0, "
          + "lease_until = NULL, claimed_by = NULL, last_error = NULL, created_at = excluded.created_at, "
          + "done_at = NULL, queue = excluded.queue, died_runs = 0", kind, key, payload, runAt, clock.instant(), queue);
      return Jdbc.query(c, "SELECT id FROM jobs WHERE job_key = ?", rs -> rs.getLong(1), key).get(0);
    });
  }

  @Override
  public boolean cancel(String key) {
    return jdbc.inTransaction("cancel job " + key, c -> Jdbc.update(c,
        "UPDATE jobs SET status = 'CANCELLED', lease_until = NULL, done_at = ? "
            + "WHERE job_key = ? AND status IN ('PENDING', 'CLAIMED')", clock.instant(), key) == 1);
  }

  @Override
  public int cancelPrefix(String prefix) {
    requireText("prefix", prefix);
    // substr rather than LIKE: a key may hold % or _
    return jdbc.inTransaction("cancel jobs " + prefix + "*", c -> Jdbc.update(c,
        "UPDATE jobs SET status = 'CANCELLED', lease_until = NULL, done_at = ? "
            + "WHERE substr(job_key, 1, ?) = ? AND status IN ('PENDING', 'CLAIMED')",
        clock.instant(), prefix.length(), prefix));
  }

  @Override
  public List<Job> claimDue(Instant now, Duration lease, int limit, String workerId) {
    Instant until = now.plus(lease);
    return jdbc.inTransaction("claim due jobs for " + workerId, c -> {
      List<Row> due = Jdbc.query(c, "SELECT " + COLUMNS + " FROM jobs j WHERE " + CLAIM_GUARD + " AND " + QUEUE_FREE
          + " ORDER BY run_at, id LIMIT ?", JdbcJobStore::row, now, now, limit);
      List<Job> claimed = new ArrayList<>(due.size());
      for (Row r : due) {
        boolean resumed = r.status() == Job.Status.CLAIMED;
        int attempts = r.attempts() + (resumed ? 1 : 0);
        int died = resumed ? r.diedRuns() + 1 : 0;
        int n = Jdbc.update(c, "UPDATE jobs SET status = 'CLAIMED', lease_until = ?, claimed_by = ?, attempts = ?, "
            + "died_runs = ? WHERE id = ? AND generation = ? AND " + CLAIM_GUARD, until, workerId, attempts, died,
            r.id(), r.generation(), now, now);
        if (n == 1) {
          claimed.add(new Job(r.id(), r.kind(), r.key(), r.payload(), r.runAt(), attempts, resumed, r.generation(),
              workerId, died));
        }
      }
      return claimed;
    });
  }

  @Override
  public int renew(String workerId, Collection<Long> ids, Instant now, Duration lease) {
    if (ids.isEmpty()) {
      return 0;
    }
    List<Object> args = new ArrayList<>();
    args.add(now.plus(lease));
    args.add(workerId);
    args.addAll(ids);
    return jdbc.inTransaction("renew the claims of " + workerId, c -> Jdbc.update(c,
        "UPDATE jobs SET lease_until = ? WHERE claimed_by = ? AND status = 'CLAIMED' AND id IN ("
            + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")", args.toArray()));
  }

  @Override
  public int expireClaimsOfOthers(String workerId, Instant now) {
    return jdbc.inTransaction("take over the claims of dead runners", c -> Jdbc.update(c,
        "UPDATE jobs SET lease_until = ? WHERE status = 'CLAIMED' AND (claimed_by IS NULL OR claimed_by <> ?) "
            + "AND lease_until > ?", now, workerId, now));
  }

  @Override
  public int deleteFinished(Instant before, Set<String> keptKinds, int limit) {
    List<Object> args = new ArrayList<>();
    args.add(before);
    args.addAll(keptKinds);
    args.add(limit);
    String kept = keptKinds.isEmpty() ? ""
        : " AND kind NOT IN (" + String.join(", ", Collections.nCopies(keptKinds.size(), "?")) + ")";
    return jdbc.inTransaction("delete finished jobs", c -> Jdbc.update(c,
        "DELETE FROM jobs WHERE id IN (SELECT id FROM jobs WHERE status IN ('DONE', 'FAILED', 'CANCELLED') "
            + "AND done_at < ?" + kept + " ORDER BY done_at LIMIT ?)", args.toArray()));
  }

  @Override
  public boolean done(Job job, Instant at) {
    return finish(job, "mark job " + job.key() + " done",
        "UPDATE jobs SET status = 'DONE', lease_until = NULL, done_at = ?, died_runs = 0 WHERE " + HELD, at);
  }

  @Override
  public boolean retry(Job job, Instant runAt, String error) {
    return finish(job, "retry job " + job.key(),
        "UPDATE jobs SET status = 'PENDING', run_at = ?, attempts = attempts + 1, last_error = ?, "
            + "lease_until = NULL, claimed_by = NULL, died_runs = 0 WHERE " + HELD, runAt, error);
  }

  @Override
  public boolean fail(Job job, String error, Instant at) {
    return finish(job, "fail job " + job.key(),
        "UPDATE jobs SET status = 'FAILED', attempts = attempts + 1, last_error = ?, lease_until = NULL, done_at = ?, "
            + "died_runs = 0 WHERE " + HELD, error, at);
  }

  private boolean finish(Job job, String what, String sql, Object... args) {
    Object[] all = new Object[args.length + 3];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = job.id();
    all[args.length + 1] = job.claimedBy();
    all[args.length + 2] = job.generation();
    return jdbc.inTransaction(what, c -> Jdbc.update(c, sql, all) == 1);
  }

  @Override
  public Optional<Entry> find(String key) {
    return jdbc.queryOne("read job " + key, "SELECT " + COLUMNS + " FROM jobs WHERE job_key = ?",
        rs -> entry(row(rs)), key);
  }

  @Override
  public List<Entry> list(String prefix) {
    return jdbc.query("list jobs " + prefix + "*",
        "SELECT " + COLUMNS + " FROM jobs WHERE substr(job_key, 1, ?) = ? ORDER BY job_key",
        rs -> entry(row(rs)), prefix.length(), prefix);
  }

  @Override
  public boolean rewritePayload(String key, String payload) {
    requireText("key", key);
    return jdbc.inTransaction("rewrite job " + key, c -> Jdbc.update(c,
        "UPDATE jobs SET payload = ? WHERE job_key = ?", payload, key) == 1);
  }

  private static Entry entry(Row r) {
    return new Entry(r.kind(), r.key(), r.payload(), r.runAt(), r.status(), r.attempts(), r.lastError());
  }

  private static void requireText(String name, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("a job's " + name + " is required");
    }
  }
}
