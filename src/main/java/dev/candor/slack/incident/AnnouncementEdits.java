package dev.candor.slack.incident;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.model.Message;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobStore;
import dev.candor.jobs.RetryLater;
import dev.candor.jobs.SentMarker;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackGateway;
import dev.candor.slack.platform.SlackJobMessages;
import dev.candor.slack.platform.SlackMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an edit job ({@link #KIND}): after a redaction took words out of an announcement that had already gone out
 * ({@link Announcements#scrub}), Candor's posts of it — in the incident channel, and its copy in
 * {@code INCIDENTS_CHANNEL} — are edited ({@code chat.update}) to read as the scrubbed announcement does, so the
 * words are gone from the channels too; one that set the channel topic (which says the title) sets it again from
 * the incident as it is now. The job holds only the announcement's key: it reads the announcement as it
 * is now, never a copy of the words. Each post is found by the job metadata it carries (the announcement's key).
 * A post that is not there (deleted, or older than Slack lets Candor see) is logged and left; a temporary Slack
 * failure retries the job, whose edits already made are made again, harmlessly.
 */
final class AnnouncementEdits {
  /** Job kind: edit the posts of one announcement. */
  static final String KIND = "incident.announce.edit";
  /** How long before the announcement's run time its post is looked for: it may have gone out before a retry. */
  static final Duration LOOK_BACK = Duration.ofDays(1);
  private static final Logger log = LoggerFactory.getLogger(AnnouncementEdits.class);
  private static final int HISTORY_PAGE = 200;

  private final JobStore jobs;
  private final SlackGateway slack;
  private final Function<IncidentId, Optional<Incident>> incidents;

  /** {@code incidents} finds an incident as it is now, for the channel topic. */
  AnnouncementEdits(JobStore jobs, SlackGateway slack, Function<IncidentId, Optional<Incident>> incidents) {
    this.jobs = jobs;
    this.slack = slack;
    this.incidents = incidents;
  }

  /** The payload of the job that edits the posts of the announcement under {@code announcementKey}. */
  static String payload(String announcementKey) {
    JsonObject o = new JsonObject();
    o.addProperty("announcement", announcementKey);
    return o.toString();
  }

  public void run(Job job) {
    String key;
    try {
      key = JsonParser.parseString(job.payload()).getAsJsonObject().get("announcement").getAsString();
    } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
      log.error("job {} ({}): not an edit of an announcement; dropped, as no retry can mend it", job.key(), job.id());
      return;
    }
    Optional<JobStore.Entry> announcement = jobs.find(key);
    if (announcement.isEmpty()) {
      log.info("job {}: announcement {} is no longer kept; its posts are left as they are", job.key(), key);
      return;
    }
    Announcement a;
    try {
      a = Announcement.parse(announcement.get().payload());
    } catch (IllegalArgumentException e) {
      log.error("job {}: {} holds no announcement ({}); nothing to edit", job.key(), key, e.getMessage());
      return;
    }
    Instant since = announcement.get().runAt().minus(LOOK_BACK);
    edit(job, a, a.channel(), key, since, a.message(), false);
    if (a.copy() != null) {
      edit(job, a, a.copy().channel(), key, since, a.copy().message(), true);
    }
    if (a.topic() != null) {
      retopic(job, a);
    }
  }

  /**
   * The announcement set the channel topic, which says the title: set it again from the incident as it is now (a
   * redacted title reads as such there), never from an older announcement, which would undo later changes.
   */
  private void retopic(Job job, Announcement a) {
    Optional<Incident> now = IncidentId.parse(a.incident()).flatMap(incidents);
    if (now.isEmpty() || !now.get().channelId().equals(a.channel())) {
      return;
    }
    String topic = IncidentMessages.topic(now.get());
    try {
      slack.call("conversations.setTopic", c -> c.conversationsSetTopic(r -> r.channel(a.channel()).topic(topic)));
    } catch (SlackCallFailed e) {
      RuntimeException temporary = SlackJobMessages.retryIfTemporary(job, e);
      if (temporary instanceof RetryLater) {
        throw temporary;
      }
      log.warn("{}: setting the topic again after a redaction failed, for good: {}", a.incident(), e.getMessage());
    }
  }

  private void edit(Job job, Announcement a, String channel, String key, Instant since, SlackMessage message,
      boolean mayJoin) {
    try {
      Optional<Message> posted;
      try {
        posted = posted(channel, key, since);
      } catch (SlackCallFailed e) {
        if (!mayJoin || !"not_in_channel".equals(e.error())) {
          throw e;
        }
        // Candor posts in INCIDENTS_CHANNEL without being a member, but reads a channel's history only from inside
        slack.call("conversations.join", c -> c.conversationsJoin(r -> r.channel(channel)));
        posted = posted(channel, key, since);
      }
      if (posted.isEmpty()) {
        log.info("{}: the post of announcement {} is not in {}; nothing to edit there", a.incident(), key, channel);
        return;
      }
      Message m = posted.get();
      slack.call("chat.update", c -> c.chatUpdate(r -> r.channel(channel).ts(m.getTs()).text(message.text())
          .blocks(message.blocks().isEmpty() ? null : message.blocks()).metadata(m.getMetadata())));
      log.info("{}: edited the post {} in {} after a redaction", a.incident(), m.getTs(), channel);
    } catch (SlackCallFailed e) {
      RuntimeException temporary = SlackJobMessages.retryIfTemporary(job, e);
      if (temporary instanceof RetryLater) {
        throw temporary;
      }
      log.warn("{}: editing the post of announcement {} in {} failed, for good: {}", a.incident(), key, channel,
          e.getMessage());
    }
  }

  /** The message in {@code channel}, posted since {@code since}, whose job metadata names {@code key}. */
  private Optional<Message> posted(String channel, String key, Instant since) {
    String oldest = SlackJobMessages.slackTs(since);
    String cursor = null;
    do {
      String page = cursor;
      ConversationsHistoryResponse history = slack.call("conversations.history", c -> c.conversationsHistory(q -> q
          .channel(channel).oldest(oldest).limit(HISTORY_PAGE).cursor(page).includeAllMetadata(true)));
      List<Message> messages = history.getMessages() == null ? List.of() : history.getMessages();
      Optional<Message> found = messages.stream().filter(m -> m.getMetadata() != null
          && SentMarker.EVENT_TYPE.equals(m.getMetadata().getEventType())
          && m.getMetadata().getEventPayload() != null
          && key.equals(String.valueOf(m.getMetadata().getEventPayload().get(SentMarker.JOB_ID)))).findFirst();
      if (found.isPresent()) {
        return found;
      }
      cursor = SlackJobMessages.nextCursor(history.getResponseMetadata());
    } while (cursor != null);
    return Optional.empty();
  }
}
