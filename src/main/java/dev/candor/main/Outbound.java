package dev.candor.main;

import dev.candor.config.BotConfig;
import dev.candor.config.WebhookSettings;
import dev.candor.hooks.WebhookDelivery;
import dev.candor.hooks.WebhookSigner;
import dev.candor.hooks.Webhooks;
import dev.candor.jobs.JobHandler;
import dev.candor.outbound.OkHttpTransport;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** What Candor sends outside Slack, as durable jobs: signed webhooks. */
final class Outbound {
  private Outbound() {}

  /** The handlers of the outbound jobs, by kind (none for webhooks while they are off: a job left from before fails). */
  static Map<String, JobHandler> jobHandlers(BotConfig config, Clock clock) {
    Map<String, JobHandler> handlers = new HashMap<>();
    OkHttpTransport http = new OkHttpTransport(clock);
    config.webhooks().secret().ifPresent(secret -> handlers.put(Webhooks.KIND,
        new WebhookDelivery(http, new WebhookSigner(WebhookSettings.key(secret)), clock)));
    return handlers;
  }
}
