package dev.candor.slack.postmortem;

import dev.candor.incident.Incident;
import dev.candor.postmortem.PostmortemService;
import dev.candor.slack.incident.Announcements;
import dev.candor.slack.platform.SlackMessage;
import java.util.Optional;

/**
 * What a resolution's announcement carries about the post-mortem: while nobody has decided, the pitch and the
 * [Schedule post-mortem] [Not needed…] [Remind me tomorrow] buttons, so the news and the question are one message.
 * Asked in the transaction that resolves, after {@link PostmortemService#incidentChanged} scheduled the prompts.
 */
public final class ResolutionAsk implements Announcements.Attachment {
  private final PostmortemService postmortems;

  public ResolutionAsk(PostmortemService postmortems) {
    this.postmortems = postmortems;
  }

  @Override
  public Optional<SlackMessage> toResolution(Incident incident) {
    return postmortems.stillUndecided(incident.id())
        ? Optional.of(PostmortemMessages.attachedToResolution(incident)) : Optional.empty();
  }
}
