package dev.candor.slack.home;

import com.slack.api.bolt.App;
import dev.candor.followup.FollowUpService;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.IncidentService;
import dev.candor.insights.InsightsSource;
import dev.candor.postmortem.PostmortemService;
import dev.candor.slack.incident.OpenIncidents;
import dev.candor.slack.platform.AppHome;
import dev.candor.slack.platform.KeptMembers;
import dev.candor.slack.platform.SlackFeature;
import dev.candor.slack.platform.SlackInfrastructure;
import dev.candor.trackers.TrackerLinks;

/**
 * Candor's App Home: a person's open incidents (only those whose channel they are in), their follow-ups and the
 * post-mortems they facilitate, a status update posted from there, and this quarter's insights for a facilitator.
 */
public final class HomeFeature implements SlackFeature {
  private final HomeTab tab;
  private final HomeStatusUpdate statusUpdate;
  private final HomeInsights insights;

  private HomeFeature(HomeTab tab, HomeStatusUpdate statusUpdate, HomeInsights insights) {
    this.tab = tab;
    this.statusUpdate = statusUpdate;
    this.insights = insights;
  }

  public static HomeFeature assemble(SlackInfrastructure infra, IncidentService incidents,
      IncidentRepository repository, FollowUpService followUps, PostmortemService postmortems, KeptMembers members,
      InsightsSource insightsSource, TrackerLinks issues) {
    var open = new OpenIncidents(incidents, members, infra.clock(), infra.settings().callLink(),
        infra.settings().declare().severities());
    var insights = new HomeInsights(insightsSource, members, infra.clock(), infra.settings().timezone(),
        infra.settings().declare().severities());
    var tab = new HomeTab(open, followUps, postmortems, repository, members, infra.gateway(), infra.background(), infra.clock(),
        infra.identity().teamId(), insights, issues);
    return new HomeFeature(tab,
        new HomeStatusUpdate(incidents, repository, infra.withinAck(), infra.background(), tab), insights);
  }

  /** This quarter's insights, for {@code /incident insights}. */
  public HomeInsights insights() {
    return insights;
  }

  /** The App Home other features publish again after a click there. */
  public AppHome appHome() {
    return tab;
  }

  /** {@code userId} opened their App Home: it is published as it stands. */
  public void opened(String userId) {
    tab.opened(userId);
  }

  @Override
  public void register(App app) {
    // a link button still sends its click, which must be answered (else Slack marks it failed); the link does the rest
    app.blockAction(HomeView.OPEN_CHANNEL, (req, ctx) -> ctx.ack());
    app.blockAction(HomeView.POST_UPDATE, statusUpdate::button);
    app.viewSubmission(StatusUpdateForm.CALLBACK, statusUpdate::submit);
  }
}
