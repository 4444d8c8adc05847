package dev.candor.slack.card;

import com.slack.api.bolt.App;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentCards;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.IncidentService;
import dev.candor.jobs.JobHandler;
import dev.candor.slack.incident.IncidentChanges;
import dev.candor.slack.platform.SlackFeature;
import dev.candor.slack.platform.SlackInfrastructure;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The living incident card: posted as the declaration's message, pinned and bookmarked, kept current by durable jobs
 * ({@link Cards}, {@link CardKeeper}), with the next steps as buttons ({@link CardButtons}).
 */
public final class CardFeature implements SlackFeature {
  private final CardButtons buttons;
  private final Map<String, JobHandler> jobHandlers;

  private CardFeature(CardButtons buttons, Map<String, JobHandler> jobHandlers) {
    this.buttons = buttons;
    this.jobHandlers = jobHandlers;
  }

  /**
   * {@code mayPublish} says whether an incident may be shown in {@code INCIDENTS_CHANNEL} now; {@code callLink} is an
   * incident's call, if there is one.
   */
  public static CardFeature assemble(SlackInfrastructure infra, IncidentService incidents,
      IncidentRepository repository, IncidentCards cards, Cards schedule, Predicate<IncidentId> mayPublish,
      Function<Incident, Optional<String>> callLink) {
    var once = infra.forJobs().gateway();
    var keeper = new CardKeeper(repository, cards, schedule, infra.forJobs().messages(), once,
        infra.settings().incidentsChannel(), mayPublish, callLink, infra.clock(),
        infra.settings().declare().severities());
    var pins = new CardPins(repository, cards, once, callLink);
    var buttons = new CardButtons(incidents, new IncidentChanges(incidents, infra.withinAck()), infra.withinAck(),
        infra.background(), infra.settings().declare().severities());
    return new CardFeature(buttons, Map.of(Cards.KIND, keeper::run, Cards.TICK, keeper::tick, Cards.PIN, pins::run));
  }

  @Override
  public void register(App app) {
    for (CardAction action : new CardAction[] {CardAction.POST_UPDATE, CardAction.SEVERITY, CardAction.ROLES,
        CardAction.RESOLVE, CardAction.REOPEN, CardAction.PICK_COMMS, CardAction.PICK_SCRIBE}) {
      app.blockAction(action.id(), buttons::clicked);
    }
    app.viewSubmission(CardAction.SEVERITY_FORM.id(), buttons::severity);
    app.viewSubmission(CardAction.ROLES_FORM.id(), buttons::roles);
    app.viewSubmission(CardAction.RESOLVE_FORM.id(), buttons::resolve);
  }

  @Override
  public Map<String, JobHandler> jobHandlers() {
    return jobHandlers;
  }
}
