package dev.candor.slack.platform;

import dev.candor.config.BotConfig;
import dev.candor.jobs.JobStore;
import dev.candor.jobs.UnitOfWork;
import java.time.Clock;
import java.util.concurrent.ExecutorService;

/**
 * What every feature at the Slack edge stands on, made once at start: the clock, the settings, the ways to call
 * Slack, the durable jobs and the transaction they join, and the threads slow work runs on.
 *
 * @param identity who Candor is in the workspace, as {@code auth.test} said
 * @param gateway Web API calls made after Slack was answered, retried on rate limits and outages
 * @param withinAck the few calls made while Slack waits for an answer: they must end within its 3 seconds
 * @param patient calls that wait out rate limits however long they last (reading history)
 * @param jobMessages messages sent by durable jobs, once each across crashes
 * @param files uploads (the post-mortem document where a workspace has no channel canvases)
 * @param background slow work after the ack
 */
public record SlackInfrastructure(Clock clock, BotConfig settings, Identity identity, SlackGateway gateway,
    SlackGateway withinAck, SlackGateway patient, SlackJobMessages jobMessages, SlackFiles files, JobStore jobs,
    UnitOfWork unitOfWork, ExecutorService background) {

  /** Candor's workspace, its user and its bot. */
  public record Identity(String teamId, String userId, String botId) {}
}
