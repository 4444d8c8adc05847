package dev.candor.slack.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.candor.incident.IncidentId;
import dev.candor.slack.platform.SlackJobMessages;
import java.io.IOException;
import java.time.Instant;

/**
 * Where a channel's backfill stands, kept as its job's payload: the incident and channel, the window's start
 * ({@code oldest}), and the cursor — {@code latest}, the {@code ts} below which history is still to be read (at
 * first, the moment the backfill began) — with the number of entries added so far.
 */
record BackfillProgress(IncidentId incident, String channel, String oldest, String latest, int added) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static BackfillProgress start(IncidentId incident, String channel, Instant from, Instant to) {
    // a second past now: a message of this very second is read too
    return new BackfillProgress(incident, channel, SlackJobMessages.slackTs(from),
        SlackJobMessages.slackTs(to.plusSeconds(1)), 0);
  }

  /** The next page: history older than {@code oldestRead}. */
  BackfillProgress next(String oldestRead, int addedSoFar) {
    return new BackfillProgress(incident, channel, oldest, oldestRead, addedSoFar);
  }

  String toJson() {
    ObjectNode n = JSON.createObjectNode().put("incident", incident.value()).put("channel", channel)
        .put("oldest", oldest).put("latest", latest).put("added", added);
    return n.toString();
  }

  static BackfillProgress parse(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      if (n == null || !n.path("incident").canConvertToLong() || n.path("channel").asText("").isEmpty()
          || n.path("oldest").asText("").isEmpty() || n.path("latest").asText("").isEmpty()) {
        throw new IllegalArgumentException("not a backfill's progress: " + json);
      }
      return new BackfillProgress(new IncidentId(n.path("incident").asLong()), n.path("channel").asText(),
          n.path("oldest").asText(), n.path("latest").asText(), n.path("added").asInt());
    } catch (IOException e) {
      throw new IllegalArgumentException("not a backfill's progress: " + e.getMessage(), e);
    }
  }
}
