package dev.candor.slack;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentChange;
import dev.candor.incident.IncidentChange.Kind;
import dev.candor.incident.IncidentNotifier;
import dev.candor.incident.PostmortemStep;
import dev.candor.slack.views.IncidentMessages;
import dev.candor.slack.views.SlackMessage;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces incident changes in Slack, after the request that made them was answered: in the
 * incident channel, in its topic, and (for public incidents) in {@code INCIDENTS_CHANNEL}.
 * Posts run one at a time, so a channel reads its changes in the order they were made.
 */
public final class SlackIncidentNotifier implements IncidentNotifier {
  private static final Logger log = LoggerFactory.getLogger(SlackIncidentNotifier.class);
  private static final Set<Kind> TOPIC_KINDS = EnumSet.of(Kind.STATUS, Kind.MITIGATED, Kind.SEVERITY,
      Kind.ROLE, Kind.TITLE, Kind.RESOLVED, Kind.REOPENED, Kind.CANCELLED, Kind.CLOSED);
  /** Post-mortem steps whose own message (the meeting, the document) says it all. */
  private static final Set<String> SHOWN_ELSEWHERE = Set.of(PostmortemStep.SCHEDULED.name(),
      PostmortemStep.DOCUMENT_OPENED.name());
  private static final Set<Kind> ENDINGS = EnumSet.of(Kind.RESOLVED, Kind.CANCELLED);

  private final SlackGateway slack;
  private final Optional<String> incidentsChannel;
  private final ExecutorService postings;
  private final Clock clock;

  public SlackIncidentNotifier(
      SlackGateway slack, Optional<String> incidentsChannel, ExecutorService postings, Clock clock) {
    this.slack = slack;
    this.incidentsChannel = incidentsChannel;
    this.postings = postings;
    this.clock = clock;
  }

  @Override
  public void declared(Incident incident, IncidentChange change) {
    later(incident, () -> {
      post(incident.channelId(), IncidentMessages.opening(incident));
      setTopic(incident);
      toIncidentsChannel(incident, IncidentMessages.declaredElsewhere(incident));
    });
  }

  @Override
  public void changed(Incident incident, IncidentChange change) {
    if (change.kind() == Kind.POSTMORTEM && SHOWN_ELSEWHERE.contains(change.value())) {
      return; // the ceremony posts its own, richer message for these
    }
    later(incident, () -> {
      post(incident.channelId(), IncidentMessages.change(incident, change, clock.instant()));
      if (TOPIC_KINDS.contains(change.kind())) {
        setTopic(incident);
      }
      if (ENDINGS.contains(change.kind())) {
        toIncidentsChannel(incident, IncidentMessages.endedElsewhere(incident, change, clock.instant()));
      }
    });
  }

  /** Posts {@code message} in the incident channel, in turn with every other announcement. */
  public void announce(Incident incident, SlackMessage message) {
    later(incident, () -> post(incident.channelId(), message));
  }

  /** Says in the channel that an entry was redacted, by whom and why (never what it said). */
  public void redacted(Incident incident, long seq, String actor, String reason) {
    announce(incident, IncidentMessages.redacted(seq, actor, reason));
  }

  /** Tells everyone in the channel that private nudges were switched, and by whom. */
  public void nudgesSwitched(Incident incident, String actor, boolean on) {
    announce(incident, IncidentMessages.nudgesSwitched(actor, on));
  }

  private void later(Incident incident, Runnable work) {
    postings.execute(() -> {
      try {
        work.run();
      } catch (SlackCallFailed e) {
        log.warn("{} in {}: announcing failed: {}", incident.id(), incident.channelId(), e.getMessage());
      } catch (RuntimeException e) {
        log.error("{} in {}: announcing failed", incident.id(), incident.channelId(), e);
      }
    });
  }

  private void toIncidentsChannel(Incident incident, SlackMessage message) {
    if (incident.privateChannel() || incidentsChannel.isEmpty()
        || incidentsChannel.get().equals(incident.channelId())) {
      return;
    }
    post(incidentsChannel.get(), message);
  }

  private void post(String channel, SlackMessage message) {
    slack.call("chat.postMessage", c -> c.chatPostMessage(r -> r.channel(channel).text(message.text())
        .blocks(message.blocks()).unfurlLinks(false).unfurlMedia(false)));
  }

  private void setTopic(Incident incident) {
    slack.call("conversations.setTopic",
        c -> c.conversationsSetTopic(r -> r.channel(incident.channelId()).topic(IncidentMessages.topic(incident))));
  }
}
