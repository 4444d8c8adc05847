package dev.candor.slack.platform;

import dev.candor.config.BotConfig;
import dev.candor.jobs.JobStore;
import dev.candor.jobs.SendLog;
import dev.candor.jobs.UnitOfWork;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import okhttp3.OkHttpClient;

/**
 * What every feature at the Slack edge stands on, made once at start: the clock, the settings, the ways to call
 * Slack, the durable jobs and the transaction they join, and the threads slow work runs on.
 *
 * @param identity who Candor is in the workspace, as {@code auth.test} said
 * @param gateway Web API calls made after Slack was answered, on the worker threads, retried on rate limits and
 *     outages within the call; never for a durable job
 * @param withinAck the few calls made while Slack waits for an answer: they must end within its 3 seconds
 * @param forJobs what a durable job's handler calls Slack through: nothing in it ever waits
 * @param files uploads made on the worker threads (the post-mortem document where a workspace has no channel
 *     canvases)
 * @param background slow work after the ack
 */
public record SlackInfrastructure(Clock clock, BotConfig settings, Identity identity, SlackGateway gateway,
    SlackGateway withinAck, ForJobs forJobs, SlackFiles files, JobStore jobs, UnitOfWork unitOfWork,
    ExecutorService background) {

  /** Candor's workspace, its user and its bot. */
  public record Identity(String teamId, String userId, String botId) {}

  /**
   * Slack as a durable job's handler calls it: one attempt per call and no waiting on the job runner's thread. A
   * temporary failure (a 429, with its {@code Retry-After}; a 5xx; Slack unreachable) fails the run, and the job's
   * retry ({@link SlackJobMessages#retryIfTemporary}) waits, as its next run time. Hand a job's handler these, never
   * {@link SlackInfrastructure#gateway()}.
   *
   * @param gateway single calls ({@link SlackGateway#once()})
   * @param messages messages sent once each across crashes and retries
   * @param files files shared once each
   */
  public record ForJobs(SlackGateway gateway, SlackJobMessages messages, SlackFiles files) {

    public ForJobs {
      if (!gateway.neverWaits()) {
        throw new IllegalArgumentException("a durable job's gateway must never wait: use SlackGateway.once()");
      }
    }

    /** All three over {@code gateway.once()}. */
    public static ForJobs over(SlackGateway gateway, OkHttpClient http, SendLog sends, Clock clock) {
      SlackGateway once = gateway.once();
      return new ForJobs(once, new SlackJobMessages(once, sends, clock), new SlackFiles(once, http, sends, clock));
    }
  }
}
