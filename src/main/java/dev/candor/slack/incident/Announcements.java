package dev.candor.slack.incident;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentChange;
import dev.candor.incident.IncidentChange.Kind;
import dev.candor.incident.IncidentId;
import dev.candor.incident.PostmortemStep;
import dev.candor.incident.Role;
import dev.candor.incident.SeverityScale;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobStore;
import dev.candor.jobs.UnitOfWork;
import dev.candor.slack.platform.SlackMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Schedules what Candor says in an incident channel (and its topic, and {@code INCIDENTS_CHANNEL}) as durable
 * jobs that {@link Announcer} runs. Each announcement is scheduled in the transaction that makes its change —
 * the incident repository's journal calls {@link #incidentChanged}, {@link #together} runs other changes — so
 * no change is stored without it, and it is rendered then, from the change as it was made. All of an
 * incident's announcements are one job queue: the channel reads them in the order the changes were made,
 * however often one of them is retried or resumed.
 */
public final class Announcements {
  /** Job kind: post one announcement. */
  public static final String KIND = "incident.announce";
  private static final Set<Kind> TOPIC_KINDS = EnumSet.of(Kind.STATUS, Kind.MITIGATED, Kind.SEVERITY,
      Kind.ROLE, Kind.TITLE, Kind.RESOLVED, Kind.REOPENED, Kind.CANCELLED, Kind.CLOSED);
  /** Post-mortem steps whose own message (the meeting, the document) says it all. */
  private static final Set<String> SHOWN_ELSEWHERE = Set.of(PostmortemStep.SCHEDULED.name(),
      PostmortemStep.DOCUMENT_OPENED.name());
  private static final Set<Kind> ENDINGS = EnumSet.of(Kind.RESOLVED, Kind.CANCELLED);

  private final JobStore jobs;
  private final UnitOfWork work;
  private final Optional<String> incidentsChannel;
  private final Clock clock;
  private final Attachment attachment;
  private final SeverityScale scale;

  /** What another feature adds to a change's announcement, rendered with it in the change's transaction. */
  public interface Attachment {
    /** What the announcement of {@code incident}'s resolution carries besides the news: words and blocks. */
    Optional<SlackMessage> toResolution(Incident incident);
  }

  /** {@code work} is the database's unit of work, which {@code jobs} joins. */
  public Announcements(JobStore jobs, UnitOfWork work, Optional<String> incidentsChannel, Clock clock) {
    this(jobs, work, incidentsChannel, clock, incident -> Optional.empty());
  }

  /** As above, with what a resolution's announcement carries ({@code attachment}: the post-mortem's question). */
  public Announcements(JobStore jobs, UnitOfWork work, Optional<String> incidentsChannel, Clock clock,
      Attachment attachment) {
    this(jobs, work, incidentsChannel, clock, attachment, SeverityScale.defaults());
  }

  /** As above, naming severities as the team's {@code scale} does. */
  public Announcements(JobStore jobs, UnitOfWork work, Optional<String> incidentsChannel, Clock clock,
      Attachment attachment, SeverityScale scale) {
    this.scale = scale;
    this.jobs = jobs;
    this.work = work;
    this.incidentsChannel = incidentsChannel;
    this.clock = clock;
    this.attachment = attachment;
  }

  /**
   * An incident was declared or changed: its announcement, the topic when the change moved it, and for a
   * declaration or an ending the copy in {@code INCIDENTS_CHANNEL}. Called inside the change's transaction, which
   * made {@code version} of the incident: its job is keyed by it, so a redaction of the change finds it.
   */
  public void incidentChanged(Incident incident, IncidentChange change, long version) {
    String key = keys(incident.id(), change(version)) + UUID.randomUUID();
    if (change.kind() == Kind.DECLARED) {
      // the incident card (slack.card) is the declaration's message, here and in INCIDENTS_CHANNEL: only the topic
      schedule(key, incident, null, IncidentMessages.topic(incident, scale), null);
      return;
    }
    if (change.kind() == Kind.POSTMORTEM && SHOWN_ELSEWHERE.contains(change.value())) {
      return; // the ceremony posts its own, richer message for these
    }
    SlackMessage said = change.kind() == Kind.RESOLVED
        ? IncidentMessages.resolved(incident, change, attachment.toResolution(incident), scale)
        : IncidentMessages.change(incident, change, change.at(), scale);
    Announcement.Invite invite = null;
    // a private incident tells nobody outside its channel anything (PrivacyIT): its roles invite no one
    if (change.kind() == Kind.ROLE && !incident.privateChannel()) {
      String[] roleUser = change.value().split("=", 2);
      invite = new Announcement.Invite(roleUser[1], IncidentMessages.roleGivenToOutsider(incident,
          Role.valueOf(roleUser[0]), change.actor(), scale));
    }
    schedule(key, incident, said,
        TOPIC_KINDS.contains(change.kind()) ? IncidentMessages.topic(incident, scale) : null,
        ENDINGS.contains(change.kind()) ? IncidentMessages.endedElsewhere(incident, change, change.at()) : null,
        invite);
  }

