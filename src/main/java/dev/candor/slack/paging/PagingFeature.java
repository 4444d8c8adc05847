package dev.candor.slack.paging;

import com.slack.api.bolt.App;
import dev.candor.hooks.WebhookTransport;
import dev.candor.incident.IncidentRepository;
import dev.candor.jobs.JobHandler;
import dev.candor.paging.PageDelivery;
import dev.candor.paging.Paging;
import dev.candor.paging.PagingNotices;
import dev.candor.slack.incident.Announcements;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.slack.platform.SlackFeature;
import dev.candor.slack.platform.SlackInfrastructure;
import dev.candor.slack.platform.SlackMessage;
import java.util.List;
import java.util.Map;

/**
 * Paging through PagerDuty at the Slack edge: {@code /incident page}, and the page jobs, whose outcome (what PagerDuty
 * answered, or its refusal) is posted in the incident's channel after the announcements before it.
 */
public final class PagingFeature implements SlackFeature {
  private final PagingCommands commands;
  private final Map<String, JobHandler> handlers;

  private PagingFeature(PagingCommands commands, Map<String, JobHandler> handlers) {
    this.commands = commands;
    this.handlers = handlers;
  }

  /** {@code transport}: how events reach PagerDuty's Events API ({@code PAGERDUTY_EVENTS_URL}). */
  public static PagingFeature assemble(SlackInfrastructure infra, Paging paging, IncidentRepository incidents,
      Announcements announcements, WebhookTransport transport) {
    PagingNotices notices = (incident, text) -> incidents.byId(incident).ifPresent(i -> {
      String said = Mrkdwn.words(text);
      announcements.post(i, new SlackMessage(said, List.of(Mrkdwn.section(said))));
    });
    return new PagingFeature(new PagingCommands(paging),
        Map.of(Paging.KIND, new PageDelivery(transport, infra.settings().paging().eventsUrl(), notices)));
  }

  public PagingCommands commands() {
    return commands;
  }

  @Override
  public void register(App app) {
    // /incident page comes through the one slash command (CommandFeature)
  }

  @Override
  public Map<String, JobHandler> jobHandlers() {
    return handlers;
  }
}
