package dev.candor.trackers.jira;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.candor.trackers.TrackerChanges;
import dev.candor.trackers.WebhookReply;
import dev.candor.trackers.WebhookSignature;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Jira Cloud's admin webhook, made with a secret: a delivery is taken only when its {@code X-Hub-Signature}
 * ({@code sha256=} and the hex HMAC-SHA256 of the body under the secret) matches, compared in constant time. A
 * {@code jira:issue_updated} whose changelog moved the status has where the issue stands read again by a durable job
 * and brought back; everything else is acknowledged and ignored.
 */
public final class JiraWebhook {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebhookSignature signature;
  private final String project;
  private final TrackerChanges changes;

  public JiraWebhook(String secret, String project, TrackerChanges changes) {
    this.signature = new WebhookSignature(secret, "sha256=");
    this.project = project;
    this.changes = changes;
  }

  /** {@code headers}: names in lowercase. */
  public WebhookReply receive(Map<String, String> headers, String body) {
    if (!signature.signs(headers.get("x-hub-signature"), body)) {
      return new WebhookReply(401, "invalid_signature");
    }
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return new WebhookReply(400, "malformed_body");
    }
    String event = json.path("webhookEvent").asText();
    if (!event.equals("jira:issue_updated")) {
      return new WebhookReply(200, "ignored " + event);
    }
    boolean status = false;
    for (JsonNode item : json.path("changelog").path("items")) {
      status |= "status".equals(item.path("fieldId").asText(item.path("field").asText()));
    }
    if (!status) {
      return new WebhookReply(200, "ignored: its status did not change");
    }
    String key = json.path("issue").path("key").asText();
    if (!key.startsWith(project + "-")) {
      return new WebhookReply(200, "another project");
    }
    Optional<String> by = Optional.ofNullable(json.path("user").path("emailAddress").asText(null))
        .map(e -> e.toLowerCase(Locale.ROOT));
    return new WebhookReply(200, changes.heard(key, by).name().toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return "JiraWebhook[" + project + ", secret hidden]";
  }
}
