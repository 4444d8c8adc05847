package dev.candor.main;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.methods.response.auth.AuthTestResponse;
import dev.candor.config.BotConfig;
import dev.candor.jobs.JobStore;
import dev.candor.jobs.SendLog;
import dev.candor.jobs.UnitOfWork;
import dev.candor.main.Candor.StartupException;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackFiles;
import dev.candor.slack.platform.SlackGateway;
import dev.candor.slack.platform.SlackInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import okhttp3.OkHttpClient;

/** Candor's way into Slack: the Web API clients, each for its kind of call, who Candor is there, and Bolt. */
final class SlackConnection {
  /** Web API calls made before answering Slack must leave room in its 3-second window. */
  private static final int WITHIN_ACK_TIMEOUT_MILLIS = 2_000;

  private final Slack slack;
  private final String token;
  private final SlackGateway gateway;
  private final SlackGateway withinAck;
  private final SlackInfrastructure.Identity identity;
  private final App app;

  private SlackConnection(Slack slack, String token, SlackGateway gateway, SlackGateway withinAck,
      SlackInfrastructure.Identity identity, App app) {
    this.slack = slack;
    this.token = token;
    this.gateway = gateway;
    this.withinAck = withinAck;
    this.identity = identity;
    this.app = app;
  }

  /** Checks the bot token with {@code auth.test}; a refusal or an unreachable Slack stops the start. */
  static SlackConnection open(BotConfig config) {
    Slack slack = Slack.getInstance(slackConfig(config.slackApiUrl(), 0));
    SlackGateway gateway = new SlackGateway(slack.methods(config.botToken()));
    AuthTestResponse identity = checkToken(gateway, config.slackApiUrl());
    SlackGateway withinAck = SlackGateway.withinAck(
        Slack.getInstance(slackConfig(config.slackApiUrl(), WITHIN_ACK_TIMEOUT_MILLIS)).methods(config.botToken()));
    // Candor's own intake sees every event, its own messages included (they are evidence too).
    AppConfig.AppConfigBuilder appConfig = AppConfig.builder().slack(slack).singleTeamBotToken(config.botToken())
        .ignoringSelfEventsEnabled(false)
        // SlackHttpServer checks every request's signature, against the injected clock, before Bolt sees it
        .requestVerificationEnabled(false)
        // the token was checked above; Bolt must not call auth.test again while Slack waits for an answer
        .authTestCacheExpirationMillis(-1L);
    config.signingSecret().ifPresent(appConfig::signingSecret);
    return new SlackConnection(slack, config.botToken(), gateway, withinAck,
        new SlackInfrastructure.Identity(identity.getTeamId(), identity.getUserId(), identity.getBotId()),
        new App(appConfig.build()));
  }

  private static SlackConfig slackConfig(String apiUrl, int callTimeoutMillis) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(apiUrl);
    config.setStatsEnabled(false);
    if (callTimeoutMillis > 0) {
      config.setHttpClientCallTimeoutMillis(callTimeoutMillis);
    }
    return config;
  }

  private static AuthTestResponse checkToken(SlackGateway gateway, String apiUrl) {
    try {
      return gateway.call("auth.test", c -> c.authTest(r -> r));
    } catch (SlackCallFailed e) {
      if (e.error().startsWith("unreachable") || e.error().startsWith("http_")) {
        throw new StartupException("cannot reach Slack's Web API at SLACK_API_URL " + apiUrl + " (" + e.error() + ")",
            e);
      }
      throw new StartupException("Slack did not accept SLACK_BOT_TOKEN (auth.test: " + e.error() + ")", e);
    }
  }

  App app() {
    return app;
  }

  /** What every feature stands on, over this connection. */
  SlackInfrastructure infrastructure(Clock clock, BotConfig settings, JobStore jobs, SendLog sends,
      UnitOfWork unitOfWork, ExecutorService background) {
    var uploads = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(60)).build();
    // a durable job never waits on Slack: a 429 or an outage is waited out by the job's retry, as its next run time
    var forJobs = SlackInfrastructure.ForJobs.over(gateway, uploads, sends, clock);
    return new SlackInfrastructure(clock, settings, identity, gateway, withinAck, forJobs,
        new SlackFiles(gateway, uploads, sends, clock), jobs, unitOfWork, background);
  }
}
