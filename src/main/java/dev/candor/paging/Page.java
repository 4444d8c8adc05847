package dev.candor.paging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.candor.incident.IncidentId;
import java.util.Objects;

/**
 * One event for PagerDuty's Events API v2, as its durable job keeps it: the incident it is about, whom it pages (a
 * service's name, or "the on-call" for {@code PAGERDUTY_ROUTING_KEY}), and the event's body, made when it was asked
 * for. The routing key is in the body, never in a message.
 */
record Page(IncidentId incident, String action, String target, String body) {
  private static final ObjectMapper JSON = new ObjectMapper();

  Page {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(body, "body");
  }

  String toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("incident", incident.value());
    node.put("action", action);
    node.put("target", target);
    node.put("body", body);
    return node.toString();
  }

  /** The routing key this page goes to. */
  String routingKey() {
    return read(body).path("routing_key").asText();
  }

  static Page parse(String payload) {
    JsonNode node = read(payload);
    return new Page(new IncidentId(node.path("incident").asLong()), node.path("action").asText(),
        node.path("target").asText(), node.path("body").asText());
  }

  static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a page: " + e.getOriginalMessage(), e);
    }
  }
}
