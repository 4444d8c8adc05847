package dev.candor.incident;

import java.util.Objects;
import java.util.Optional;

/**
 * A request to declare an incident. {@code existingChannelId} is set when the incident should live in
 * the channel it was declared from ("use this channel"); otherwise Candor creates a new channel.
 * {@code requestKey} identifies the Slack request, so a redelivery declares nothing new. {@code lead}, when it is not
 * the declarer, is made commander as soon as the incident exists, as {@code /incident role commander} would.
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
    String requestKey,
    String lead) {

  /** A declaration whose declarer leads the incident. */
  public Declaration(String title, Severity severity, String summary, boolean privateChannel, String declaredBy,
      String originChannelId, String existingChannelId, String existingChannelName, String requestKey) {
    this(title, severity, summary, privateChannel, declaredBy, originChannelId, existingChannelId, existingChannelName,
        requestKey, null);
  }

  public Declaration {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(declaredBy, "declaredBy");
    Objects.requireNonNull(originChannelId, "originChannelId");
    title = title.strip().replaceAll("\\s+", " ");
    summary = summary == null ? "" : summary.strip();
    lead = lead == null || lead.isBlank() || lead.equals(declaredBy) ? null : lead;
  }

  /** Someone other than the declarer, named to lead (command) the incident from the start. */
  public Optional<String> otherLead() {
    return Optional.ofNullable(lead);
  }

  public boolean inExistingChannel() {
    return existingChannelId != null;
  }
}
