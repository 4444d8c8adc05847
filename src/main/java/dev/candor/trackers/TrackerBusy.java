package dev.candor.trackers;

import java.time.Duration;

/** The tracker could not take a call now (429, a rate limit, 5xx, no answer): try again after {@code after}. */
public final class TrackerBusy extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Duration after;

  public TrackerBusy(Duration after, String why) {
    super(why);
    this.after = after;
  }

  public Duration after() {
    return after;
  }
}
