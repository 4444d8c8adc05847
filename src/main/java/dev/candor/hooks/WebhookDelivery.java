package dev.candor.hooks;

import dev.candor.jobs.Job;
import dev.candor.jobs.JobHandler;
import dev.candor.jobs.RetryLater;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a webhook's job: POSTs its body, signed at this attempt's time, with the {@code webhook-id} chosen when the
 * change was made. A 2xx delivers it; 408, 429, 5xx or no answer (refused, reset, timed out) put it back, after the
 * runner's backoff or the {@code Retry-After} asked for, whichever is longer; any other 4xx gives it up
 * ({@link WebhookRefused}: one line in the log), and the incident's next webhook follows.
 */
public final class WebhookDelivery implements JobHandler {
  /** The longest {@code Retry-After} honoured: a receiver asking for more is tried again after a day. */
  static final Duration LONGEST_WAIT = Duration.ofDays(1);

  private final WebhookTransport transport;
  private final WebhookSigner signer;
  private final Clock clock;

  public WebhookDelivery(WebhookTransport transport, WebhookSigner signer, Clock clock) {
    this.transport = transport;
    this.signer = signer;
    this.clock = clock;
  }

  @Override
  public void run(Job job) {
    Delivery delivery = Delivery.parse(job.payload());
    long timestamp = clock.instant().getEpochSecond();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("webhook-id", delivery.id());
    headers.put("webhook-timestamp", Long.toString(timestamp));
    headers.put("webhook-signature", signer.sign(delivery.id(), timestamp, delivery.body()));
    String where = where(delivery.url());
    WebhookTransport.Answer answer;
    try {
      answer = transport.post(delivery.url(), headers, delivery.body());
    } catch (IOException e) {
      throw new RetryLater(Duration.ZERO, "webhook " + delivery.id() + " to " + where + " got no answer: " + e);
    }
    if (answer.ok()) {
      return;
    }
    if (answer.temporary()) {
      Duration after = answer.waitAsked(LONGEST_WAIT);
      throw new RetryLater(after, "webhook " + delivery.id() + " to " + where + " answered " + answer.status());
    }
    throw new WebhookRefused("webhook " + delivery.id() + " to " + where + " was refused with " + answer.status()
        + "; given up, as sending it again would be refused again");
  }

  /** The URL as the log may show it: no query, which may hold a receiver's token. */
  static String where(URI url) {
    return url.getScheme() + "://" + url.getAuthority() + (url.getPath() == null ? "" : url.getPath());
  }
}
