package dev.candor.slack.platform;

import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.bolt.context.ActionRespondUtility;
import com.slack.api.bolt.util.BuilderConfigurator;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers a button or shortcut through its response_url after the ack, never holding Slack's 3 seconds. */
public final class Replies {
  private static final Logger log = LoggerFactory.getLogger(Replies.class);

  private Replies() {}

  public static void later(ExecutorService background, ActionRespondUtility ctx,
      BuilderConfigurator<ActionResponse.ActionResponseBuilder> response) {
    background.execute(() -> {
      try {
        ctx.respond(response);
      } catch (IOException | RuntimeException e) {
        log.info("response_url could not be reached: {}", e.getMessage());
      }
    });
  }
}
