package dev.candor.trackers.github;

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
 * GitHub's webhook for the repository's issues: a delivery is taken only when its {@code X-Hub-Signature-256}
 * ({@code sha256=} and the hex HMAC-SHA256 of the body under the webhook's secret) matches, compared in constant
 * time; anything else is refused before its body is read. {@code issues} events closed and reopened have the
 * issue's state read again by a durable job and brought back to its follow-up; a ping and every other event are
 * acknowledged and ignored.
 */
public final class GitHubWebhook {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final byte[] secret;
  private final String repo;
  private final GitHubIssues issues;
  private final TrackerChanges changes;

  public GitHubWebhook(String secret, String repo, GitHubIssues issues, TrackerChanges changes) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.repo = repo;
    this.issues = issues;
    this.changes = changes;
  }

  /** What Candor answers GitHub: a status (200, 202, 400, 401) and a few words. */
  public record Reply(int status, String message) {}

  /** {@code headers}: names in lowercase. */
  public Reply receive(Map<String, String> headers, String body) {
    if (!signedWell(headers.get("x-hub-signature-256"), body)) {
      return new Reply(401, "invalid_signature");
    }
    String event = headers.getOrDefault("x-github-event", "");
    if (!event.equals("issues")) {
      return new Reply(200, "ignored " + event);
    }
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return new Reply(400, "malformed_body");
    }
    String action = json.path("action").asText();
    if (!action.equals("closed") && !action.equals("reopened")) {
      return new Reply(200, "ignored " + action);
    }
    if (!repo.equalsIgnoreCase(json.path("repository").path("full_name").asText())) {
      return new Reply(200, "another repository");
    }
    long number = json.path("issue").path("number").asLong();
    Optional<String> login = Optional.ofNullable(json.path("sender").path("login").asText(null));
    TrackerChanges.Outcome outcome = changes.heard(issues.key(number), login);
    return new Reply(200, outcome.name().toLowerCase(Locale.ROOT));
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
    return MessageDigest.isEqual(sign(body.getBytes(StandardCharsets.UTF_8)), given);
  }

  byte[] sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "GitHubWebhook[" + repo + ", secret hidden]";
  }
}
