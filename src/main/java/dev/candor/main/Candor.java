package dev.candor.main;

import com.slack.api.bolt.socket_mode.SocketModeApp;
import dev.candor.config.BotConfig;
import dev.candor.followup.LevelsQuestion;
import dev.candor.hooks.OutboundCopies;
import dev.candor.jobs.JobHandler;
import dev.candor.jobs.JobRetention;
import dev.candor.jobs.JobRunner;
import dev.candor.jobs.JobStore;
import dev.candor.jobs.WakingJobStore;
import dev.candor.nudge.RuleSet;
import dev.candor.nudge.RulesException;
import dev.candor.outbound.OkHttpTransport;
import dev.candor.server.Inbound;
import dev.candor.server.SlackHttpServer;
import dev.candor.slack.SlackRoutes;
import dev.candor.slack.card.CardFeature;
import dev.candor.slack.command.CommandFeature;
import dev.candor.slack.followup.FollowUpCopies;
import dev.candor.slack.followup.FollowUpFeature;
import dev.candor.slack.home.HomeFeature;
import dev.candor.slack.incident.Broadcasts;
import dev.candor.slack.incident.IncidentFeature;
import dev.candor.slack.nudge.NudgeFeature;
import dev.candor.slack.paging.PagingFeature;
import dev.candor.slack.platform.SlackFeature;
import dev.candor.slack.platform.WorkerPools;
import dev.candor.slack.postmortem.PostmortemFeature;
import dev.candor.slack.timeline.TimelineFeature;
import dev.candor.store.Database;
import dev.candor.store.JdbcInsightsReader;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Candor: the database, the domain, the features at the Slack edge, the job runner, the HTTP server
 * and, when configured, Socket Mode. Wired by hand.
 */
