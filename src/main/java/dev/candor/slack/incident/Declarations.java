package dev.candor.slack.incident;

import dev.candor.incident.Declaration;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentService;
import dev.candor.incident.IncidentService.AlreadyDeclared;
import dev.candor.incident.IncidentService.ChannelTaken;
import dev.candor.incident.IncidentService.Declared;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackMessage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declares an incident after the Slack request was answered, and tells the declarer how it went —
 * publicly where it was declared (for a public incident), privately otherwise.
 */
final class Declarations {
  private static final Logger log = LoggerFactory.getLogger(Declarations.class);
  private final IncidentService incidents;
  private final Consumer<Incident> afterDeclaredInExistingChannel;

  /** Where the outcome of a declaration goes: the command's response_url, or the origin channel. */
  public interface Reply {
    void publicly(SlackMessage message);

    void privately(String text);
  }

  /** {@code afterDeclaredInExistingChannel} reads that channel's history into the timeline. */
  Declarations(IncidentService incidents,
      Consumer<Incident> afterDeclaredInExistingChannel) {
    this.incidents = incidents;
    this.afterDeclaredInExistingChannel = afterDeclaredInExistingChannel;
  }

  public void declare(Declaration declaration, Reply reply) {
    try {
      var result = incidents.declare(declaration);
      if (result instanceof Declared d) {
        if (d.incident().privateChannel()) {
          reply.privately(":lock: Declared " + d.incident().id() + " in the private channel "
              + Mrkdwn.channel(d.incident().channelId()) + ". You are in it, and you are the commander.");
        } else if (!declaration.inExistingChannel()) {
          reply.publicly(IncidentMessages.declaredElsewhere(d.incident()));
        }
        if (declaration.inExistingChannel()) {
          afterDeclaredInExistingChannel.accept(d.incident());
        }
      } else if (result instanceof AlreadyDeclared a) {
        reply.privately("You just declared " + a.incident().id() + ": " + Mrkdwn.channel(a.incident().channelId())
            + ". The same declaration came twice, so there is still one incident.");
      } else if (result instanceof ChannelTaken t) {
        reply.privately(IncidentMessages.alreadyIncident(t.incident()));
      }
    } catch (SlackCallFailed e) {
      log.warn("declaring \"{}\" from {} failed: {}", declaration.title(), declaration.originChannelId(), e.getMessage());
      reply.privately("I couldn't declare the incident: Slack answered `" + e.error() + "` to " + e.method()
          + ". Nothing was recorded; try again, or ask your Slack admin to check Candor's permissions.");
    } catch (RuntimeException e) {
      log.error("declaring \"{}\" from {} failed", declaration.title(), declaration.originChannelId(), e);
      reply.privately("I couldn't declare the incident because of an error on Candor's side. "
          + "Try again in a moment; the operator can find the details in Candor's log.");
    }
  }
}