  /**
   * Makes {@code change} and schedules what it {@code says} in {@code incident}'s channel, in one transaction:
   * both are stored, or neither. {@code says} answers null when the change came to nothing worth saying.
   */
  public <T> T together(Incident incident, Supplier<T> change, Function<? super T, SlackMessage> says) {
    return work.run(() -> {
      T done = change.get();
      SlackMessage message = says.apply(done);
      if (message != null) {
        post(incident, message);
      }
      return done;
    });
  }

  /** Posts {@code message} in the incident channel, after every announcement scheduled before it. */
  public void post(Incident incident, SlackMessage message) {
    schedule(queue(incident.id()) + ":" + UUID.randomUUID(), incident, message, null, null);
  }

  /**
   * {@link #post(Incident, SlackMessage)}, its job keyed by what it is {@code about} (letters and digits, say
   * {@code fu7v1}), so that {@link #scrub(IncidentId, List, String)} finds it when that is redacted.
   */
  public void post(Incident incident, String about, SlackMessage message) {
    schedule(keys(incident.id(), about) + UUID.randomUUID(), incident, message, null, null);
  }

  /**
   * Takes the words {@code text} of the change that made {@code version} of {@code incident} out of its
   * announcement's job (the message, and the copy for {@code INCIDENTS_CHANNEL}), whether it is still to be posted
   * or was posted already; the posts of one that went out are edited by a job scheduled here
   * ({@link AnnouncementEdits}). Says what held them: "1 pending announcement", "1 posted announcement and its
   * message in Slack"; nothing when none did. Joins the caller's transaction.
   */
  public List<String> scrub(IncidentId incident, long version, String text) {
    return scrub(incident, List.of(change(version)), text);
  }

  /**
   * {@link #scrub(IncidentId, long, String)} for the announcements posted {@link #post(Incident, String,
   * SlackMessage) about} any of {@code abouts}.
   */
  public List<String> scrub(IncidentId incident, List<String> abouts, String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    List<JobStore.Entry> held = new ArrayList<>();
    for (String about : abouts) {
      held.addAll(jobs.list(keys(incident, about)));
    }
    int pending = 0;
    int posted = 0;
    for (JobStore.Entry job : held) {
      JsonElement payload;
      try {
        payload = JsonParser.parseString(job.payload());
      } catch (JsonParseException e) {
        continue; // not an announcement this code wrote; nothing of it is read as one either
      }
      if (!AnnouncementText.scrub(payload, text)) {
        continue;
      }
      jobs.rewritePayload(job.key(), payload.toString());
      if (job.status() == Job.Status.CLAIMED || job.status() == Job.Status.DONE) {
        // it went out, or may be going out now with the words: its posts are edited once it is done
        editPosts(incident, job.key());
      }
      if (job.status() == Job.Status.PENDING || job.status() == Job.Status.CLAIMED) {
        pending++;
      } else {
        posted++;
      }
    }
    List<String> where = new ArrayList<>(2);
    if (pending > 0) {
      where.add(pending + " pending announcement" + (pending == 1 ? "" : "s"));
    }
    if (posted > 0) {
      where.add(posted == 1 ? "1 posted announcement and its message in Slack"
          : posted + " posted announcements and their messages in Slack");
    }
    return where;
  }

  /**
   * Schedules the edit of the posts of the announcement under {@code key} ({@link AnnouncementEdits}) in the
   * incident's queue, after every announcement before it: one still going out is done first.
   */
  private void editPosts(IncidentId incident, String key) {
    String queue = queue(incident);
    String editKey = queue + ":edit:" + key.substring(Math.min(key.length(), queue.length() + 1));
    jobs.scheduleInQueue(queue, AnnouncementEdits.KIND, editKey, AnnouncementEdits.payload(key), clock.instant());
  }

  private static String change(long version) {
    return "v" + version;
  }

  /** The prefix of the keys of {@code incident}'s announcements about {@code about}. */
  private static String keys(IncidentId incident, String about) {
    if (!about.matches("[A-Za-z0-9]+")) {
      throw new IllegalArgumentException("an announcement is about letters and digits, not " + about);
    }
    return queue(incident) + ":" + about + ":";
  }

  private void schedule(String key, Incident incident, SlackMessage message, String topic, SlackMessage elsewhere) {
    schedule(key, incident, message, topic, elsewhere, null);
  }

  private void schedule(String key, Incident incident, SlackMessage message, String topic, SlackMessage elsewhere,
      Announcement.Invite invite) {
    Announcement.Copy copy = elsewhere == null || !copiedElsewhere(incident) ? null
        : new Announcement.Copy(incidentsChannel.get(), elsewhere);
    Announcement a = new Announcement(incident.id().toString(), incident.channelId(), message, topic, copy, invite);
    jobs.scheduleInQueue(queue(incident.id()), KIND, key, a.toJson(), clock.instant());
  }

  private boolean copiedElsewhere(Incident incident) {
    return !incident.privateChannel() && incidentsChannel.isPresent()
        && !incidentsChannel.get().equals(incident.channelId());
  }

  /** The queue, and the prefix of the job keys, of an incident's announcements. */
  public static String queue(IncidentId incident) {
    return "announce:" + incident.value();
  }
}
