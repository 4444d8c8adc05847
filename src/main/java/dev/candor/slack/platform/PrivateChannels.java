package dev.candor.slack.platform;


import dev.candor.followup.Facilitators;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentRepository;
import java.util.List;
import java.util.Set;

/**
 * Who may hear about an incident: anyone of a public one; only the members of a private one's channel.
 * A private incident never shows up anywhere else — not in a follow-up owner's DM, App Home, the levels
 * question or the weekly digest of someone outside its channel.
 */
public final class PrivateChannels {
  /** Errors meaning Candor cannot see the channel's members any more: then nobody outside is told anything. */
  public static final Set<String> GONE = Set.of("channel_not_found", "not_in_channel", "is_archived",
      "missing_scope", "method_not_supported_for_channel_type");

  private final SlackGateway slack;

  public PrivateChannels(SlackGateway slack) {
    this.slack = slack;
  }

  /**
   * True when {@code userId} may hear about {@code incident}: it is not private, or they are a member of
   * its channel. A channel Candor can no longer read counts as not a member; other failures (Slack
   * unreachable, rate limited) stay {@link SlackCallFailed} for the caller to retry or refuse.
   */
  public boolean mayHear(Incident incident, String userId) {
    if (!incident.privateChannel()) {
      return true;
    }
    try {
      return ChannelMembers.listsMember(slack, incident.channelId(), userId);
    } catch (SlackCallFailed e) {
      if (GONE.contains(e.error())) {
        return false;
      }
      throw e;
    }
  }

  /**
   * The DM for someone outside a private incident's channel who has a part in it (say its commander, who was
   * named but never invited): that {@code needs} says something needs them, and nothing else — no title, no
   * number, no channel name — with what to do about it.
   */
  public static SlackMessage outsiderNote(String needs) {
    String text = ":lock: " + needs + " You aren't in its channel, so I can't say more here: ask someone in the "
        + "incident to add you to its channel, or to hand your role on.";
    return new SlackMessage(text, List.of(Mrkdwn.section(text)));
  }

  /**
   * What to tell someone adding or handing over a follow-up of {@code incident} to {@code owner} who is outside
   * its private channel, or null when {@code owner} may own it. Plain text with a mention; forms reword it.
   */
  public String ownerProblem(Incident incident, String owner) {
    try {
      return mayHear(incident, owner) ? null
          : Mrkdwn.user(owner) + " isn't in this private channel; invite them first. Nothing was saved.";
    } catch (SlackCallFailed e) {
      return "I couldn't check whether " + Mrkdwn.user(owner) + " is in this private channel (Slack answered `"
          + e.error() + "`). Nothing was saved; try again in a moment.";
    }
  }

  /** Whether the person acting on a private incident is in its channel; null when they are (or it is public). */
  public String actorProblem(Incident incident, String actor) {
    try {
      return mayHear(incident, actor) ? null
          : "You aren't in this incident's private channel, so you can't add follow-ups to it. Nothing was saved.";
    } catch (SlackCallFailed e) {
      return "I couldn't check that you are in this private channel (Slack answered `" + e.error()
          + "`). Nothing was saved; try again in a moment.";
    }
  }

  /**
   * {@code named}, except that a facilitator of a private incident who isn't in its channel is passed over
   * for {@code fallback} (the commander): the levels question and the digest tell them nothing of it.
   */
  public Facilitators insideOnly(Facilitators named, Facilitators fallback, IncidentRepository incidents) {
    return id -> named.of(id)
        .filter(who -> incidents.byId(id).map(i -> mayHear(i, who)).orElse(false))
        .or(() -> fallback.of(id));
  }
}
