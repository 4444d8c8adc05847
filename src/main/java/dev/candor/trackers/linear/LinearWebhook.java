package dev.candor.trackers.linear;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.candor.trackers.TrackerChanges;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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

  private final byte[] secret;
  private final String team;
  private final TrackerChanges changes;
  private final Clock clock;

  public LinearWebhook(String secret, String team, TrackerChanges changes, Clock clock) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.team = team;
    this.changes = changes;
    this.clock = clock;
  }

  /** What Candor answers Linear: a status (200, 400, 401) and a few words. */
  public record Reply(int status, String message) {}

  /** {@code headers}: names in lowercase. */
  public Reply receive(Map<String, String> headers, String body) {
    if (!signedWell(headers.get("linear-signature"), body)) {
      return new Reply(401, "invalid_signature");
    }
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return new Reply(400, "malformed_body");
    }
    JsonNode stamp = json.path("webhookTimestamp");
    if (!stamp.canConvertToLong()
        || Duration.between(Instant.ofEpochMilli(stamp.asLong()), clock.instant()).abs().compareTo(FRESH) > 0) {
      return new Reply(401, "stale_timestamp");
    }
    if (!"Issue".equals(json.path("type").asText()) || !"update".equals(json.path("action").asText())) {
      return new Reply(200, "ignored " + json.path("type").asText() + " " + json.path("action").asText());
    }
    if (!json.path("updatedFrom").has("stateId")) {
      return new Reply(200, "ignored: its state did not change");
    }
    JsonNode data = json.path("data");
    String teamId = data.path("teamId").asText(data.path("team").path("id").asText(""));
    if (!teamId.isEmpty() && !teamId.equals(team)) {
      return new Reply(200, "another team");
    }
    Optional<String> by = Optional.ofNullable(json.path("actor").path("email").asText(null))
        .map(e -> e.toLowerCase(Locale.ROOT));
    TrackerChanges.Outcome outcome = changes.heard(data.path("identifier").asText(), by);
    return new Reply(200, outcome.name().toLowerCase(Locale.ROOT));
  }

  boolean signedWell(String header, String body) {
    if (header == null || header.isBlank()) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return MessageDigest.isEqual(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)), given);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "LinearWebhook[" + team + ", secret hidden]";
  }
}
