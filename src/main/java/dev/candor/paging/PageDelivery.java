package dev.candor.paging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.candor.hooks.WebhookTransport;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobHandler;
import dev.candor.jobs.RetryLater;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sends a page's event to the Events API and says in the incident's channel what PagerDuty answered: its status,
 * message and {@code dedup_key} once it accepted the event (202); a refusal (400, 401, 403, or any 4xx but 408 and
 * 429: a wrong key or event) is said once there, and the job is given up ({@link PageRefused}: one line in the log) while everything
 * else goes on. 408, 429, 5xx and no answer are retried with backoff, after {@code Retry-After} at the earliest.
 */
public final class PageDelivery implements JobHandler {
  private static final Duration LONGEST_WAIT = Duration.ofHours(1);

  private final WebhookTransport transport;
  private final URI eventsUrl;
  private final PagingNotices notices;

  public PageDelivery(WebhookTransport transport, URI eventsUrl, PagingNotices notices) {
    this.transport = transport;
    this.eventsUrl = eventsUrl;
    this.notices = notices;
  }

  @Override
  public void run(Job job) {
    Page page = Page.parse(job.payload());
    WebhookTransport.Answer answer;
    try {
      answer = transport.post(eventsUrl, Map.of(), page.body());
    } catch (IOException e) {
      throw new RetryLater(Duration.ZERO, "PagerDuty got no " + page.action() + " for " + page.incident() + ": " + e);
    }
    JsonNode said = said(answer.body());
    String message = said.path("message").asText("");
    if (answer.ok()) {
      String dedup = said.path("dedup_key").asText(Paging.dedupKey(page.incident()));
      notices.say(page.incident(), (page.action().equals("trigger") ? "Paged " + page.target() + " through PagerDuty"
          : "Resolved the PagerDuty page to " + page.target()) + ": PagerDuty answered " + said.path("status")
          .asText("success") + (message.isEmpty() ? "" : ", \"" + message + "\"") + " (dedup key " + dedup + ").");
      return;
    }
    if (answer.temporary()) {
      Duration after = answer.waitAsked(LONGEST_WAIT);
      throw new RetryLater(after, "PagerDuty answered " + answer.status() + " to the " + page.action() + " for "
          + page.incident());
    }
    String why = answer.status() + (message.isEmpty() ? "" : " \"" + message + "\"") + errors(said);
    notices.say(page.incident(), "PagerDuty refused the " + (page.action().equals("trigger") ? "page to " : "resolve for ")
        + page.target() + " (" + why + "): check the routing key (PAGERDUTY_ROUTING_KEY or PAGERDUTY_SERVICES). "
        + "Nothing else is held up.");
    throw new PageRefused("PagerDuty refused the " + page.action() + " for " + page.incident() + " to " + page.target()
        + ": " + why + "; given up");
  }

  private static JsonNode said(String body) {
    try {
      return Page.read(body == null || body.isBlank() ? "{}" : body);
    } catch (IllegalArgumentException e) {
      return Page.read("{}");
    }
  }

  private static String errors(JsonNode said) {
    List<String> out = new ArrayList<>();
    said.path("errors").forEach(e -> out.add(e.asText()));
    return out.isEmpty() ? "" : ": " + String.join("; ", out);
  }
}
