package dev.candor.slack.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import com.slack.api.model.Message;
import com.slack.api.model.ResponseMetadata;
import com.slack.api.util.json.GsonFactory;
import dev.candor.incident.Incident;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackGateway;
import dev.candor.timeline.EventTranslator;
import dev.candor.timeline.Observation;
import dev.candor.timeline.Source;
import dev.candor.timeline.TimelineService;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When an incident is declared in an existing channel, reads its recent history (conversations.history
 * and, for threads, conversations.replies, paged; 429s wait for Retry-After) into the timeline.
 * A message seen both here and as an event is one entry.
 */
final class ChannelBackfill {
  private static final Logger log = LoggerFactory.getLogger(ChannelBackfill.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Gson GSON = GsonFactory.createSnakeCase();
  private static final int PAGE = 200;

  private final SlackGateway slack;
  private final EventTranslator translator;
  private final TimelineService timeline;
  private final Duration window;
  private final Clock clock;

  /** {@code slack} should be a patient gateway: history reads are rate limited. */
  ChannelBackfill(SlackGateway slack, EventTranslator translator, TimelineService timeline, Duration window,
      Clock clock) {
    this.slack = slack;
    this.translator = translator;
    this.timeline = timeline;
    this.window = window;
    this.clock = clock;
  }

  /** Reads the window of history before now; returns how many entries it added. */
  public int run(Incident incident) {
    String channel = incident.channelId();
    String oldest = Long.toString(clock.instant().minus(window).getEpochSecond());
    int added = 0;
    String cursor = null;
    try {
      do {
        String page = cursor;
        var history = slack.call("conversations.history", c -> c.conversationsHistory(r -> r.channel(channel)
            .oldest(oldest).limit(PAGE).cursor(page).inclusive(true)));
        for (Message m : history.getMessages() == null ? List.<Message>of() : history.getMessages()) {
          added += record(incident, m);
          if (m.getReplyCount() != null && m.getReplyCount() > 0) {
            added += replies(incident, m.getTs());
          }
        }
        cursor = next(history.getResponseMetadata());
      } while (cursor != null);
    } catch (SlackCallFailed e) {
      log.warn("{}: reading the history of {} stopped: {} ({} entries added)", incident.id(), channel,
          e.getMessage(), added);
    }
    log.info("{}: backfilled {} entries from the last {} of {}", incident.id(), added, window, channel);
    return added;
  }

  private int replies(Incident incident, String threadTs) {
    int added = 0;
    String cursor = null;
    do {
      String page = cursor;
      var replies = slack.call("conversations.replies", c -> c.conversationsReplies(r -> r
          .channel(incident.channelId()).ts(threadTs).limit(PAGE).cursor(page)));
      for (Message m : replies.getMessages() == null ? List.<Message>of() : replies.getMessages()) {
        added += record(incident, m);
      }
      cursor = next(replies.getResponseMetadata());
    } while (cursor != null);
    return added;
  }

  private int record(Incident incident, Message m) {
    JsonNode node;
    try {
      node = JSON.readTree(GSON.toJson(m));
    } catch (IOException e) {
      return 0;
    }
    int added = 0;
    for (Observation o : translator.message(incident.channelId(), node, Source.BACKFILL, clock.instant())) {
      if (timeline.record(incident.id(), o).isPresent()) {
        added++;
      }
    }
    return added;
  }

  private static String next(ResponseMetadata meta) {
    String cursor = meta == null ? null : meta.getNextCursor();
    return cursor == null || cursor.isEmpty() ? null : cursor;
  }
}
