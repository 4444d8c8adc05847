package dev.candor.followup;

import java.time.ZoneId;

/** A person's time zone, from their profile (UTC when they have none). */
@FunctionalInterface
public interface Zones {
  /** May throw {@link dev.candor.jobs.RetryLater} when the profile cannot be read just now. */
  ZoneId of(String userId);
}
