package dev.candor.slack;

import com.slack.api.bolt.App;
import dev.candor.slack.command.CommandFeature;
import dev.candor.slack.platform.ErrorReplies;
import dev.candor.slack.platform.SlackFeature;
import dev.candor.slack.timeline.TimelineFeature;
import java.util.List;

/** Everything Candor answers in Slack, registered in one place; the manifest test reads these lists. */
public final class SlackRoutes {
  /** Slash commands Candor handles. */
  public static final List<String> COMMANDS = CommandFeature.COMMANDS;
  /** Bot events Candor subscribes to (the manifest's {@code bot_events}). */
  public static final List<String> BOT_EVENTS = TimelineFeature.BOT_EVENTS;
  /** Callback ids of the message shortcuts in the manifest. */
  public static final List<String> MESSAGE_SHORTCUTS = TimelineFeature.MESSAGE_SHORTCUTS;

  private SlackRoutes() {}

  /** A failure in any handler becomes a private apology, never a stack trace; then each feature's routes. */
  public static void register(App app, List<? extends SlackFeature> features) {
    app.use(new ErrorReplies());
    features.forEach(feature -> feature.register(app));
  }
}
