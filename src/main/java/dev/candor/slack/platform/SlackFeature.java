package dev.candor.slack.platform;

import com.slack.api.bolt.App;
import dev.candor.jobs.JobHandler;
import java.util.Map;

/**
 * One feature at the Slack edge, assembled from the {@link SlackInfrastructure}: what it answers in Slack, the
 * durable jobs it runs, and whatever it keeps running in between.
 */
public interface SlackFeature extends AutoCloseable {
  /** Registers the feature's commands, events, buttons and forms (and middleware) with Bolt. */
  void register(App app);

  /** The handlers of the durable jobs the feature schedules, by job kind. */
  default Map<String, JobHandler> jobHandlers() {
    return Map.of();
  }

  /** Starts what the feature runs in the background; called once everything is wired, before Slack is heard. */
  default void start() {}

  /** Stops what {@link #start} started. */
  @Override
  default void close() {}
}
