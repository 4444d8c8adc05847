package dev.candor.slack.platform;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a handler fails, Slack still gets its 200 and the person a plain sentence, never a stack trace
 * — the same in HTTP and Socket Mode. A form stays open with the message on it.
 */
public final class ErrorReplies implements Middleware {
  private static final Logger log = LoggerFactory.getLogger(ErrorReplies.class);
  static final String SORRY = "Something went wrong on Candor's side, so this was not done. "
      + "Try again in a moment; the operator can find the details in Candor's log.";

  @SuppressWarnings("rawtypes") // Bolt's Middleware.apply declares a raw Request; Request<?> would not override it
  @Override
  public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
    try {
      return chain.next(req);
    } catch (Exception e) {
      log.error("handling a {} request failed", req.getRequestType(), e);
      return switch (req.getRequestType()) {
        case Command -> Response.json(200, Map.of("response_type", "ephemeral", "text", SORRY));
        case ViewSubmission -> Response.json(200, Map.of("response_action", "update", "view", Map.of(
            "type", "modal",
            "title", Map.of("type", "plain_text", "text", "Candor"),
            "close", Map.of("type", "plain_text", "text", "Close"),
            "blocks", List.of(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", SORRY))))));
        default -> Response.ok();
      };
    }
  }
}
