package dev.candor.slack.incident;

import com.slack.api.bolt.App;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentService;
import dev.candor.jobs.JobHandler;
import dev.candor.slack.platform.KeptMembers;
import dev.candor.slack.platform.SlackFeature;
import dev.candor.slack.platform.SlackInfrastructure;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Declaring and running an incident in Slack: the declare form, the subcommands about the incident, its
 * announcements in the channel (and {@code INCIDENTS_CHANNEL}), and the commander's stale-update reminder.
 */
public final class IncidentFeature implements SlackFeature {
  private final DeclareModal declareModal;
  private final IncidentCommands commands;
  private final DeclareQuestions questions;
  private final Map<String, JobHandler> jobHandlers;

  private IncidentFeature(DeclareModal declareModal, IncidentCommands commands, DeclareQuestions questions,
      Map<String, JobHandler> jobHandlers) {
    this.questions = questions;
    this.declareModal = declareModal;
    this.commands = commands;
    this.jobHandlers = jobHandlers;
  }

  /** {@code afterDeclaredInExistingChannel} hears of an incident declared in a channel that has history. */
  public static IncidentFeature assemble(SlackInfrastructure infra, IncidentService incidents, StaleUpdates stale,
      KeptMembers members, Consumer<Incident> afterDeclaredInExistingChannel) {
    var forJobs = infra.forJobs();
    var broadcasts = new Broadcasts(incidents, forJobs.gateway(), infra.identity().userId());
    var declarations = new Declarations(incidents, afterDeclaredInExistingChannel);
    var open = new OpenIncidents(incidents, members, infra.clock(), infra.settings().callLink(),
        infra.settings().declare().severities());
    var modal = new DeclareModal(incidents, infra.withinAck(), infra.gateway(), declarations, infra.background());
    var severities = infra.settings().declare().severities();
    var commands = new IncidentCommands(incidents, infra.withinAck(), declarations, open, infra.background(),
        severities);
    var questions = new DeclareQuestions(infra.withinAck(), declarations, infra.background(), severities);
    return new IncidentFeature(modal, commands, questions, Map.of(
        StaleUpdates.KIND, stale::run,
        Announcements.KIND, new Announcer(forJobs.messages(), forJobs.gateway(), broadcasts::mayPublish)::run,
        AnnouncementEdits.KIND, new AnnouncementEdits(infra.jobs(), forJobs.gateway(), incidents::byId)::run));
  }

  /** The {@code /incident} subcommands about the incident itself. */
  public IncidentCommands commands() {
    return commands;
  }

  @Override
  public void register(App app) {
    app.viewSubmission(DeclareModalView.CALLBACK_ID, declareModal::handle);
    app.blockAction(DeclareQuestions.DECLARE_NEW, questions::declareNew);
    app.blockAction(DeclareQuestions.DECLARE_AS, questions::answer);
    app.blockAction(DeclareQuestions.KEEP_IN_TITLE, questions::answer);
  }

  @Override
  public Map<String, JobHandler> jobHandlers() {
    return jobHandlers;
  }
}