public final class Candor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Candor.class);

  private final Running running;
  private final SlackHttpServer http;
  private final SocketModeApp socketMode;

  private Candor(Running running, SlackHttpServer http, SocketModeApp socketMode) {
    this.running = running;
    this.http = http;
    this.socketMode = socketMode;
  }

  /** Starts everything; throws {@link StartupException} with a one-line reason when it cannot. */
  public static Candor start(BotConfig config, Clock clock) {
    RuleSet rules = nudgeRules(config);
    Running running = new Running(Storage.open(config.databaseUrl(), config.evidenceKey()), WorkerPools.named("candor-work", 4));
    try {
      SlackConnection slack = SlackConnection.open(config);
      AtomicReference<JobRunner> runner = new AtomicReference<>();
      // a job due now (an owner's DM, a prompt) goes out at once, not at the next poll
      JobStore jobStore = new WakingJobStore(running.storage.jobs(clock), () -> wake(runner), clock);
      var infra = slack.infrastructure(clock, config, jobStore, running.storage.sends(),
          running.storage.unitOfWork(), running.background);
      var domain = DomainServices.assemble(infra, running.storage, rules);

      var nudges = running.add(NudgeFeature.assemble(infra, domain.nudges(), domain.announcements()));
      var home = running.add(HomeFeature.assemble(infra, domain.incidents(), domain.repository(),
          domain.followUps(), domain.postmortems(), domain.members(),
          new JdbcInsightsReader(running.storage.database().dataSource()), running.storage.trackerLinks()));
      var timeline = running.add(TimelineFeature.assemble(infra, running.storage.inbox(), domain.incidents(),
          domain.repository(), domain.timeline(), domain.announcements(), entry -> {
            nudges.onNewEntry(entry);
            domain.stale().onNewEntry(entry);
            domain.catchups().onNewEntry(entry);
          }, home::opened, new FollowUpCopies(running.storage.followUps(), domain.announcements())
              .and(domain.cards().redactions()).and(new OutboundCopies(infra.jobs())), domain.members()));
      var catchup = running.add(domain.catchups());
      catchup.openTimelineWith(timeline::openTimeline);
      var incident = running.add(IncidentFeature.assemble(infra, domain.incidents(), domain.stale(),
          domain.members(), timeline::backfill));
      running.add(CardFeature.assemble(infra, domain.incidents(), domain.repository(), running.storage.cards(),
          domain.cards(), new Broadcasts(domain.incidents(), infra.forJobs().gateway(), infra.identity().userId())::mayPublish,
          i -> config.callLink().link(i.id().value(), i.title())));
      running.add(domain.memberRefresh());
      var followUps = running.add(FollowUpFeature.assemble(infra, domain.incidents(), domain.repository(),
          domain.followUps(), domain.levels(), domain.digest(), home.appHome(), running.storage.trackerLinks()));
      var postmortems = running.add(PostmortemFeature.assemble(infra, domain.postmortems(), domain.incidents(),
          domain.repository(), domain.timeline(), domain.followUps(), domain.nudges(), domain.announcements(),
          home.appHome(), running.storage.trackerLinks()));
      var paging = running.add(PagingFeature.assemble(infra, domain.paging(), domain.repository(),
          domain.announcements(), new OkHttpTransport(clock)));
      running.add(CommandFeature.assemble(domain.incidents(), incident, timeline, nudges, followUps, postmortems,
          home, paging, catchup));

      Map<String, JobHandler> handlers = jobHandlers(running.features);
      handlers.putAll(Outbound.jobHandlers(config, clock));
      domain.trackers().ifPresent(t -> handlers.putAll(t.jobHandlers()));
      running.jobs = new JobRunner(jobStore, handlers, clock,
          JobRunner.Settings.defaults(config.jobsPoll()).withLease(config.jobsLease()), new JobFailures(),
          // a levels question's finished job is the record that it was asked, once per incident
          new JobRetention(config.jobsRetention(), Set.of(LevelsQuestion.KIND)));
      runner.set(running.jobs);
      if (running.storage.database().soleUser()) {
        running.jobs.takeOverClaimsOfTheDead(); // no other process holds the database: what was claimed runs now
      }
      running.features.forEach(SlackFeature::start); // resumes what was stored but not processed before a restart
      running.jobs.start(); // resumes whatever was due or claimed before a restart
      SlackRoutes.register(slack.app(), running.features);
      Map<String, Inbound> inbound = domain.trackers().map(Trackers::start).orElse(Map.of());
      return listen(config, clock, slack, running, inbound);
    } catch (StartupException e) {
      running.close();
      throw e;
    } catch (RuntimeException e) {
      running.close();
      throw new StartupException("could not start: " + e.getMessage(), e);
    }
  }

  private static RuleSet nudgeRules(BotConfig config) {
    try {
      return config.nudgeRules().map(RuleSet::builtInAnd).orElseGet(RuleSet::builtIn);
    } catch (RulesException e) {
      throw new StartupException("CANDOR_NUDGE_RULES: " + e.getMessage(), e);
    }
  }

  private static void wake(AtomicReference<JobRunner> runner) {
    JobRunner r = runner.get();
    if (r != null) {
      r.wake();
    }
  }

  private static Map<String, JobHandler> jobHandlers(List<SlackFeature> features) {
    Map<String, JobHandler> handlers = new HashMap<>();
    for (SlackFeature feature : features) {
      feature.jobHandlers().forEach((kind, handler) -> {
        if (handlers.putIfAbsent(kind, handler) != null) {
          throw new IllegalStateException("two features handle the job kind " + kind);
        }
      });
    }
    return handlers;
  }

  /** The HTTP server (health, and Slack's requests in HTTP mode) and, with an app token, Socket Mode. */
  private static Candor listen(BotConfig config, Clock clock, SlackConnection slack, Running running,
      Map<String, Inbound> inbound) {
    SlackHttpServer http = new SlackHttpServer(config.port(), slack.app(),
        config.socketMode() ? Optional.empty() : config.signingSecret(), running.storage.database()::isHealthy,
        clock, inbound);
    try {
      http.start();
    } catch (IOException e) {
      throw new StartupException("cannot listen on PORT " + config.port() + ": " + rootMessage(e), e);
    } catch (Exception e) {
      throw new StartupException("could not start: " + e.getMessage(), e);
    }
    SocketModeApp socket = null;
    if (config.socketMode()) {
      try {
        socket = new SocketModeApp(config.appToken().orElseThrow(), slack.app());
        socket.startAsync();
      } catch (Exception e) {
        stop(http);
        throw new StartupException("cannot connect in Socket Mode with SLACK_APP_TOKEN: " + rootMessage(e), e);
      }
    }
    log.info("Candor is up: {} (health on port {})", config, http.port());
    return new Candor(running, http, socket);
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  public int port() {
    return http.port();
  }

  /** The runner of Candor's durable jobs (reminders, announcements, prompts, digests). */
  public JobRunner jobs() {
    return running.jobs;
  }

  public Database database() {
    return running.storage.database();
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
    stop(http);
    running.close();
  }

  private static void stop(SlackHttpServer http) {
    try {
      http.close();
    } catch (Exception e) {
      log.warn("stopping the HTTP server: {}", e.getMessage());
    }
  }

  /**
   * What runs between the start and the stop, closed in the reverse order of its making: the job runner, then
   * the features from the last assembled to the first (the timeline's event processor, which hands messages to
   * the nudges, stops before the nudges' threads do), the worker threads, and the storage last.
   */
  private static final class Running implements AutoCloseable {
    final Storage storage;
    final ExecutorService background;
    final List<SlackFeature> features = new ArrayList<>();
    JobRunner jobs;

    Running(Storage storage, ExecutorService background) {
      this.storage = storage;
      this.background = background;
    }

    /** {@code feature}, kept to be started, registered and closed with the rest; a failed start closes it too. */
    <F extends SlackFeature> F add(F feature) {
      features.add(feature);
      return feature;
    }

    @Override
    public void close() {
      if (jobs != null) {
        jobs.close();
      }
      for (int i = features.size() - 1; i >= 0; i--) {
        features.get(i).close();
      }
      WorkerPools.shutdown(background);
      storage.close();
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
