package dev.candor.trackers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.candor.followup.FollowUp;
import dev.candor.followup.FollowUpJournal;
import dev.candor.followup.FollowUpRepository;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobHandler;
import dev.candor.jobs.JobStore;
import dev.candor.jobs.RetryLater;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each follow-up's issue in step with it. Every change of a follow-up (as its journal, in the unit of work that
 * makes it) schedules a sync job in a queue per follow-up, so its changes reach the tracker in order, however often
 * one is retried. A sync makes the issue read as the follow-up reads now: the first one makes the issue, looking for
 * it first when an earlier run may have made it (a run that died or got no answer), and links it; later ones update
 * it. A change the tracker itself made (closed, reopened there) is not sent back. A tracker that refuses Candor's
 * token is said once per incident in its channel and once in the log; its jobs wait and try again hourly, and nothing
 * else stops.
 */
public final class TrackerSync {
  private static final Logger log = LoggerFactory.getLogger(TrackerSync.class);
  /** Job kind: make a follow-up's issue read as the follow-up does. */
  public static final String KIND = "tracker.sync";
  static final Duration AFTER_REFUSED_TOKEN = Duration.ofHours(1);
  static final Duration LONGEST_WAIT = Duration.ofHours(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Tracker tracker;
  private final TrackerLinks links;
  private final FollowUpRepository followUps;
  private final IncidentRepository incidents;
  private final JobStore jobs;
  private final TrackerNotices notices;
  private final Map<String, String> users;
  private final Clock clock;
  private final Set<IncidentId> toldRefused = ConcurrentHashMap.newKeySet();
  /** Set while a change the tracker made is applied in Candor, on the thread applying it: it is not sent back. */
  private final ThreadLocal<Boolean> applyingTrackers = ThreadLocal.withInitial(() -> false);
  private volatile boolean loggedRefused;

  /** {@code users}: Slack user ids to the tracker's logins. */
  public TrackerSync(Tracker tracker, TrackerLinks links, FollowUpRepository followUps, IncidentRepository incidents,
      JobStore jobs, TrackerNotices notices, Map<String, String> users, Clock clock) {
    this.tracker = tracker;
    this.links = links;
    this.followUps = followUps;
    this.incidents = incidents;
    this.jobs = jobs;
    this.notices = notices;
    this.users = Map.copyOf(users);
    this.clock = clock;
  }

  /** The journal that schedules a follow-up change's sync, in its unit of work. */
  public FollowUpJournal journal() {
    return change -> {
      if (applyingTrackers.get()) {
        return; // the tracker already stands so
      }
      FollowUp f = change.after();
      jobs.scheduleInQueue(queue(f.id()), KIND, queue(f.id()) + ":" + String.format(Locale.ROOT, "%06d", f.version()),
          "{\"follow_up\":" + f.id() + ",\"change\":\"" + change.kind().name().toLowerCase(Locale.ROOT) + "\"}",
          clock.instant());
    };
  }

  /** Runs {@code change}, a change the tracker made, in Candor: its journal sends nothing back to the tracker. */
  <T> T fromTracker(java.util.function.Supplier<T> change) {
    applyingTrackers.set(true);
    try {
      return change.get();
    } finally {
      applyingTrackers.set(false);
    }
  }

  /** The queue, and the prefix of the job keys, of {@code followUp}'s syncs. */
  public static String queue(long followUp) {
    return "tracker:" + followUp;
  }

  /** Whether a change made in Candor is still on its way to the tracker: then Candor's word stands. */
  boolean syncPending(long followUp) {
    return jobs.list(queue(followUp) + ":").stream()
        .anyMatch(e -> e.status() == Job.Status.PENDING || e.status() == Job.Status.CLAIMED);
  }

  /** The sync jobs' handler. */
  public JobHandler handler() {
    return this::sync;
  }

  void sync(Job job) {
    long id = followUpOf(job.payload());
    Optional<FollowUp> found = followUps.byId(id);
    if (found.isEmpty()) {
      return; // nothing to keep in step
    }
    FollowUp f = found.get();
    Incident incident = incidents.byId(f.incidentId()).orElse(null);
    if (incident == null) {
      return;
    }
    IssueDraft draft = IssueText.draft(f, incident, users);
    try {
      Optional<TrackerIssue> linked = links.of(id);
      if (linked.isPresent()) {
        tracker.update(linked.get(), draft);
        return;
      }
      // an earlier run may have made it and died (or got no answer) before linking it: look before making another
      Optional<TrackerIssue> made = job.resumed() || job.attempts() > 0 ? tracker.find(draft.marker())
          : Optional.empty();
      TrackerIssue issue = made.orElseGet(() -> tracker.create(draft));
      if (made.isPresent()) {
        tracker.update(issue, draft); // it may have been made from an older version
      } else if (!draft.open()) {
        tracker.update(issue, draft); // an issue is made open: close it when the follow-up already is
      }
      links.link(id, issue, clock.instant());
      notices.issueMade(f, tracker.name(), issue);
    } catch (TrackerBusy e) {
      Duration wait = e.after().compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : e.after();
      throw new RetryLater(wait, tracker.name() + " could not sync follow-up " + id + ": " + e.getMessage());
    } catch (TrackerRefused e) {
      refused(f, e);
    }
  }

  private void refused(FollowUp f, TrackerRefused e) {
    if (e.credentials()) {
      if (!loggedRefused) {
        loggedRefused = true;
        log.warn("{} refused Candor's token ({}); follow-ups wait for it, and nothing else stops", tracker.name(),
            e.getMessage());
      }
      if (toldRefused.add(f.incidentId())) {
        notices.say(f.incidentId(), tracker.name() + " refused Candor's token, so follow-up #" + f.id()
            + " is not an issue there yet: check the token's setting. Candor tries again hourly; nothing else is "
            + "held up.");
      }
      throw new RetryLater(AFTER_REFUSED_TOKEN, tracker.name() + " refused the token syncing follow-up " + f.id());
    }
    notices.say(f.incidentId(), tracker.name() + " refused follow-up #" + f.id() + " (" + e.getMessage()
        + "), so its issue is not kept in step; nothing else is held up.");
    throw new IllegalArgumentException(tracker.name() + " refused follow-up " + f.id() + ": " + e.getMessage()
        + "; given up");
  }

  static long followUpOf(String payload) {
    try {
      JsonNode node = JSON.readTree(payload);
      if (!node.path("follow_up").canConvertToLong()) {
        throw new IllegalArgumentException("no follow_up in " + payload);
      }
      return node.path("follow_up").asLong();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not a tracker sync: " + e.getOriginalMessage(), e);
    }
  }
}
