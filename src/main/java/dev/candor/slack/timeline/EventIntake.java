package dev.candor.slack.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import dev.candor.timeline.EventInbox;
import dev.candor.timeline.StorableEvent;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one intake step for events: every event is stored by its {@code event_id} before Slack is
 * answered, then acknowledged, whatever its type; a redelivery finds it stored and is simply acked. What is
 * stored is masked first ({@link StorableEvent}).
 * When it cannot be stored, Slack is answered 503 so that it delivers the event again.
 */
final class EventIntake implements Middleware {
  private static final Logger log = LoggerFactory.getLogger(EventIntake.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventInbox inbox;
  private final StorableEvent storable;
  private final Runnable wake;
  private final Clock clock;

  EventIntake(EventInbox inbox, StorableEvent storable, Runnable wake, Clock clock) {
    this.inbox = inbox;
    this.storable = storable;
    this.wake = wake;
    this.clock = clock;
  }

  @SuppressWarnings("rawtypes") // Bolt's Middleware.apply declares a raw Request; Request<?> would not override it
  @Override
  public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
    if (req.getRequestType() != RequestType.Event) {
      return chain.next(req);
    }
    String body = req.getRequestBodyAsString();
    String eventId;
    try {
      JsonNode root = JSON.readTree(body);
      eventId = root == null ? null : root.path("event_id").asText(null);
      if (root instanceof ObjectNode envelope && storable.prepare(envelope)) {
        // no secret reaches the disk, not even until the event is processed; nor Slack's verification token
        body = JSON.writeValueAsString(envelope);
      }
    } catch (IOException e) {
      eventId = null;
    }
    if (eventId == null || eventId.isBlank()) {
      return Response.ok(); // nothing Candor could keep or Slack would redeliver
    }
    try {
      boolean fresh = inbox.accept(eventId, retryNum(req.getHeaders()), body, clock.instant());
      if (fresh) {
        wake.run();
      }
      return Response.ok();
    } catch (EventInbox.Full e) {
      return tryAgain(); // the inbox said so, once
    } catch (RuntimeException e) {
      log.error("could not store event {}; answering 503 so Slack delivers it again", eventId, e);
      return tryAgain();
    }
  }

  private static Response tryAgain() {
    return Response.builder().statusCode(503).contentType("application/json").body("{\"error\":\"try_again\"}")
        .build();
  }

  private static int retryNum(RequestHeaders headers) {
    String value = headers == null ? null : headers.getFirstValue("X-Slack-Retry-Num");
    try {
      return value == null ? 0 : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
