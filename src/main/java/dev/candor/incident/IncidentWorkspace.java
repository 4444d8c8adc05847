package dev.candor.incident;

/** The chat workspace where incident channels live (Slack, in production). */
public interface IncidentWorkspace {

  /** Creates a channel, or reports that the name is taken (by an existing or archived channel). */
  ChannelCreation createChannel(String name, boolean privateChannel);

  /** Adds a person to a channel; being there already is fine. */
  void invite(String channelId, String userId);

  sealed interface ChannelCreation {}

  record Created(String channelId, String name) implements ChannelCreation {}

  record NameTaken() implements ChannelCreation {}
}
