package dev.candor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * PagerDuty's Events API v2 ({@code POST /v2/enqueue}) as its documentation describes it: a JSON event with a
 * {@code routing_key} (32 characters, here one of the keys the fake knows), an {@code event_action} of trigger,
 * acknowledge or resolve, a {@code dedup_key} of at most 255 characters (required but for a trigger), and for a
 * trigger a {@code payload} with {@code summary} (at most 1024), {@code source} and {@code severity} (critical, error,
 * warning, info). A good event is answered 202 {@code {"status":"success","message":"Event processed","dedup_key":…}};
 * a bad one 400 {@code {"status":"invalid event","message":"Event object is invalid","errors":[…]}}; scripted answers
 * (429 with Retry-After, 500) come first. It keeps every event, in order, with what it answered.
 */
public final class FakePagerDuty implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
  private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

  /** One event as it arrived, and the status it was answered. */
  public record Event(JsonNode json, int answered) {
    public String action() {
      return json.path("event_action").asText();
    }

    public String routingKey() {
      return json.path("routing_key").asText();
    }

    public String dedupKey() {
      return json.path("dedup_key").asText();
    }

    public String summary() {
      return json.path("payload").path("summary").asText();
    }

    public String severity() {
      return json.path("payload").path("severity").asText();
    }
  }

  private final MockWebServer server = new MockWebServer();
  private final Set<String> keys;
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final List<MockResponse> scripted = new CopyOnWriteArrayList<>();

  /** A PagerDuty whose services have the routing keys {@code keys}. */
  public FakePagerDuty(String... keys) {
    this.keys = Set.of(keys);
    LocalServers.started(server, this::answer);
  }

  /** PAGERDUTY_EVENTS_URL for Candor. */
  public String eventsUrl() {
    return server.url("/v2/enqueue").toString();
  }

  /** Answers the next events with {@code responses}, in order. */
  public void failNext(MockResponse... responses) {
    scripted.addAll(List.of(responses));
  }

  /** PagerDuty's throttling answer. */
  public static MockResponse throttled(int retryAfterSeconds) {
    return new MockResponse.Builder().code(429).addHeader("Retry-After", Integer.toString(retryAfterSeconds))
        .addHeader("Content-Type", "application/json").body("{\"status\":\"throttle event\",\"message\":"
            + "\"Requests for this service are arriving too quickly. Please retry later.\"}").build();
  }

  public List<Event> events() {
    return new ArrayList<>(events);
  }

  /** The events it accepted (202), in order. */
  public List<Event> accepted() {
    return events.stream().filter(e -> e.answered() == 202).toList();
  }

  private MockResponse answer(RecordedRequest request) {
    JsonNode json;
    try {
      json = JSON.readTree(request.getBody() == null ? "" : request.getBody().utf8());
    } catch (IOException e) {
      return record(null, invalid(400, "Event object is invalid", "Malformed JSON"));
    }
    if (!request.getUrl().encodedPath().equals("/v2/enqueue") || !"POST".equals(request.getMethod())) {
      return record(json, new MockResponse.Builder().code(404).body("{\"status\":\"not found\"}").build());
    }
    if (!scripted.isEmpty()) {
      return record(json, scripted.remove(0));
    }
    List<String> errors = new ArrayList<>();
    String type = request.getHeaders().get("Content-Type");
    if (type == null || !type.startsWith("application/json")) {
      errors.add("Content-Type must be application/json");
    }
    if (!keys.contains(json.path("routing_key").asText())) {
      errors.add("Invalid routing key");
    }
    String action = json.path("event_action").asText();
    if (!ACTIONS.contains(action)) {
      errors.add("'event_action' is invalid");
    }
    String dedup = json.path("dedup_key").asText("");
    if (dedup.length() > 255 || dedup.isEmpty() && !action.equals("trigger")) {
      errors.add("'dedup_key' is invalid");
    }
    if (action.equals("trigger")) {
      JsonNode payload = json.path("payload");
      String summary = payload.path("summary").asText("");
      if (summary.isEmpty() || summary.length() > 1024) {
        errors.add("'payload.summary' is missing or too long");
      }
      if (payload.path("source").asText("").isEmpty()) {
        errors.add("'payload.source' is missing");
      }
      if (!SEVERITIES.contains(payload.path("severity").asText())) {
        errors.add("'payload.severity' is invalid");
      }
    }
    if (!errors.isEmpty()) {
      return record(json, invalid(400, "Event object is invalid", errors.toArray(String[]::new)));
    }
    String body = JSON.createObjectNode().put("status", "success").put("message", "Event processed")
        .put("dedup_key", dedup.isEmpty() ? "generated-dedup-key" : dedup).toString();
    return record(json, new MockResponse.Builder().code(202).addHeader("Content-Type", "application/json").body(body)
        .build());
  }

  private static MockResponse invalid(int code, String message, String... errors) {
    var node = JSON.createObjectNode().put("status", "invalid event").put("message", message);
    var list = node.putArray("errors");
    for (String e : errors) {
      list.add(e);
    }
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(node.toString())
        .build();
  }

  private MockResponse record(JsonNode json, MockResponse response) {
    events.add(new Event(json == null ? JSON.createObjectNode() : json, response.getCode()));
    return response;
  }

  @Override
  public void close() {
    server.close();
  }
}
