package dev.candor.slack.nudge;

import dev.candor.nudge.Finding;
import dev.candor.nudge.NudgeService;
import dev.candor.slack.platform.People;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackGateway;
import dev.candor.slack.platform.SlackMessage;
import dev.candor.timeline.Source;
import dev.candor.timeline.TimelineEntry;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers blame in incident channels privately: an ephemeral to the author only (in the thread when the
 * message was in one), never public and never to anyone else. Only live messages by people are judged,
 * edits again; backfilled history, bots and Candor itself are not.
 */
final class NudgeResponder {
  private static final Logger log = LoggerFactory.getLogger(NudgeResponder.class);
  private final NudgeService nudges;
  private final SlackGateway slack;
  private final ExecutorService background;

  NudgeResponder(NudgeService nudges, SlackGateway slack, ExecutorService background) {
    this.nudges = nudges;
    this.slack = slack;
    this.background = background;
  }

  /** Hears of every new timeline entry; judges the ones a person wrote just now. */
  void onNewEntry(TimelineEntry e) {
    if (!judged(e)) {
      return;
    }
    background.execute(() -> answer(e));
  }

  static boolean judged(TimelineEntry e) {
    // live, only the words a person wrote just now are answered
    return e.source() == Source.EVENT && e.isWordsOfAPerson();
  }

  private void answer(TimelineEntry e) {
    try {
      Optional<Finding> finding = nudges.judge(e.channelId(), e.actor(), e.text());
      if (finding.isEmpty()) {
        return;
      }
      SlackMessage reply = finding.get().category().isSelfBlame()
          ? NudgeMessages.support(e.text())
          : NudgeMessages.nudge(finding.get(), UUID.randomUUID().toString(), named());
      String thread = e.threadTs();
      slack.call("chat.postEphemeral", c -> c.chatPostEphemeral(r -> r.channel(e.channelId()).user(e.actor())
          .text(reply.text()).blocks(reply.blocks()).threadTs(thread)));
    } catch (SlackCallFailed ex) {
      log.warn("{}: a private note could not be sent: {}", e.incidentId(), ex.getMessage());
    } catch (RuntimeException ex) {
      log.error("{}: judging a message failed", e.incidentId(), ex);
    }
  }

  /** Names a mentioned user id by their Slack name, asking Slack once per person for this nudge. */
  private UnaryOperator<String> named() {
    Map<String, String> names = new HashMap<>();
    return id -> names.computeIfAbsent(id, i -> People.displayName(slack, i));
  }
}
