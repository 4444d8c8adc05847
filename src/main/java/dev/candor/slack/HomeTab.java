package dev.candor.slack;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.IncidentState;
import dev.candor.postmortem.Postmortem;
import dev.candor.postmortem.PostmortemService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
  private final PostmortemService postmortems;
  private final IncidentRepository repository;

  public HomeTab(OpenIncidents incidents, FollowUpService followUps, PostmortemService postmortems,
      IncidentRepository repository, SlackGateway slack, ExecutorService background, Clock clock) {
    this.incidents = incidents;
    this.postmortems = postmortems;
    this.repository = repository;
    this.followUps = followUps;
    this.slack = slack;
    this.background = background;
    this.clock = clock;
  }

  /** The post-mortems {@code userId} facilitates of incidents not yet closed, in channels they are in. */
  private List<HomeView.Facilitated> facilitated(String userId) {
    Map<IncidentId, Postmortem> byIncident = new LinkedHashMap<>();
    postmortems.facilitatedBy(userId).forEach(p -> byIncident.put(p.incidentId(), p));
    List<Incident> candidates = byIncident.keySet().stream().map(repository::byId).flatMap(Optional::stream)
        .filter(i -> i.state() == IncidentState.RESOLVED || i.isOpen()).toList();
    return incidents.visibleAmong(candidates, userId).stream()
        .map(i -> new HomeView.Facilitated(i, byIncident.get(i.id()))).toList();
  }

  public void opened(String userId) {
    background.execute(() -> {
      try {
        var view = HomeView.home(incidents.visibleTo(userId), followUps.openFor(userId), facilitated(userId),
            clock.instant());
        slack.call("views.publish", c -> c.viewsPublish(r -> r.userId(userId).view(view)));
      } catch (SlackCallFailed e) {
        log.warn("publishing the home of {} failed: {}", userId, e.getMessage());
      }
    });
  }
}
