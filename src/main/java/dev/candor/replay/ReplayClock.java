package dev.candor.replay;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The time of the channel being replayed, moved to each moment the incident changes (declared at its first
 * message, resolved at its resolution), so the incident's own times are those of the channel, not of the replay.
 */
public final class ReplayClock extends Clock {
  private volatile Instant now;

  public ReplayClock(Instant start) {
    this.now = start;
  }

  public void set(Instant at) {
    now = at;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the replay clock is UTC");
  }
}
