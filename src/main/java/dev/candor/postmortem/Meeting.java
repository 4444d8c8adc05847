package dev.candor.postmortem;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * The meeting a post-mortem is held in. {@code start} carries the submitter's zone; {@code facilitator}
 * and {@code attendees} are Slack user ids; {@code where} is a room or a link, possibly empty.
 */
public record Meeting(ZonedDateTime start, Duration length, String facilitator, List<String> attendees, String where) {
  public Meeting {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(length, "length");
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("a meeting lasts some time: " + length);
    }
    attendees = List.copyOf(attendees);
    where = where == null ? "" : where.strip();
  }

  /** When the meeting ends, in the start's zone. */
  public ZonedDateTime end() {
    return start.plus(length);
  }
}
