package dev.candor.slack.incident;

import dev.candor.incident.IncidentId;
import dev.candor.jobs.Job;
import dev.candor.jobs.RetryLater;
import dev.candor.slack.platform.ChannelMembers;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackGateway;
import dev.candor.slack.platform.SlackJobMessages;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an announcement job ({@link Announcements#KIND}): posts its message in the incident channel, sets the
 * topic, and posts its copy in {@code INCIDENTS_CHANNEL}. Both messages carry the job's metadata and are
 * posted once ({@link SlackJobMessages#postOnce}: a retried or resumed run first looks for them in the
 * channel's history); setting the same topic twice is harmless. A temporary Slack failure retries the whole
 * job, whose parts already done are found done. A failure no retry can mend (the channel is gone or
 * archived, Candor was removed from it) is logged and that part given up, as is a payload that is no
 * announcement, so the incident's later announcements, queued behind this one, are not held up by it.
 */
final class Announcer {
  private static final Logger log = LoggerFactory.getLogger(Announcer.class);
  private final SlackJobMessages messages;
  private final SlackGateway slack;
  private final Predicate<IncidentId> mayPublish;

  /**
   * {@code messages} posts once; {@code slack} sets topics and joins channels, retrying as it does;
   * {@code mayPublish} says, at the moment of posting, whether the copy may still go out
   * ({@link Broadcasts#mayPublish}).
   */
  Announcer(SlackJobMessages messages, SlackGateway slack, Predicate<IncidentId> mayPublish) {
    this.messages = messages;
    this.slack = slack;
    this.mayPublish = mayPublish;
  }

  public void run(Job job) {
    Announcement a;
    try {
      a = Announcement.parse(job.payload());
    } catch (IllegalArgumentException e) {
      log.error("job {} ({}): {}; dropped, as no retry can mend it", job.key(), job.id(), e.getMessage());
      return;
    }
    if (a.message() != null) {
      attempt(job, a, "posting it", () -> messages.postOnce(job, a.channel(), a.message()));
    }
    if (a.topic() != null) {
      attempt(job, a, "setting the topic", () -> slack.call("conversations.setTopic",
          c -> c.conversationsSetTopic(r -> r.channel(a.channel()).topic(a.topic()))));
    }
    if (a.invite() != null) {
      attempt(job, a, "inviting " + a.invite().user(), () -> invite(job, a));
    }
    if (a.copy() != null) {
      attempt(job, a, "posting it in " + a.copy().channel(), () -> {
        if (stillPublic(a)) {
          copy(job, a.copy());
        }
      });
    }
  }

  /**
   * The copy, once. Candor posts in {@code INCIDENTS_CHANNEL} without being a member ({@code chat:write.public}),
   * but reads a channel's history only from inside: a retry that may not look joins the channel first.
   */
  private void copy(Job job, Announcement.Copy copy) {
    try {
      messages.postOnce(job, copy.channel(), copy.message());
    } catch (SlackCallFailed e) {
      if (!"not_in_channel".equals(e.error())) {
        throw e;
      }
      log.info("job {}: joining {} to look for its earlier copy there", job.key(), copy.channel());
      slack.call("conversations.join", c -> c.conversationsJoin(r -> r.channel(copy.channel())));
      messages.postOnce(job, copy.channel(), copy.message());
    }
  }

  /**
   * Someone given a role who is not in the channel: told why by DM (once), then invited. In that order, so that a
   * run after a crash between the two, which finds them still outside, finds its DM sent and invites them; one
   * that finds them inside has nothing left to do.
   */
  private void invite(Job job, Announcement a) {
    String user = a.invite().user();
    if (ChannelMembers.listsMember(slack, a.channel(), user)) {
      return;
    }
    messages.dmOnce(job, user, a.invite().dm());
    try {
      slack.call("conversations.invite", c -> c.conversationsInvite(r -> r.channel(a.channel()).users(List.of(user))));
    } catch (SlackCallFailed e) {
      if (!"already_in_channel".equals(e.error())) {
        throw e;
      }
    }
  }

  /** Whether the incident is still public now (its channel may have been made private since the change). */
  private boolean stillPublic(Announcement a) {
    var id = IncidentId.parse(a.incident());
    if (id.isPresent() && mayPublish.test(id.get())) {
      return true;
    }
    log.info("{}: not copied to {}: the incident is private now", a.incident(), a.copy().channel());
    return false;
  }

  private static void attempt(Job job, Announcement a, String part, Runnable action) {
    try {
      action.run();
    } catch (SlackCallFailed e) {
      RuntimeException temporary = SlackJobMessages.retryIfTemporary(job, e);
      if (temporary instanceof RetryLater) {
        throw temporary;
      }
      log.warn("{} in {}: announcing failed at {}, for good: {}", a.incident(), a.channel(), part, e.getMessage());
    }
  }
}
