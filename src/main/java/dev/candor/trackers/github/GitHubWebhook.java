package dev.candor.trackers.github;

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
 * GitHub's webhook for the repository's issues: a delivery is taken only when its {@code X-Hub-Signature-256}
 * ({@code sha256=} and the hex HMAC-SHA256 of the body under the webhook's secret) matches, compared in constant
 * time; anything else is refused before its body is read. {@code issues} events closed and reopened have the
 * issue's state read again by a durable job and brought back to its follow-up; a ping and every other event are
 * acknowledged and ignored.
 */
public final class GitHubWebhook {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebhookSignature signature;
  private final String repo;
  private final GitHubIssues issues;
  private final TrackerChanges changes;

  public GitHubWebhook(String secret, String repo, GitHubIssues issues, TrackerChanges changes) {
    this.signature = new WebhookSignature(secret, "sha256=");
    this.repo = repo;
    this.issues = issues;
    this.changes = changes;
  }

  /** {@code headers}: names in lowercase. */
  public WebhookReply receive(Map<String, String> headers, String body) {
    if (!signature.signs(headers.get("x-hub-signature-256"), body)) {
      return new WebhookReply(401, "invalid_signature");
    }
    String event = headers.getOrDefault("x-github-event", "");
    if (!event.equals("issues")) {
      return new WebhookReply(200, "ignored " + event);
    }
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return new WebhookReply(400, "malformed_body");
    }
    String action = json.path("action").asText();
    if (!action.equals("closed") && !action.equals("reopened")) {
      return new WebhookReply(200, "ignored " + action);
    }
    if (!repo.equalsIgnoreCase(json.path("repository").path("full_name").asText())) {
      return new WebhookReply(200, "another repository");
    }
    long number = json.path("issue").path("number").asLong();
    Optional<String> login = Optional.ofNullable(json.path("sender").path("login").asText(null));
    TrackerChanges.Outcome outcome = changes.heard(issues.key(number), login);
    return new WebhookReply(200, outcome.name().toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return "GitHubWebhook[" + repo + ", secret hidden]";
  }
}
