package dev.candor.incident;

import java.util.Optional;

/** The chat workspace where incident channels live (Slack, in production). */
public interface IncidentWorkspace {

  /** Creates a channel, or reports that the name is taken (by an existing or archived channel). */
  ChannelCreation createChannel(String name, boolean privateChannel);

  /**
   * The unarchived channel named {@code name} that Candor itself created, private or public as asked, if there is
   * one: the channel of a
   * declaration that died between making its channel and storing its incident, for the next declaration under that
   * name to adopt rather than leave behind.
   */
  Optional<Created> ownChannelNamed(String name, boolean privateChannel);

  /** Adds a person to a channel; being there already is fine. */
  void invite(String channelId, String userId);

  sealed interface ChannelCreation {}

  record Created(String channelId, String name) implements ChannelCreation {}

  record NameTaken() implements ChannelCreation {}
}
