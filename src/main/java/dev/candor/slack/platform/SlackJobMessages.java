package dev.candor.slack.platform;

import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.model.Message;
import com.slack.api.model.ResponseMetadata;
import dev.candor.jobs.AlreadySent;
import dev.candor.jobs.Job;
import dev.candor.jobs.RetryLater;
import dev.candor.jobs.SendLog;
import dev.candor.jobs.SentMarker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a job's message exactly once, across crashes. Each message carries the job's
 * {@link SentMarker} as Slack message metadata. Before it is posted, the {@link SendLog} records (on disk) when the
 * job began sending to the channel; a later run of the job (resumed after a run that died, or retried after a run
 * that failed) that finds such a record reads the channel's history ({@code im:history} for DMs) from that moment
 * on, less {@link #CLOCK_SKEW}, page after page until it finds the message or the history ends, and does not send
 * it again if it is there. However many messages the channel had since, the look reaches back far enough; a job
 * with no record never began sending and does not read history at all.
 *
 * <p>Give it a job's gateway, {@link SlackGateway#once()}: a 5xx or a lost answer to {@code chat.postMessage} may
 * hide a message that did go out, so it is not retried within the run but by the job, which looks first; and a 429
 * is not waited out on the job runner's thread but by the job's retry.
 * Temporary Slack failures (429 — no sooner than its {@code Retry-After} —, 5xx, unreachable, Slack's own
 * internal errors) become {@link RetryLater}; other failures stay {@link SlackCallFailed}.
 */
public final class SlackJobMessages implements AlreadySent {
  private static final Logger log = LoggerFactory.getLogger(SlackJobMessages.class);
  /** Messages per page of history. */
  static final int HISTORY_PAGE = 200;
  /** How much earlier than the recorded start the look begins: Slack's clock and ours may differ by this. */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  static final Duration AFTER_RATE_LIMIT = Duration.ofMinutes(1);
  static final Duration AFTER_OUTAGE = Duration.ofSeconds(30);
  private static final Set<String> SLACK_TROUBLE =
      Set.of("internal_error", "fatal_error", "service_unavailable", "request_timeout");

  private final SlackGateway slack;
  private final SendLog sends;
  private final Clock clock;

  public SlackJobMessages(SlackGateway slack, SendLog sends, Clock clock) {
    this.slack = slack;
    this.sends = sends;
    this.clock = clock;
  }

  /**
   * The message a job sent: where, its {@code ts}, and whether it was found already there rather than
   * posted now.
   */
  public record Delivery(String channel, String ts, boolean foundInHistory) {}

  /** Sends {@code message} to {@code userId} by DM for {@code job}, once; opening the DM can be retried too. */
  public Delivery dmOnce(Job job, String userId, SlackMessage message) {
    String channel;
    try {
      channel = dmChannel(userId);
    } catch (SlackCallFailed e) {
      throw retryIfTemporary(job, e);
    }
    return postOnce(job, channel, message);
  }

  /** Posts {@code message} to {@code channel} for {@code job}, unless that job's message is already there. */
  public Delivery postOnce(Job job, String channel, SlackMessage message) {
    try {
      Optional<Message> earlier = find(job, channel);
      if (earlier.isPresent()) {
        log.info("job {} ({}): its message is already in {} (ts {}); not sending it again", job.key(), job.id(),
            channel, earlier.get().getTs());
        return new Delivery(channel, earlier.get().getTs(), true);
      }
      sends.begin(job, channel, clock.instant());
      Message.Metadata metadata = new Message.Metadata(SentMarker.EVENT_TYPE, SentMarker.payload(job));
      ChatPostMessageResponse r = slack.call("chat.postMessage", c -> c.chatPostMessage(q -> q.channel(channel)
          .text(message.text()).blocks(message.blocks().isEmpty() ? null : message.blocks())
          .unfurlLinks(false).unfurlMedia(false).metadata(metadata)));
      return new Delivery(r.getChannel() == null ? channel : r.getChannel(), r.getTs(), false);
    } catch (SlackCallFailed e) {
      throw retryIfTemporary(job, e);
    }
  }

  /** True when {@code job}'s message is in {@code channel}, posted since the job began sending it. */
  @Override
  public boolean alreadySent(Job job, String channel) {
    try {
      return find(job, channel).isPresent();
    } catch (SlackCallFailed e) {
      throw retryIfTemporary(job, e);
    }
  }

  /** The id of the DM channel between the app and {@code userId} (conversations.open). */
  public String dmChannel(String userId) {
    return slack.call("conversations.open", c -> c.conversationsOpen(q -> q.users(List.of(userId))))
        .getChannel().getId();
  }

  /**
   * {@code job}'s message in {@code channel}: looked for, page by page, in the history since the job first began
   * sending there (less {@link #CLOCK_SKEW}); nothing to look for when it never began.
   */
  private Optional<Message> find(Job job, String channel) {
    Optional<Instant> begun = sends.begun(job, channel);
    if (begun.isEmpty()) {
      return Optional.empty();
    }
    String oldest = slackTs(begun.get().minus(CLOCK_SKEW));
    String cursor = null;
    do {
      String page = cursor;
      ConversationsHistoryResponse history = slack.call("conversations.history", c -> c.conversationsHistory(q -> q
          .channel(channel).oldest(oldest).limit(HISTORY_PAGE).cursor(page).includeAllMetadata(true)));
      List<Message> messages = history.getMessages() == null ? List.of() : history.getMessages();
      Optional<Message> found = messages.stream()
          .filter(m -> m.getMetadata() != null
              && SentMarker.marks(m.getMetadata().getEventType(), m.getMetadata().getEventPayload(), job))
          .findFirst();
      if (found.isPresent()) {
        return found;
      }
      cursor = nextCursor(history.getResponseMetadata());
    } while (cursor != null);
    return Optional.empty();
  }

  /** An instant as Slack writes a message's {@code ts}: seconds, and microseconds after the point. */
  public static String slackTs(Instant at) {
    return String.format(Locale.ROOT, "%d.%06d", at.getEpochSecond(), at.getNano() / 1000);
  }

  /** The cursor of the next page, or null on the last page. */
  public static String nextCursor(ResponseMetadata meta) {
    String cursor = meta == null ? null : meta.getNextCursor();
    return cursor == null || cursor.isEmpty() ? null : cursor;
  }

  /**
   * A rate-limited call as the job's retry: after Slack's {@code Retry-After}, however long or short, as Slack said
   * ({@link RetryLater#told}); after a minute when it didn't say.
   */
  public static RetryLater rateLimited(SlackCallFailed e, String why) {
    return e.retryAfter().map(after -> RetryLater.told(after, why, e))
        .orElseGet(() -> new RetryLater(AFTER_RATE_LIMIT, why, e));
  }

  /** A temporary failure as {@link RetryLater}; any other failure as it is. */
  public static RuntimeException retryIfTemporary(Job job, SlackCallFailed e) {
    String error = e.error() == null ? "" : e.error();
    if (error.equals("ratelimited")) {
      return rateLimited(e, e.getMessage());
    }
    if (error.startsWith("http_5") || error.startsWith("unreachable") || SLACK_TROUBLE.contains(error)) {
      return new RetryLater(AFTER_OUTAGE, e.getMessage(), e);
    }
    log.debug("job {}: {} is not temporary", job.key(), e.getMessage());
    return e;
  }
}
