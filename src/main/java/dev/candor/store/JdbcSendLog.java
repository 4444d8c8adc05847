package dev.candor.store;

import dev.candor.jobs.Job;
import dev.candor.jobs.SendLog;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The send log in SQLite, beside the jobs it speaks of. Each new record also forgets the records of jobs that
 * finished, were rescheduled (a new generation) or are gone, so the table holds only what an unfinished job may
 * still need.
 */
public final class JdbcSendLog implements SendLog {
  private final Jdbc jdbc;

  public JdbcSendLog(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public Instant begin(Job job, String target, Instant now) {
    return jdbc.inTransaction("record that job " + job.key() + " sends to " + target, c -> {
      Jdbc.update(c, "DELETE FROM job_sends WHERE NOT EXISTS (SELECT 1 FROM jobs j WHERE j.job_key = job_sends.job_key"
          + " AND j.generation = job_sends.generation AND j.status IN ('PENDING', 'CLAIMED'))");
      Jdbc.update(c, "INSERT INTO job_sends (job_key, generation, target, begun_at) VALUES (?, ?, ?, ?) "
          + "ON CONFLICT (job_key, generation, target) DO NOTHING", job.key(), job.generation(), target, now);
      return Jdbc.query(c, "SELECT begun_at FROM job_sends WHERE job_key = ? AND generation = ? AND target = ?",
          rs -> Jdbc.instant(rs, "begun_at"), job.key(), job.generation(), target).get(0);
    });
  }

  @Override
  public Optional<Instant> begun(Job job, String target) {
    return jdbc.queryOne("read when job " + job.key() + " began sending to " + target,
        "SELECT begun_at FROM job_sends WHERE job_key = ? AND generation = ? AND target = ?",
        rs -> Jdbc.instant(rs, "begun_at"), job.key(), job.generation(), target);
  }
}
