package dev.candor.main;

import dev.candor.config.TrackerSettings;
import dev.candor.followup.FollowUpRepository;
import dev.candor.followup.FollowUpService;
import dev.candor.incident.IncidentRepository;
import dev.candor.jobs.JobHandler;
import dev.candor.jobs.JobStore;
import dev.candor.outbound.OkHttpTransport;
import dev.candor.server.Inbound;
import dev.candor.trackers.Tracker;
import dev.candor.trackers.TrackerChanges;
import dev.candor.trackers.TrackerLinks;
import dev.candor.trackers.TrackerNotices;
import dev.candor.trackers.TrackerSync;
import dev.candor.trackers.WebhookReply;
import dev.candor.trackers.github.GitHubIssues;
import dev.candor.trackers.github.GitHubWebhook;
import dev.candor.trackers.jira.JiraIssues;
import dev.candor.trackers.jira.JiraWebhook;
import dev.candor.trackers.linear.LinearIssues;
import dev.candor.trackers.linear.LinearWebhook;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The issue tracker follow-ups are kept in ({@code CANDOR_TRACKER}), wired: the sync that makes and updates issues,
 * and the way changes come back (GitHub's signed webhook at {@link #GITHUB_PATH}, Linear's at {@link #LINEAR_PATH}, Jira's at
 * {@link #JIRA_PATH},
 * or polling in Socket Mode or without the webhook's secret).
 */
final class Trackers {
  /** Where GitHub's webhook is delivered. */
  static final String GITHUB_PATH = "/trackers/github";
  /** Where Linear's webhook is delivered. */
  static final String LINEAR_PATH = "/trackers/linear";
  /** Where Jira's webhook is delivered. */
  static final String JIRA_PATH = "/trackers/jira";

  private final TrackerSettings settings;
  private final Tracker tracker;
  private final TrackerSync sync;
  private final TrackerLinks links;
  private final JobStore jobs;
  private final Clock clock;
  /** With the webhook, how often Candor still asks GitHub what changed. */
  static final Duration SAFETY_POLL = Duration.ofHours(1);

  private TrackerChanges changes;
  private boolean webhook;

  private Trackers(TrackerSettings settings, Tracker tracker, TrackerSync sync, TrackerLinks links, JobStore jobs,
      Clock clock) {
    this.settings = settings;
    this.tracker = tracker;
    this.sync = sync;
    this.links = links;
    this.jobs = jobs;
    this.clock = clock;
  }

  /** The tracker's sync, when one is set up; its journal goes with the follow-ups' others. */
  static Optional<Trackers> of(TrackerSettings settings, TrackerLinks links, FollowUpRepository followUps,
      IncidentRepository incidents, JobStore jobs, TrackerNotices notices, Clock clock) {
    Tracker tracker;
    if (settings.github()) {
      tracker = new GitHubIssues(new OkHttpTransport(clock), settings.apiUrl(), settings.repo(),
          settings.token().orElseThrow(), Set.copyOf(settings.users().values()));
    } else if (settings.linear()) {
      tracker = new LinearIssues(new OkHttpTransport(clock), settings.apiUrl(), settings.team(),
          settings.token().orElseThrow());
    } else if (settings.jira()) {
      tracker = new JiraIssues(new OkHttpTransport(clock), settings.apiUrl(), settings.repo(),
          settings.token().orElseThrow(), clock);
    } else {
      return Optional.empty();
    }
    TrackerSync sync = new TrackerSync(tracker, links, followUps, incidents, jobs, notices, settings.users(), clock);
    return Optional.of(new Trackers(settings, tracker, sync, links, jobs, clock));
  }

  TrackerSync sync() {
    return sync;
  }

  /**
   * Once the follow-up service exists: what brings the tracker's changes back to it. Polled every
   * {@code CANDOR_TRACKER_POLL} where no webhook can reach Candor; with the webhook, hourly too, for what happened
   * while Candor was down (a delivery that failed is not sent again for ever).
   */
  void bringBackTo(FollowUpService followUps, boolean socketMode) {
    this.webhook = !socketMode && settings.webhookSecret().isPresent();
    Duration every = webhook && settings.poll().compareTo(SAFETY_POLL) < 0 ? SAFETY_POLL : settings.poll();
    changes = new TrackerChanges(tracker, links, followUps, sync, jobs, settings.users(), every, clock);
  }

  Map<String, JobHandler> jobHandlers() {
    Map<String, JobHandler> handlers = new HashMap<>();
    handlers.put(TrackerSync.KIND, sync.handler());
    handlers.put(TrackerChanges.POLL, changes.poller());
    handlers.put(TrackerChanges.CHECK, changes.checker());
    return handlers;
  }

  /** Polls, and takes the webhook at {@link #GITHUB_PATH} or {@link #LINEAR_PATH} where it can: its route, if any. */
  Map<String, Inbound> start() {
    changes.startPolling(!webhook); // with the webhook, the first poll comes an hour after the first start
    if (!webhook) {
      return Map.of();
    }
    if (tracker instanceof LinearIssues linear) {
      return route(LINEAR_PATH,
          new LinearWebhook(settings.webhookSecret().orElseThrow(), linear.team(), changes, clock)::receive);
    }
    if (tracker instanceof JiraIssues) {
      return route(JIRA_PATH, new JiraWebhook(settings.webhookSecret().orElseThrow(), settings.repo(), changes)::receive);
    }
    return route(GITHUB_PATH, new GitHubWebhook(settings.webhookSecret().orElseThrow(), settings.repo(),
        (GitHubIssues) tracker, changes)::receive);
  }

  /** A tracker's webhook at {@code path}, answering as it replies. */
  private static Map<String, Inbound> route(String path,
      BiFunction<Map<String, String>, String, WebhookReply> webhook) {
    return Map.of(path, (headers, body) -> {
      WebhookReply reply = webhook.apply(headers, body);
      return new Inbound.Answer(reply.status(), reply.message());
    });
  }
}
