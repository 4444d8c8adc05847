package dev.candor.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class OutboundCopiesTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theWordsAreTakenOutOfABodyKeptAsAJsonString_andNothingElseChanges() throws Exception {
    String body = "{\"type\":\"incident.status\",\"data\":{\"change\":{\"text\":\"a \\\"refund\\\" for Jane Roe\"},"
        + "\"tags\":[\"Jane Roe\",\"x\"]}}";
    JsonNode payload = JSON.createObjectNode().put("url", "https://example.com/h").put("id", "msg_1")
        .put("body", body);

    JsonNode scrubbed = OutboundCopies.scrubbed(payload, "Jane Roe");

    assertEquals("https://example.com/h", scrubbed.path("url").asText());
    assertEquals("msg_1", scrubbed.path("id").asText());
    JsonNode inner = JSON.readTree(scrubbed.path("body").asText());
    assertEquals("incident.status", inner.path("type").asText());
    assertEquals("a \"refund\" for (redacted)", inner.path("data").path("change").path("text").asText());
    assertEquals("(redacted)", inner.path("data").path("tags").get(0).asText());
    assertEquals("x", inner.path("data").path("tags").get(1).asText());
  }

  @Test
  void aPayloadWithoutTheWords_isLeftAlone() throws Exception {
    JsonNode payload = JSON.readTree("{\"body\":\"{\\\"text\\\":\\\"all clear\\\"}\",\"n\":3}");
    assertNull(OutboundCopies.scrubbed(payload, "Jane Roe"));
  }
}
