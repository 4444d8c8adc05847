package dev.candor.incident;

import java.util.Objects;

/**
 * A request to declare an incident. {@code existingChannelId} is set when the incident should live in
 * the channel it was declared from ("use this channel"); otherwise Candor creates a new channel.
 * {@code requestKey} identifies the Slack request, so a redelivery declares nothing new.
 */
public record Declaration(
    String title,
    Severity severity,
    String summary,
    boolean privateChannel,
    String declaredBy,
    String originChannelId,
    String existingChannelId,
    String existingChannelName,
    String requestKey) {

  public Declaration {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(declaredBy, "declaredBy");
    Objects.requireNonNull(originChannelId, "originChannelId");
    title = title.strip().replaceAll("\\s+", " ");
    summary = summary == null ? "" : summary.strip();
  }

  public boolean inExistingChannel() {
    return existingChannelId != null;
  }
}
