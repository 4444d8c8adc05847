package dev.candor.slack.timeline;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.candor.incident.Incident;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobStore;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackGateway;
import dev.candor.slack.platform.SlackJobMessages;
import dev.candor.slack.platform.SlackMessage;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.TimelineEntry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a redaction of a person's message: Candor cannot delete someone else's message with its bot token, so it
 * asks its author, privately (a DM, once, a durable job), to delete it, with a link to it. The job holds where the
 * message is and who redacted it, never its words.
 */
final class AuthorAsks {
  /** Job kind: ask a message's author to delete it. */
  static final String KIND = "timeline.redacted.ask-author";
  private static final Logger log = LoggerFactory.getLogger(AuthorAsks.class);

  private final JobStore jobs;
  private final SlackJobMessages messages;
  private final SlackGateway slack;
  private final Clock clock;

  AuthorAsks(JobStore jobs, SlackJobMessages messages, SlackGateway slack, Clock clock) {
    this.jobs = jobs;
    this.messages = messages;
    this.slack = slack;
    this.clock = clock;
  }

  /**
   * The person whose message in Slack still shows {@code redacted}'s words, when there is one: the author of a
   * message, or of an edit (whose words the message shows); none for Candor's own entries or a bot's.
   */
  static Optional<String> authorToAsk(TimelineEntry redacted) {
    if (!redacted.isWordsOfAPerson()) {
      return Optional.empty();
    }
    String ts = redacted.kind() == EntryKind.EDIT ? redacted.refTs() : redacted.ts();
    return ts == null || ts.isBlank() ? Optional.empty() : Optional.of(redacted.actor());
  }

  /**
   * Schedules the request to {@code redacted}'s author (see {@link #authorToAsk}); joins the caller's transaction.
   * Returns who is asked.
   */
  Optional<String> schedule(Incident incident, TimelineEntry redacted, String redactor) {
    Optional<String> author = authorToAsk(redacted);
    if (author.isEmpty()) {
      return author;
    }
    JsonObject o = new JsonObject();
    o.addProperty("incident", incident.id().toString());
    o.addProperty("channel", redacted.channelId());
    o.addProperty("ts", redacted.kind() == EntryKind.EDIT ? redacted.refTs() : redacted.ts());
    o.addProperty("author", author.get());
    o.addProperty("redactor", redactor);
    o.addProperty("entry", redacted.seq());
    jobs.schedule(KIND, "redacted:ask:" + incident.id().value() + ":" + redacted.seq(), o.toString(), clock.instant());
    return author;
  }

  public void run(Job job) {
    JsonObject o;
    try {
      o = JsonParser.parseString(job.payload()).getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      log.error("job {} ({}): not a request to an author; dropped", job.key(), job.id());
      return;
    }
    String channel = o.get("channel").getAsString();
    String ts = o.get("ts").getAsString();
    String link = null;
    try {
      link = slack.call("chat.getPermalink", c -> c.chatGetPermalink(r -> r.channel(channel).messageTs(ts)))
          .getPermalink();
    } catch (SlackCallFailed e) {
      RuntimeException temporary = SlackJobMessages.retryIfTemporary(job, e);
      if (temporary instanceof dev.candor.jobs.RetryLater) {
        throw temporary;
      }
      log.info("job {}: no link to the message in {} ({}); the request names the channel", job.key(), channel,
          e.error());
    }
    messages.dmOnce(job, o.get("author").getAsString(), message(o.get("incident").getAsString(), channel, link,
        o.get("redactor").getAsString(), o.get("entry").getAsLong()));
  }

  /** What the author reads: who redacted which of their messages, and that only they can delete it. */
  static SlackMessage message(String incident, String channel, String link, String redactor, long entry) {
    String which = link == null || link.isBlank() || link.contains("|") || link.contains(">")
        ? "one of your messages in " + Mrkdwn.channel(channel)
        : "<" + link + "|one of your messages> in " + Mrkdwn.channel(channel);
    String text = ":scissors: " + Mrkdwn.user(redactor) + " redacted " + which + " from " + incident
        + "'s record (timeline entry #" + entry + "), so its words are gone from Candor's record and posts. "
        + "Candor can't delete a person's message, so it is still in the channel: would you delete it? "
        + "Hover over it, choose *More actions*, then *Delete message*. Thank you.";
    return new SlackMessage(text, List.of(Mrkdwn.section(text)));
  }
}
