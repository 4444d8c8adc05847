package dev.candor.trackers;

import dev.candor.followup.FollowUp;
import dev.candor.followup.FollowUpService;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobHandler;
import dev.candor.jobs.JobStore;
import dev.candor.jobs.RetryLater;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What happens in the tracker, brought back: an issue closed there marks its follow-up done, and one reopened there
 * opens it again. It hears of it from the tracker's signed webhook, or, where none can reach Candor, from a durable
 * job that asks the tracker every {@code poll} for the issues changed since it last asked. A polled issue whose
 * follow-up has a change of Candor's still on its way to the tracker is left alone: Candor's word stands.
 */
public final class TrackerChanges {
  /** Job kind: ask the tracker what changed. */
  public static final String POLL = "tracker.poll";
  /** Job kind: read where one issue stands now, after its webhook, and bring it back. */
  public static final String CHECK = "tracker.check";
  static final String POLL_KEY = "tracker:poll";

  private final Tracker tracker;
  private final TrackerLinks links;
  private final FollowUpService followUps;
  private final TrackerSync sync;
  private final JobStore jobs;
  private final Map<String, String> slackUsers;
  private final Duration poll;
  private final Clock clock;

  /** {@code users}: Slack user ids to the tracker's logins (a login closing an issue is that Slack user). */
  public TrackerChanges(Tracker tracker, TrackerLinks links, FollowUpService followUps, TrackerSync sync,
      JobStore jobs, Map<String, String> users, Duration poll, Clock clock) {
    this.tracker = tracker;
    this.links = links;
    this.followUps = followUps;
    this.sync = sync;
    this.jobs = jobs;
    this.slackUsers = inverse(users);
    this.poll = poll;
    this.clock = clock;
  }

  private static Map<String, String> inverse(Map<String, String> users) {
    Map<String, String> out = new java.util.HashMap<>();
    users.forEach((slack, login) -> out.put(login.toLowerCase(java.util.Locale.ROOT), slack));
    return Map.copyOf(out);
  }

  /** What a change in the tracker came to. */
  public enum Outcome {
    /** The follow-up changed. */
    APPLIED,
    /** It already stood so. */
    ALREADY,
    /** The issue is none of Candor's. */
    UNKNOWN,
    /** Where the issue stands now is read by a job, and brought back. */
    QUEUED
  }

  /**
   * The tracker's webhook said issue {@code key} was closed or reopened, by {@code login}: a durable job reads where it
   * stands now and brings that back, so a delivery that comes late, out of order or again changes nothing it should
   * not. Deliveries about one issue before its check ran make one check.
   */
  public Outcome heard(String key, Optional<String> login) {
    if (links.followUpOf(tracker.id(), key).isEmpty()) {
      return Outcome.UNKNOWN;
    }
    jobs.schedule(CHECK, "tracker:check:" + key, key + "\n" + login.orElse(""), clock.instant());
    return Outcome.QUEUED;
  }

  /** The check's handler. */
  public JobHandler checker() {
    return job -> {
      String[] p = job.payload().split("\n", 2);
      Optional<String> login = p.length > 1 && !p[1].isBlank() ? Optional.of(p[1]) : Optional.empty();
      Optional<Tracker.IssueState> now;
      try {
        now = tracker.state(p[0]);
      } catch (TrackerBusy e) {
        throw new RetryLater(e.after(), tracker.name() + " could not be asked about " + p[0] + ": " + e.getMessage());
      } catch (TrackerRefused e) {
        throw new RetryLater(TrackerSync.AFTER_REFUSED_TOKEN, tracker.name() + " refused the token reading " + p[0]);
      }
      now.ifPresent(issue -> changed(issue.key(), issue.open(), issue.by().or(() -> login)));
    };
  }

  /** Issue {@code key} was closed ({@code open} false) or reopened in the tracker, by {@code login} if known. */
  public Outcome changed(String key, boolean open, Optional<String> login) {
    Optional<Long> id = links.followUpOf(tracker.id(), key);
    if (id.isEmpty()) {
      return Outcome.UNKNOWN;
    }
    String actor = login.map(l -> slackUsers.getOrDefault(l.toLowerCase(java.util.Locale.ROOT), tracker.id() + ":" + l))
        .orElse(tracker.id() + ":" + tracker.name());
    Optional<FollowUp> after = sync.fromTracker(() -> open ? followUps.reopen(id.get(), actor)
        : followUps.done(id.get(), actor));
    return after.isPresent() ? Outcome.APPLIED : Outcome.ALREADY;
  }

  /**
   * Starts polling, at once or after one interval, unless a poll is already scheduled (its watermark is kept, so
   * what changed while Candor was down is found).
   */
  public void startPolling(boolean atOnce) {
    boolean pending = jobs.find(POLL_KEY).filter(e -> e.status() == Job.Status.PENDING
        || e.status() == Job.Status.CLAIMED).isPresent();
    if (!pending) {
      Instant now = clock.instant();
      jobs.schedule(POLL, POLL_KEY, now.minus(poll).toString(), atOnce ? now : now.plus(poll));
    }
  }

  /** The poll's handler: applies what changed since the watermark in its payload, and schedules the next poll. */
  public JobHandler poller() {
    return JobHandler.of(this::poll, job -> jobs.schedule(POLL, POLL_KEY, job.payload(), clock.instant().plus(poll)));
  }

  private void poll(Job job) {
    Instant since = Instant.parse(job.payload().strip());
    Instant next = since;
    try {
      for (Tracker.IssueState issue : tracker.changedSince(since)) {
        if (issue.updatedAt().isAfter(next)) {
          next = issue.updatedAt();
        }
        Optional<Long> id = links.followUpOf(tracker.id(), issue.key());
        if (id.isEmpty() || sync.syncPending(id.get())) {
          continue;
        }
        Optional<FollowUp> f = followUps.byId(id.get());
        if (f.isPresent() && f.get().isOpen() != issue.open()) {
          changed(issue.key(), issue.open(), issue.by());
        }
      }
    } catch (TrackerBusy e) {
      throw new RetryLater(e.after(), tracker.name() + " could not be polled: " + e.getMessage());
    } catch (TrackerRefused e) {
      jobs.schedule(POLL, POLL_KEY, since.toString(), clock.instant().plus(TrackerSync.AFTER_REFUSED_TOKEN));
      return;
    }
    jobs.schedule(POLL, POLL_KEY, next.toString(), clock.instant().plus(poll));
  }
}
