package dev.candor.slack.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.model.Message;
import com.slack.api.util.json.GsonFactory;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobStore;
import dev.candor.jobs.RetryLater;
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
 * threads, conversations.replies, paged) into the timeline, as a durable job: each run reads one page, newest first,
 * records it (threads included), then schedules the job again with its cursor, the {@code ts} of the oldest message
 * read so far ({@link BackfillProgress}). A 429 is never waited out on the job runner's thread: the job comes back
 * after its {@code Retry-After}, keeping the messages of the page whose threads it read whole. A crash or a restart resumes at the page
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

  /** {@code slack} is a job's gateway ({@link SlackGateway#once()}): history reads are rate limited. */
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
    ConversationsHistoryResponse history;
    try {
      history = slack.call("conversations.history", c -> c.conversationsHistory(r -> r.channel(p.channel())
          .oldest(p.oldest()).latest(p.latest()).inclusive(false).limit(PAGE)));
    } catch (SlackCallFailed e) {
      throw stopped(p, e, SlackJobMessages.retryIfTemporary(job, e));
    }
    List<Message> messages = history.getMessages() == null ? List.of() : history.getMessages();
    List<Map.Entry<IncidentId, Observation>> page = new ArrayList<>();
    int whole = 0; // the messages at the head of the page read with their threads
    int kept = 0; // what they add to the timeline
    try {
      for (Message m : messages) {
        observe(p, m, page);
        if (m.getReplyCount() != null && m.getReplyCount() > 0) {
          replies(p, m.getTs(), page);
        }
        whole++;
        kept = page.size();
      }
    } catch (SlackCallFailed e) {
      RuntimeException temporary = SlackJobMessages.retryIfTemporary(job, e);
      if (whole == 0 || !(temporary instanceof RetryLater later)) {
        throw stopped(p, e, temporary);
      }
      // a page of many threads meets the replies' rate limit: keep what was read, and resume after the last
      // message read whole once Slack allows, so the next run does not read the same threads into the same limit
      int total = p.added() + timeline.recordAll(page.subList(0, kept)).size();
      jobs.schedule(KIND, job.key(), p.next(messages.get(whole - 1).getTs(), total).toJson(),
          clock.instant().plus(later.after()));
      log.info("{}: reading the threads of {} met {}; {} messages of the page kept, the rest in {}", p.incident(),
          p.channel(), e.getMessage(), whole, later.after());
      return;
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
  }

  private static RuntimeException stopped(BackfillProgress p, SlackCallFailed e, RuntimeException temporary) {
    log.warn("{}: reading the history of {} stopped at {}: {}{}", p.incident(), p.channel(), p.latest(),
        e.getMessage(), temporary == e ? "; given up" : "; it resumes there");
    return temporary;
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
