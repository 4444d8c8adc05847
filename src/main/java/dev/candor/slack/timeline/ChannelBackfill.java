package dev.candor.slack.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import com.slack.api.model.Message;
import com.slack.api.util.json.GsonFactory;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobStore;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackGateway;
import dev.candor.slack.platform.SlackJobMessages;
import dev.candor.timeline.EventTranslator;
import dev.candor.timeline.Observation;
import dev.candor.timeline.Source;
import dev.candor.timeline.TimelineService;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When an incident is declared in an existing channel, reads its recent history (conversations.history and, for
 * threads, conversations.replies, paged; 429s wait for Retry-After) into the timeline, as a durable job: each run
 * reads one page, newest first, records it (threads included), then schedules the job again with its cursor, the
 * {@code ts} of the oldest message read so far ({@link BackfillProgress}). A crash or a restart resumes at the page
 * it stopped on, never at the top; a page read twice adds nothing twice, as a message seen both here and as an
 * event is one entry (entries are deduplicated by their key).
 */
final class ChannelBackfill {
  /** The kind of the backfill's jobs. */
  static final String KIND = "timeline.backfill";
  private static final Logger log = LoggerFactory.getLogger(ChannelBackfill.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Gson GSON = GsonFactory.createSnakeCase();
  static final int PAGE = 200;

  private final SlackGateway slack;
  private final EventTranslator translator;
  private final TimelineService timeline;
  private final JobStore jobs;
  private final Duration window;
  private final Clock clock;

  /** {@code slack} should be a patient gateway: history reads are rate limited. */
  ChannelBackfill(SlackGateway slack, EventTranslator translator, TimelineService timeline, JobStore jobs,
      Duration window, Clock clock) {
    this.slack = slack;
    this.translator = translator;
    this.timeline = timeline;
    this.jobs = jobs;
    this.window = window;
    this.clock = clock;
  }

  /** The backfill job of {@code incident}. */
  static String key(IncidentId incident) {
    return "backfill:" + incident.value();
  }

  /** Schedules the reading of the window of history before now (the first page at once); a durable job. */
  void start(Incident incident) {
    var now = clock.instant();
    var progress = BackfillProgress.start(incident.id(), incident.channelId(), now.minus(window), now);
    jobs.schedule(KIND, key(incident.id()), progress.toJson(), now);
  }

  /** One run of the job: one page, then the job again for the next page, or the end. */
  void run(Job job) {
    BackfillProgress p;
    try {
      p = BackfillProgress.parse(job.payload());
    } catch (IllegalArgumentException e) {
      log.error("job {} ({}): {}; dropped, as no retry can mend it", job.key(), job.id(), e.getMessage());
      return;
    }
    try {
      var history = slack.call("conversations.history", c -> c.conversationsHistory(r -> r.channel(p.channel())
          .oldest(p.oldest()).latest(p.latest()).inclusive(false).limit(PAGE)));
      List<Message> messages = history.getMessages() == null ? List.of() : history.getMessages();
      List<Map.Entry<IncidentId, Observation>> page = new ArrayList<>();
      for (Message m : messages) {
        observe(p, m, page);
        if (m.getReplyCount() != null && m.getReplyCount() > 0) {
          replies(p, m.getTs(), page);
        }
      }
      // the page in one transaction (one commit on the disk, not one a message)
      int total = p.added() + timeline.recordAll(page).size();
      if (history.isHasMore() && !messages.isEmpty()) {
        // the page is in the timeline: the next run reads the messages older than its oldest
        BackfillProgress next = p.next(messages.get(messages.size() - 1).getTs(), total);
        jobs.schedule(KIND, job.key(), next.toJson(), clock.instant());
        log.debug("{}: backfilled a page of {} ({} entries so far)", p.incident(), p.channel(), total);
      } else {
        log.info("{}: backfilled {} entries from the last {} of {}", p.incident(), total, window, p.channel());
      }
    } catch (SlackCallFailed e) {
      RuntimeException temporary = SlackJobMessages.retryIfTemporary(job, e);
      log.warn("{}: reading the history of {} stopped at {}: {}{}", p.incident(), p.channel(), p.latest(),
          e.getMessage(), temporary == e ? "; given up" : "; it resumes there");
      throw temporary;
    }
  }

  private void replies(BackfillProgress p, String threadTs, List<Map.Entry<IncidentId, Observation>> page) {
    String cursor = null;
    do {
      String next = cursor;
      var replies = slack.call("conversations.replies", c -> c.conversationsReplies(r -> r
          .channel(p.channel()).ts(threadTs).limit(PAGE).cursor(next)));
      for (Message m : replies.getMessages() == null ? List.<Message>of() : replies.getMessages()) {
        observe(p, m, page);
      }
      cursor = SlackJobMessages.nextCursor(replies.getResponseMetadata());
    } while (cursor != null);
  }

  /** What {@code m} adds to the timeline, added to {@code page}. */
  private void observe(BackfillProgress p, Message m, List<Map.Entry<IncidentId, Observation>> page) {
    JsonNode node;
    try {
      node = JSON.readTree(GSON.toJson(m));
    } catch (IOException e) {
      return;
    }
    for (Observation o : translator.message(p.channel(), node, Source.BACKFILL, clock.instant())) {
      page.add(Map.entry(p.incident(), o));
    }
  }
}
