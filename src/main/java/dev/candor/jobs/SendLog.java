package dev.candor.jobs;

import java.time.Instant;
import java.util.Optional;

/**
 * When a job first began to send something (a message to a channel, a file), written before it is sent. A later
 * run of the same scheduled occurrence of the job (retried, or resumed after a crash) learns from it whether the
 * earlier run may have sent it, and from when to look for it in the channel: however busy the channel has been
 * since, the look goes back exactly that far and no further.
 */
public interface SendLog {

  /**
   * Records, unless it is recorded already, that {@code job} (this generation of it) begins sending to
   * {@code target} at {@code now}; stored before this returns. Returns when it first began.
   */
  Instant begin(Job job, String target, Instant now);

  /** When {@code job} (this generation of it) first began sending to {@code target}; empty when it never did. */
  Optional<Instant> begun(Job job, String target);
}
