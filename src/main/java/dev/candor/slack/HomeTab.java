package dev.candor.slack;

import dev.candor.followup.FollowUpService;
import dev.candor.slack.views.HomeView;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** App Home: published when a person opens it, showing only what they may see. */
public final class HomeTab {
  private static final Logger log = LoggerFactory.getLogger(HomeTab.class);
  private final OpenIncidents incidents;
  private final FollowUpService followUps;
  private final SlackGateway slack;
  private final ExecutorService background;
  private final Clock clock;

  public HomeTab(OpenIncidents incidents, FollowUpService followUps, SlackGateway slack, ExecutorService background,
      Clock clock) {
    this.incidents = incidents;
    this.followUps = followUps;
    this.slack = slack;
    this.background = background;
    this.clock = clock;
  }

  public void opened(String userId) {
    background.execute(() -> {
      try {
        var view = HomeView.home(incidents.visibleTo(userId), followUps.openFor(userId), clock.instant());
        slack.call("views.publish", c -> c.viewsPublish(r -> r.userId(userId).view(view)));
      } catch (SlackCallFailed e) {
        log.warn("publishing the home of {} failed: {}", userId, e.getMessage());
      }
    });
  }
}
