package dev.candor.trackers.jira;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.candor.trackers.TrackerChanges;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Jira Cloud's admin webhook, made with a secret: a delivery is taken only when its {@code X-Hub-Signature}
 * ({@code sha256=} and the hex HMAC-SHA256 of the body under the secret) matches, compared in constant time. A
 * {@code jira:issue_updated} whose changelog moved the status has where the issue stands read again by a durable job
 * and brought back; everything else is acknowledged and ignored.
 */
public final class JiraWebhook {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final byte[] secret;
  private final String project;
  private final TrackerChanges changes;

  public JiraWebhook(String secret, String project, TrackerChanges changes) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.project = project;
    this.changes = changes;
  }

  /** What Candor answers Jira: a status and a few words. */
  public record Reply(int status, String message) {}

  /** {@code headers}: names in lowercase. */
  public Reply receive(Map<String, String> headers, String body) {
    if (!signedWell(headers.get("x-hub-signature"), body)) {
      return new Reply(401, "invalid_signature");
    }
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return new Reply(400, "malformed_body");
    }
    String event = json.path("webhookEvent").asText();
    if (!event.equals("jira:issue_updated")) {
      return new Reply(200, "ignored " + event);
    }
    boolean status = false;
    for (JsonNode item : json.path("changelog").path("items")) {
      status |= "status".equals(item.path("fieldId").asText(item.path("field").asText()));
    }
    if (!status) {
      return new Reply(200, "ignored: its status did not change");
    }
    String key = json.path("issue").path("key").asText();
    if (!key.startsWith(project + "-")) {
      return new Reply(200, "another project");
    }
    Optional<String> by = Optional.ofNullable(json.path("user").path("emailAddress").asText(null))
        .map(e -> e.toLowerCase(Locale.ROOT));
    return new Reply(200, changes.heard(key, by).name().toLowerCase(Locale.ROOT));
  }

  boolean signedWell(String header, String body) {
    if (header == null || !header.startsWith("sha256=")) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring("sha256=".length()).strip());
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
    return "JiraWebhook[" + project + ", secret hidden]";
  }
}
