package dev.candor.timeline;

/** How an entry reached the timeline. */
public enum Source {
  /** Delivered by Slack's Events API while the incident ran. */
  EVENT,
  /** Read from the channel's history when the incident was declared in an existing channel. */
  BACKFILL,
  /** Done through Candor itself. */
  CANDOR,
  /** Read from a Slack workspace export by {@code candor replay}. */
  EXPORT
}
