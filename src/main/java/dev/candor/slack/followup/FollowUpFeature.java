package dev.candor.slack.followup;

import com.slack.api.bolt.App;
import dev.candor.followup.FollowUpService;
import dev.candor.followup.LevelsQuestion;
import dev.candor.followup.WeeklyDigest;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.IncidentService;
import dev.candor.jobs.JobHandler;
import dev.candor.slack.platform.AppHome;
import dev.candor.slack.platform.PrivateChannels;
import dev.candor.slack.platform.SlackFeature;
import dev.candor.slack.platform.SlackInfrastructure;
import dev.candor.trackers.TrackerLinks;
import java.util.Map;

/**
 * Follow-ups that get done: the {@code followup} subcommands and form, the owner's DMs with their buttons, the
 * reminders, the levels question and the weekly digest.
 */
public final class FollowUpFeature implements SlackFeature {
  private final FollowUpAddForm addForm;
  private final FollowUpButtons buttons;
  private final FollowUpChangeForms changeForms;
  private final FollowUpCommands commands;
  private final Map<String, JobHandler> jobHandlers;
  private final WeeklyDigest digest;

  private FollowUpFeature(FollowUpAddForm addForm, FollowUpButtons buttons, FollowUpChangeForms changeForms,
      FollowUpCommands commands, Map<String, JobHandler> jobHandlers, WeeklyDigest digest) {
    this.addForm = addForm;
    this.buttons = buttons;
    this.changeForms = changeForms;
    this.commands = commands;
    this.jobHandlers = jobHandlers;
    this.digest = digest;
  }

  /** {@code home} is published again after a click there. */
  public static FollowUpFeature assemble(SlackInfrastructure infra, IncidentService incidents,
      IncidentRepository repository, FollowUpService followUps, LevelsQuestion levels, WeeklyDigest digest,
      AppHome home, TrackerLinks issues) {
    var background = infra.background();
    var addForm = new FollowUpAddForm(incidents, followUps, infra.withinAck(), background);
    // a non-owner's click on a follow-up is told why nothing happened, within Slack's 3 seconds
    var clicks = new FollowUpClicks(followUps, repository, new PrivateChannels(infra.withinAck()));
    var jobs = new FollowUpJobs(followUps, repository, infra.forJobs().messages(), levels, digest,
        new PrivateChannels(infra.forJobs().gateway()), issues);
    return new FollowUpFeature(addForm, new FollowUpButtons(followUps, clicks, background, home),
        new FollowUpChangeForms(followUps, clicks, repository, infra.withinAck(), background, home),
        new FollowUpCommands(followUps, infra.gateway(), addForm, background, issues), jobs.handlers(), digest);
  }

  /** {@code /incident followup …} and {@code /incident followups}. */
  public FollowUpCommands commands() {
    return commands;
  }

  @Override
  public void register(App app) {
    app.blockAction(FollowUpMessages.DONE, buttons::done);
    app.blockAction(FollowUpMessages.SNOOZE, buttons::snooze);
    app.blockAction(FollowUpMessages.EDIT, changeForms::editButton);
    app.blockAction(FollowUpMessages.REASSIGN, changeForms::reassignButton);
    app.blockAction(FollowUpMessages.ADD, addForm::button);
    app.viewSubmission(FollowUpForms.ADD, addForm::submit);
    app.viewSubmission(FollowUpForms.EDIT, changeForms::submitEdit);
    app.viewSubmission(FollowUpForms.REASSIGN, changeForms::submitReassign);
  }

  @Override
  public Map<String, JobHandler> jobHandlers() {
    return jobHandlers;
  }

  /** A weekly digest sweep is always coming. */
  @Override
  public void start() {
    digest.start();
  }
}
