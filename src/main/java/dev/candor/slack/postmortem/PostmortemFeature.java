package dev.candor.slack.postmortem;

import com.slack.api.bolt.App;
import dev.candor.followup.FollowUpService;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.IncidentService;
import dev.candor.jobs.JobHandler;
import dev.candor.nudge.NudgeService;
import dev.candor.postmortem.PostmortemService;
import dev.candor.slack.home.HomeView;
import dev.candor.slack.incident.Announcements;
import dev.candor.slack.incident.Broadcasts;
import dev.candor.slack.platform.AppHome;
import dev.candor.slack.platform.PrivateChannels;
import dev.candor.slack.platform.SlackFeature;
import dev.candor.slack.platform.SlackInfrastructure;
import dev.candor.timeline.TimelineService;
import dev.candor.trackers.TrackerLinks;
import java.util.Map;

/**
 * The post-mortem ceremony: the prompt on resolve, scheduling the meeting, the draft document, "not needed",
 * closing the incident and publishing its summary — from the channel and from the App Home.
 */
public final class PostmortemFeature implements SlackFeature {
  private final PostmortemButtons buttons;
  private final PostmortemForms forms;
  private final IncidentClosing closing;
  private final HomePostmortemButtons homeButtons;
  private final PostmortemCommands commands;
  private final Map<String, JobHandler> jobHandlers;

  private PostmortemFeature(PostmortemButtons buttons, PostmortemForms forms, IncidentClosing closing,
      HomePostmortemButtons homeButtons, PostmortemCommands commands, Map<String, JobHandler> jobHandlers) {
    this.buttons = buttons;
    this.forms = forms;
    this.closing = closing;
    this.homeButtons = homeButtons;
    this.commands = commands;
    this.jobHandlers = jobHandlers;
  }

  /** {@code home} is published again after a click there. */
  public static PostmortemFeature assemble(SlackInfrastructure infra, PostmortemService postmortems,
      IncidentService incidents, IncidentRepository repository, TimelineService timeline, FollowUpService followUps,
      NudgeService nudges, Announcements announcements, AppHome home, TrackerLinks issues) {
    var settings = infra.settings();
    var background = infra.background();
    var documents = new PostmortemDocuments(postmortems, incidents, timeline, followUps, nudges, infra.gateway(),
        infra.files(), announcements, settings.timezone(), issues, settings.declare().severities());
    var forJobs = infra.forJobs();
    var closing = new IncidentClosing(incidents, repository, postmortems, followUps, forJobs.messages(),
        settings.postmortemsChannel(), new Broadcasts(incidents, forJobs.gateway(), infra.identity().userId()),
        background, infra.clock(), settings.declare().severities());
    var buttons = new PostmortemButtons(postmortems, incidents, timeline, infra.withinAck(), documents, background,
        infra.identity().userId(), infra.clock());
    var forms = new PostmortemForms(postmortems, incidents, repository, infra.unitOfWork(), infra.clock(), home,
        infra.withinAck());
    var homeButtons = new HomePostmortemButtons(repository, infra.withinAck(), documents, buttons, postmortems,
        background, home);
    var prompts = new PostmortemPrompts(postmortems, repository, forJobs.messages(),
        new PrivateChannels(forJobs.gateway()), infra.clock());
    var announcer = new PostmortemAnnouncer(postmortems, repository, forJobs.messages(), forJobs.gateway(),
        forJobs.files(), infra.clock(), settings.declare().severities());
    return new PostmortemFeature(buttons, forms, closing, homeButtons,
        new PostmortemCommands(documents, closing, background), Map.of(
            PostmortemService.PROMPT, prompts::run,
            PostmortemService.ANNOUNCE, announcer::run,
            PostmortemService.PUBLISH, closing::publish));
  }

  /** {@code /incident postmortem} and {@code /incident close}. */
  public PostmortemCommands commands() {
    return commands;
  }

  @Override
  public void register(App app) {
    app.blockAction(PostmortemMessages.SCHEDULE, buttons::schedule);
    app.blockAction(PostmortemMessages.RESCHEDULE, buttons::schedule);
    app.blockAction(PostmortemMessages.NOT_NEEDED, buttons::notNeeded);
    app.blockAction(PostmortemMessages.REMIND_TOMORROW, buttons::remindTomorrow);
    app.blockAction(PostmortemMessages.OPEN, buttons::open);
    app.viewSubmission(PostmortemModals.SCHEDULE_CALLBACK, forms::schedule);
    app.viewSubmission(PostmortemModals.NOT_NEEDED_CALLBACK, forms::notNeeded);
    app.blockAction(PostmortemMessages.CLOSE_ANYWAY, closing::closeAnyway);
    app.blockAction(PostmortemMessages.NOT_YET, closing::notYet);
    app.blockAction(HomeView.OPEN_POSTMORTEM, homeButtons::open);
    app.blockAction(HomeView.SCHEDULE_POSTMORTEM, homeButtons::schedule);
  }

  @Override
  public Map<String, JobHandler> jobHandlers() {
    return jobHandlers;
  }
}
