package dev.candor.slack.home;

import dev.candor.followup.FollowUp;
import dev.candor.followup.FollowUpService;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.IncidentState;
import dev.candor.postmortem.Postmortem;
import dev.candor.postmortem.PostmortemService;
import dev.candor.slack.incident.OpenIncidents;
import dev.candor.slack.platform.AppHome;
import dev.candor.slack.platform.KeptMembers;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackGateway;
import dev.candor.trackers.TrackerIssue;
import dev.candor.trackers.TrackerLinks;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** App Home: published when a person opens it, showing only what they may see. */
final class HomeTab implements AppHome {
  private static final Logger log = LoggerFactory.getLogger(HomeTab.class);
  private final OpenIncidents incidents;
  private final FollowUpService followUps;
  private final SlackGateway slack;
  private final ExecutorService background;
  private final Clock clock;
  private final PostmortemService postmortems;
  private final IncidentRepository repository;
  private final KeptMembers members;
  private final String teamId;
  private final HomeInsights insights;
  private final TrackerLinks issues;

  /** {@code teamId} is the workspace's, for links to channels. */
  HomeTab(OpenIncidents incidents, FollowUpService followUps, PostmortemService postmortems,
      IncidentRepository repository, KeptMembers members, SlackGateway slack, ExecutorService background, Clock clock,
      String teamId, HomeInsights insights, TrackerLinks issues) {
    this.issues = issues;
    this.incidents = incidents;
    this.postmortems = postmortems;
    this.repository = repository;
    this.followUps = followUps;
    this.slack = slack;
    this.background = background;
    this.clock = clock;
    this.members = members;
    this.teamId = teamId;
    this.insights = insights;
  }

  /**
   * {@code userId}'s open follow-ups, less those of private incidents whose channel they are no longer in (as Candor
   * keeps channel membership: the look asks Slack nothing).
   */
  private List<FollowUp> followUps(String userId) {
    List<FollowUp> open = followUps.openFor(userId);
    Map<IncidentId, Optional<Incident>> incidents = new HashMap<>();
    open.forEach(f -> incidents.computeIfAbsent(f.incidentId(), repository::byId));
    Set<String> in = members.channelsOf(userId, incidents.values().stream().flatMap(Optional::stream)
        .filter(Incident::privateChannel).map(Incident::channelId).toList());
    return open.stream().filter(f -> incidents.get(f.incidentId())
        .map(i -> !i.privateChannel() || in.contains(i.channelId())).orElse(true)).toList();
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

  /** {@code userId} opened their App Home: it is published as it stands. */
  public void opened(String userId) {
    refresh(userId, null);
  }

  @Override
  public void refresh(String userId, String notice) {
    background.execute(() -> {
      try {
        List<FollowUp> open = followUps(userId);
        Map<Long, TrackerIssue> tracked = new HashMap<>();
        open.forEach(f -> issues.of(f.id()).ifPresent(i -> tracked.put(f.id(), i)));
        var view = HomeView.home(incidents.visibleTo(userId), open, tracked, facilitated(userId),
            insights.linesFor(userId).orElse(List.of()), insights.reportCommand(), clock.instant(), teamId, notice,
            incidents::callOf, incidents.scale());
        slack.call("views.publish", c -> c.viewsPublish(r -> r.userId(userId).view(view)));
      } catch (SlackCallFailed e) {
        log.warn("publishing the home of {} failed: {}", userId, e.getMessage());
      }
    });
  }
}
