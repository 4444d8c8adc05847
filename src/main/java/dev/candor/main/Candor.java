package dev.candor.main;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import dev.candor.incident.ChannelNamer;
import dev.candor.incident.IncidentService;
import dev.candor.server.SlackHttpServer;
import dev.candor.followup.Facilitators;
import dev.candor.followup.FollowUpService;
import dev.candor.followup.LevelsQuestion;
import dev.candor.followup.ReminderPlan;
import dev.candor.followup.TimelineFollowUpJournal;
import dev.candor.followup.WeeklyDigest;
import dev.candor.incident.IncidentNotifier;
import dev.candor.jobs.JobHandler;
import dev.candor.jobs.JobRunner;
import dev.candor.jobs.JobStore;
import dev.candor.jobs.WakingJobStore;
import dev.candor.nudge.BlameDetector;
import dev.candor.nudge.NudgeService;
import dev.candor.nudge.RuleSet;
import dev.candor.nudge.RulesException;
import dev.candor.slack.AddToTimelineShortcut;
import dev.candor.slack.FollowUpAddForm;
import dev.candor.slack.FollowUpButtons;
import dev.candor.slack.FollowUpChangeForms;
import dev.candor.slack.FollowUpCommands;
import dev.candor.slack.FollowUpJobs;
import dev.candor.slack.HomeTab;
import dev.candor.slack.SlackJobMessages;
import dev.candor.slack.StaleUpdates;
import dev.candor.slack.UserZones;
import dev.candor.slack.NotBlameButton;
import dev.candor.slack.NudgeResponder;
import dev.candor.slack.ChannelBackfill;
import dev.candor.slack.EventIntake;
import dev.candor.slack.EventProcessor;
import dev.candor.slack.EventTranslator;
import dev.candor.slack.Declarations;
import dev.candor.slack.DeclareModal;
import dev.candor.slack.IncidentCommand;
import dev.candor.slack.OpenIncidents;
import dev.candor.slack.PrivateChannels;
import dev.candor.slack.SlackCallFailed;
import dev.candor.slack.SlackGateway;
import dev.candor.slack.SlackIncidentNotifier;
import dev.candor.slack.SlackIncidentWorkspace;
import dev.candor.slack.SlackRoutes;
import dev.candor.slack.TimelineModal;
import dev.candor.slack.IncidentClosing;
import dev.candor.slack.PostmortemAnnouncer;
import dev.candor.slack.PostmortemButtons;
import dev.candor.slack.PostmortemDocuments;
import dev.candor.slack.PostmortemForms;
import dev.candor.slack.PostmortemPrompts;
import dev.candor.slack.SlackFiles;
import dev.candor.postmortem.Meeting;
import dev.candor.postmortem.PostmortemService;
import dev.candor.store.JdbcPostmortemRepository;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import dev.candor.store.Database;
import dev.candor.store.JdbcEventInbox;
import dev.candor.store.JdbcFollowUpRepository;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcJobStore;
import dev.candor.store.JdbcNudgeStore;
import dev.candor.store.JdbcTimelineStore;
import dev.candor.store.JdbcUnitOfWork;
import dev.candor.store.LocalKey;
import dev.candor.store.TimelineJournal;
import dev.candor.timeline.EvidenceKey;
import dev.candor.timeline.TimelineService;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Candor: database, services, Bolt, the HTTP server and, when configured, Socket Mode. Wired by hand. */
public final class Candor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Candor.class);
  /** Web API calls made before answering Slack must leave room in its 3-second window. */
  private static final int WITHIN_ACK_TIMEOUT_MILLIS = 2_000;

  private final Database database;
  private final ExecutorService background;
  private final ExecutorService nudgePool;
  private final ExecutorService postings;
  private final EventProcessor events;
  private final JdbcEventInbox inbox;
  private final JobRunner jobs;
  private final SlackHttpServer http;
  private final SocketModeApp socketMode;

  private Candor(Database database, ExecutorService background, ExecutorService nudgePool, ExecutorService postings,
      EventProcessor events, JdbcEventInbox inbox, JobRunner jobs, SlackHttpServer http, SocketModeApp socketMode) {
    this.database = database;
    this.background = background;
    this.nudgePool = nudgePool;
    this.postings = postings;
    this.events = events;
    this.inbox = inbox;
    this.jobs = jobs;
    this.http = http;
    this.socketMode = socketMode;
  }

  /** Starts everything; throws {@link StartupException} with a one-line reason when it cannot. */
  public static Candor start(BotConfig config, Clock clock) {
    RuleSet rules;
    try {
      rules = config.nudgeRules().map(RuleSet::builtInAnd).orElseGet(RuleSet::builtIn);
    } catch (RulesException e) {
      throw new StartupException("CANDOR_NUDGE_RULES: " + e.getMessage(), e);
    }
    Database database = openDatabase(config.databaseUrl());
    EvidenceKey key;
    try {
      key = LocalKey.load(LocalKey.besideDatabase(config.databaseUrl()), true); // made with the database, kept with it
    } catch (IllegalStateException e) {
      database.close();
      throw new StartupException(e.getMessage(), e);
    }
    ExecutorService background = pool("candor-work", 4);
    ExecutorService postings = pool("candor-post", 1);
    EventProcessor events = null;
    JdbcEventInbox inbox = null;
    JobRunner jobs = null;
    ExecutorService nudgePool = null;
    try {
      SlackConfig slackConfig = new SlackConfig();
      slackConfig.setMethodsEndpointUrlPrefix(config.slackApiUrl());
      slackConfig.setStatsEnabled(false);
      Slack slack = Slack.getInstance(slackConfig);
      SlackGateway gateway = new SlackGateway(slack.methods(config.botToken()));
      var identity = checkToken(gateway, config.slackApiUrl());
      SlackConfig quickConfig = new SlackConfig();
      quickConfig.setMethodsEndpointUrlPrefix(config.slackApiUrl());
      quickConfig.setStatsEnabled(false);
      quickConfig.setHttpClientCallTimeoutMillis(WITHIN_ACK_TIMEOUT_MILLIS);
      SlackGateway withinAck = SlackGateway.withinAck(Slack.getInstance(quickConfig).methods(config.botToken()));

      // Candor's own intake sees every event, its own messages included (they are evidence too).
      AppConfig.AppConfigBuilder appConfig = AppConfig.builder().slack(slack).singleTeamBotToken(config.botToken())
          .ignoringSelfEventsEnabled(false)
          // SlackHttpServer checks every request's signature, against the injected clock, before Bolt sees it
          .requestVerificationEnabled(false)
          // the token was checked above; Bolt must not call auth.test again while Slack waits for an answer
          .authTestCacheExpirationMillis(-1L);
      config.signingSecret().ifPresent(appConfig::signingSecret);
      App app = new App(appConfig.build());

      var timeline = new TimelineService(new JdbcTimelineStore(database.dataSource()), key, clock);
      AtomicReference<JobRunner> runner = new AtomicReference<>();
      Runnable wake = () -> {
        JobRunner r = runner.get();
        if (r != null) {
          r.wake();
        }
      };
      // a job due now (an owner's DM, a prompt) goes out at once, not at the next poll
      JobStore jobStore = new WakingJobStore(new JdbcJobStore(database.dataSource(), clock), wake, clock);
      var postmortems = new PostmortemService(new JdbcPostmortemRepository(database.dataSource()), jobStore,
          new JdbcUnitOfWork(database.dataSource()), config.postmortemPromptAfter(), clock);
      // each change goes into the timeline, and a resolution schedules its post-mortem prompt, in the
      // transaction that makes the change: neither is lost to a crash right after it
      var journal = new TimelineJournal(timeline);
      var repository = new JdbcIncidentRepository(database.dataSource(), (c, incident, change, version) -> {
        journal.record(c, incident, change, version);
        postmortems.incidentChanged(incident.id(), change.kind());
      });
      var notifier = new SlackIncidentNotifier(gateway, config.incidentsChannel(), postings, clock);
      // a job's message is retried by the job, which first looks whether it went out: within a run, only a 429
      var jobMessages = new SlackJobMessages(SlackGateway.rateLimitsOnly(slack.methods(config.botToken())));
      var stale = new StaleUpdates(jobStore, repository, jobMessages, config.statusReminder(), clock);
      var prompts = new PostmortemPrompts(postmortems, repository, jobMessages, clock);
      var incidents = new IncidentService(repository, new SlackIncidentWorkspace(gateway),
          IncidentNotifier.all(List.of(notifier, stale)),
          new ChannelNamer(config.channelPrefix()), config.timezone(), clock);
      var translator = new EventTranslator(config.keyEmoji(), identity.getUserId(), identity.getBotId());
      var patient = new SlackGateway(slack.methods(config.botToken()), d -> Thread.sleep(d.toMillis()), 8);
      var backfill = new ChannelBackfill(patient, translator, timeline, config.backfillWindow(), clock);
      var declarations = new Declarations(incidents, incident -> background.execute(() -> backfill.run(incident)));
      inbox = new JdbcEventInbox(database.dataSource());
      var nudges = new NudgeService(new BlameDetector(rules), new JdbcNudgeStore(database.dataSource()),
          config.nudgeCooldown(), clock);
      // nudges get their own threads: a backfill waiting out rate limits must not delay them
      nudgePool = pool("candor-nudge", 2);
      var responder = new NudgeResponder(nudges, gateway, nudgePool);
      var openIncidents = new OpenIncidents(incidents, gateway, clock);
      var followUpStore = new JdbcFollowUpRepository(database.dataSource());
      // Who is asked about follow-up levels and gets the weekly digest: the post-mortem's facilitator,
      // or the commander while none is named.
      // A facilitator outside a private incident's channel is passed over for the commander.
      var jobMembers = new PrivateChannels(gateway);
      Facilitators facilitators = jobMembers.insideOnly(
          id -> postmortems.of(id).scheduledMeeting().map(Meeting::facilitator), Facilitators.commanders(repository),
          repository);
      var levels = new LevelsQuestion(followUpStore, repository, facilitators, jobStore,
          config.followUpLevelsAfter(), clock);
      var followUps = new FollowUpService(followUpStore, jobStore, new ReminderPlan(config.followUpRemindDays()), clock,
          new JdbcUnitOfWork(database.dataSource()), new TimelineFollowUpJournal(repository, timeline), levels);
      var digest = new WeeklyDigest(followUpStore, repository, facilitators, new UserZones(gateway), jobStore, clock);
      var home = new HomeTab(openIncidents, followUps, postmortems, repository, gateway, background, clock);
      events = new EventProcessor(inbox, translator, incidents, timeline, clock, entry -> {
        responder.onNewEntry(entry);
        stale.onNewEntry(entry);
      }, home::opened);
      events.start(); // picks up whatever was stored but not yet processed before a restart
      EventProcessor processor = events;
      var timelineModal = new TimelineModal(incidents, repository, timeline, withinAck);
      Map<String, JobHandler> handlers = new HashMap<>(
          new FollowUpJobs(followUps, repository, jobMessages, levels, digest, jobMembers).handlers());
      handlers.put(StaleUpdates.KIND, stale::run);
      var files = new SlackFiles(gateway, new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(60)).build());
      var documents = new PostmortemDocuments(postmortems, incidents, timeline, followUps, nudges, gateway, files,
          notifier, config.timezone());
      var closing = new IncidentClosing(incidents, repository, postmortems, followUps, jobMessages,
          config.postmortemsChannel(), background, clock);
      handlers.put(PostmortemService.PROMPT, prompts::run);
      handlers.put(PostmortemService.ANNOUNCE,
          new PostmortemAnnouncer(postmortems, repository, jobMessages, gateway, files, clock)::run);
      handlers.put(PostmortemService.PUBLISH, closing::publish);
      jobs = new JobRunner(jobStore, handlers, clock,
          JobRunner.Settings.defaults(config.jobsPoll()).withLease(config.jobsLease()));
      runner.set(jobs);
      digest.start(); // a weekly digest sweep is always coming
      jobs.start(); // resumes whatever was due or claimed before a restart
      JdbcEventInbox intakeInbox = inbox;
      var addFollowUp = new FollowUpAddForm(incidents, followUps, withinAck, notifier, background);
      SlackRoutes.register(app, new EventIntake(intakeInbox, processor::wake, clock),
          new IncidentCommand(incidents, withinAck, declarations, openIncidents, background,
              timeline, timelineModal, notifier, nudges,
              new FollowUpCommands(followUps, gateway, notifier, addFollowUp), documents, closing),
          new DeclareModal(incidents, withinAck, gateway, declarations, background),
          new AddToTimelineShortcut(incidents, background),
          timelineModal,
          new NotBlameButton(nudges, background),
          new FollowUpButtons(followUps, background, home), addFollowUp,
          new FollowUpChangeForms(followUps, repository, withinAck, notifier, background, home),
          new PostmortemButtons(postmortems, incidents, timeline, withinAck, documents, background,
              identity.getUserId(), clock),
          new PostmortemForms(postmortems, incidents, repository, new JdbcUnitOfWork(database.dataSource()), clock),
          closing);

      SlackHttpServer http = new SlackHttpServer(config.port(), app,
          config.socketMode() ? java.util.Optional.empty() : config.signingSecret(), database::isHealthy, clock);
      startHttp(http, config.port());
      SocketModeApp socket = null;
      if (config.socketMode()) {
        try {
          socket = new SocketModeApp(config.appToken().orElseThrow(), app);
          socket.startAsync();
        } catch (Exception e) {
          http.close();
          throw new StartupException("cannot connect in Socket Mode with SLACK_APP_TOKEN: " + rootMessage(e), e);
        }
      }
      log.info("Candor is up: {} (health on port {})", config, http.port());
      return new Candor(database, background, nudgePool, postings, events, inbox, jobs, http, socket);
    } catch (StartupException e) {
      stop(jobs, events, inbox, background, nudgePool, postings, database);
      throw e;
    } catch (Exception e) {
      stop(jobs, events, inbox, background, nudgePool, postings, database);
      throw new StartupException("could not start: " + e.getMessage(), e);
    }
  }

  private static Database openDatabase(String url) {
    try {
      return Database.open(url);
    } catch (RuntimeException e) {
      throw new StartupException("cannot open DATABASE_URL " + url + ": " + rootMessage(e), e);
    }
  }

  private static com.slack.api.methods.response.auth.AuthTestResponse checkToken(SlackGateway gateway, String apiUrl) {
    try {
      return gateway.call("auth.test", c -> c.authTest(r -> r));
    } catch (SlackCallFailed e) {
      if (e.error().startsWith("unreachable") || e.error().startsWith("http_")) {
        throw new StartupException("cannot reach Slack's Web API at SLACK_API_URL " + apiUrl + " (" + e.error() + ")", e);
      }
      throw new StartupException("Slack did not accept SLACK_BOT_TOKEN (auth.test: " + e.error() + ")", e);
    }
  }

  private static void startHttp(SlackHttpServer http, int port) throws Exception {
    try {
      http.start();
    } catch (java.io.IOException e) {
      throw new StartupException("cannot listen on PORT " + port + ": " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private static ExecutorService pool(String name, int threads) {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000), r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  public int port() {
    return http.port();
  }

  public Database database() {
    return database;
  }

  @Override
  public void close() {
    try {
      if (socketMode != null) {
        socketMode.close();
      }
    } catch (Exception e) {
      log.warn("closing Socket Mode: {}", e.getMessage());
    }
    try {
      http.close();
    } catch (Exception e) {
      log.warn("stopping the HTTP server: {}", e.getMessage());
    }
    stop(jobs, events, inbox, background, nudgePool, postings, database);
  }

  private static void stop(JobRunner jobs, EventProcessor events, JdbcEventInbox inbox, ExecutorService background,
      ExecutorService nudgePool, ExecutorService postings, Database database) {
    if (jobs != null) {
      jobs.close();
    }
    if (events != null) {
      events.close();
    }
    if (inbox != null) {
      inbox.close();
    }
    shutdown(background); // work in flight may still queue announcements
    if (nudgePool != null) {
      shutdown(nudgePool);
    }
    shutdown(postings);
    database.close();
  }

  private static void shutdown(ExecutorService... pools) {
    for (ExecutorService pool : pools) {
      pool.shutdown();
    }
    for (ExecutorService pool : pools) {
      try {
        if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
          pool.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        pool.shutdownNow();
      }
    }
  }

  /** Candor cannot start; the message is one line for the operator. */
  public static final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartupException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
