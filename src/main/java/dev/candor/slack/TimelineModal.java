package dev.candor.slack;

import java.util.Optional;

/** {@code /incident timeline}: the incident's timeline in a modal, paged with Previous and Next. */
public final class TimelineModal {
  /** Opens page 1 for the incident of {@code channelId}; returns what to tell the caller when it cannot. */
  public Optional<String> open(String channelId, String triggerId) {
    return Optional.of("The timeline view is being built.");
  }
}
