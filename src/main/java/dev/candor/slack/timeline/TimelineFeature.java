package dev.candor.slack.timeline;

import com.slack.api.bolt.App;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.IncidentService;
import dev.candor.jobs.JobHandler;
import dev.candor.slack.incident.Announcements;
import dev.candor.slack.incident.ChangeCopies;
import dev.candor.slack.platform.KeptMembers;
import dev.candor.slack.platform.SlackFeature;
import dev.candor.slack.platform.SlackInfrastructure;
import dev.candor.timeline.EntryCopies;
import dev.candor.timeline.EventInbox;
import dev.candor.timeline.EventTranslator;
import dev.candor.timeline.TimelineEntry;
import dev.candor.timeline.TimelineService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The evidence: every event stored before Slack is answered and turned into timeline entries after, the backfill
 * of a channel's history, the "Add to timeline" shortcut, and the {@code timeline} and {@code redact}
 * subcommands.
 */
public final class TimelineFeature implements SlackFeature {
  /** Bot events Candor subscribes to (the manifest's {@code bot_events}); the intake stores every one. */
  public static final List<String> BOT_EVENTS = List.of("message.channels", "message.groups", "reaction_added",
      "reaction_removed", "pin_added", "pin_removed", "member_joined_channel", "member_left_channel", "app_home_opened");
  /** Callback ids of the message shortcuts in the manifest. */
  public static final List<String> MESSAGE_SHORTCUTS = List.of(AddToTimelineShortcut.CALLBACK_ID);

  private final EventIntake intake;
  private final EventProcessor events;
  private final ChannelBackfill backfill;
  private final AddToTimelineShortcut shortcut;
  private final TimelineModal modal;
  private final TimelineCommands commands;
  private final AuthorAsks asks;

  private TimelineFeature(EventIntake intake, EventProcessor events, ChannelBackfill backfill,
      AddToTimelineShortcut shortcut, TimelineModal modal, TimelineCommands commands, AuthorAsks asks) {
    this.intake = intake;
    this.events = events;
    this.backfill = backfill;
    this.shortcut = shortcut;
    this.modal = modal;
    this.commands = commands;
    this.asks = asks;
  }

  /**
   * {@code onNewEntry} hears of each entry recorded for the first time (nudges, the stale-update timer listen);
   * {@code onHomeOpened} of each person opening Candor's App Home; {@code members} keeps who joins and leaves an
   * incident channel. A redaction takes an entry's words out of the
   * change log and the announcements of an incident change, and out of {@code elsewhere} too.
   */
  public static TimelineFeature assemble(SlackInfrastructure infra, EventInbox inbox, IncidentService incidents,
      IncidentRepository repository, TimelineService timeline, Announcements announcements,
      Consumer<TimelineEntry> onNewEntry, Consumer<String> onHomeOpened, EntryCopies elsewhere, KeptMembers members) {
    var settings = infra.settings();
    var translator = new EventTranslator(settings.keyEmoji(), infra.identity().userId(), infra.identity().botId());
    var events = new EventProcessor(inbox, translator, incidents, timeline, infra.clock(), onNewEntry, onHomeOpened,
        members);
    var modal = new TimelineModal(incidents, repository, timeline, infra.withinAck(),
        settings.declare().severities());
    var asks = new AuthorAsks(infra.jobs(), infra.forJobs().messages(), infra.forJobs().gateway(), infra.clock());
    return new TimelineFeature(new EventIntake(inbox, timeline.storableEvent(), events::wake, infra.clock()), events,
        new ChannelBackfill(infra.forJobs().gateway(), translator, timeline, infra.jobs(), settings.backfillWindow(),
            infra.clock()),
        new AddToTimelineShortcut(incidents, infra.background()), modal,
        new TimelineCommands(modal, timeline, announcements, new Redactors(incidents, infra.withinAck()),
            new ChangeCopies(repository, announcements).and(elsewhere), asks), asks);
  }

  /**
   * Reads the recent history of {@code incident}'s channel into its timeline: a durable job, a page a run, that
   * resumes where it stopped after a crash or a restart.
   */
  public void backfill(Incident incident) {
    backfill.start(incident);
  }

  /**
   * Opens the timeline of the incident of {@code channelId} in a modal, as {@code /incident timeline} does, for the
   * click that gave {@code triggerId}; what to tell the person when it cannot.
   */
  public Optional<String> openTimeline(String channelId, String triggerId) {
    return modal.open(channelId, triggerId);
  }

  @Override
  public Map<String, JobHandler> jobHandlers() {
    return Map.of(ChannelBackfill.KIND, backfill::run, AuthorAsks.KIND, asks::run);
  }

  /** The {@code /incident} subcommands about the timeline. */
  public TimelineCommands commands() {
    return commands;
  }

  @Override
  public void register(App app) {
    // Every event is stored, then acknowledged, whatever its type or subtype, before any handler:
    // an event left to Bolt's routing without a handler would be answered 404 and redelivered.
    app.use(intake);
    app.messageShortcut(AddToTimelineShortcut.CALLBACK_ID, shortcut::handle);
    app.blockAction(TimelineModalView.PREVIOUS, modal::turn);
    app.blockAction(TimelineModalView.NEXT, modal::turn);
  }

  /** Picks up whatever was stored but not yet processed before a restart. */
  @Override
  public void start() {
    events.start();
  }

  @Override
  public void close() {
    events.close();
  }
}
