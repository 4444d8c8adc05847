package dev.candor.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Objects;

/**
 * One webhook to deliver, as its durable job keeps it: where, the {@code webhook-id} (the same on every attempt, so
 * the receiver can drop a repeat), and the body, fixed when the change was made.
 */
record Delivery(URI url, String id, String body) {
  private static final ObjectMapper JSON = new ObjectMapper();

  Delivery {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(body, "body");
  }

  String toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("url", url.toString());
    node.put("id", id);
    node.put("body", body);
    return node.toString();
  }

  /** Reads a job's payload; {@link IllegalArgumentException} (a permanent failure) when it is not a delivery. */
  static Delivery parse(String payload) {
    try {
      JsonNode node = JSON.readTree(payload);
      return new Delivery(URI.create(node.path("url").asText()), node.path("id").asText(),
          node.path("body").asText());
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException("not a webhook delivery: " + e.getMessage(), e);
    }
  }
}
