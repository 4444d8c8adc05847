package dev.candor.trackers.linear;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.candor.trackers.TrackerChanges;
import dev.candor.trackers.WebhookReply;
import dev.candor.trackers.WebhookSignature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Linear's webhook: a delivery is taken only when its {@code Linear-Signature} (the hex HMAC-SHA256 of the raw body
 * under the webhook's signing secret) matches, compared in constant time, and its {@code webhookTimestamp} (Unix
 * milliseconds, in the body) is within a minute of Candor's clock, as Linear advises against replays. An {@code Issue}
 * {@code update} that moved the state ({@code updatedFrom.stateId}) has where the issue stands read again by a
 * durable job and brought back to its follow-up; everything else is acknowledged and ignored.
 */
public final class LinearWebhook {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Duration FRESH = Duration.ofMinutes(1);

  private final WebhookSignature signature;
  private final String team;
  private final TrackerChanges changes;
  private final Clock clock;

  public LinearWebhook(String secret, String team, TrackerChanges changes, Clock clock) {
    this.signature = new WebhookSignature(secret, "");
    this.team = team;
    this.changes = changes;
    this.clock = clock;
  }

  /** {@code headers}: names in lowercase. */
  public WebhookReply receive(Map<String, String> headers, String body) {
    if (!signature.signs(headers.get("linear-signature"), body)) {
      return new WebhookReply(401, "invalid_signature");
    }
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return new WebhookReply(400, "malformed_body");
    }
    JsonNode stamp = json.path("webhookTimestamp");
    if (!stamp.canConvertToLong()
        || Duration.between(Instant.ofEpochMilli(stamp.asLong()), clock.instant()).abs().compareTo(FRESH) > 0) {
      return new WebhookReply(401, "stale_timestamp");
    }
    if (!"Issue".equals(json.path("type").asText()) || !"update".equals(json.path("action").asText())) {
      return new WebhookReply(200, "ignored " + json.path("type").asText() + " " + json.path("action").asText());
    }
    if (!json.path("updatedFrom").has("stateId")) {
      return new WebhookReply(200, "ignored: its state did not change");
    }
    JsonNode data = json.path("data");
    String teamId = data.path("teamId").asText(data.path("team").path("id").asText(""));
    if (!teamId.isEmpty() && !teamId.equals(team)) {
      return new WebhookReply(200, "another team");
    }
    Optional<String> by = Optional.ofNullable(json.path("actor").path("email").asText(null))
        .map(e -> e.toLowerCase(Locale.ROOT));
    TrackerChanges.Outcome outcome = changes.heard(data.path("identifier").asText(), by);
    return new WebhookReply(200, outcome.name().toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return "LinearWebhook[" + team + ", secret hidden]";
  }
}
