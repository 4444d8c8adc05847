package dev.candor.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test moves by hand. It starts where it is told and only moves when {@link #advance} or {@link #set}
 * is called; a move wakes the job runner of a Candor running in this JVM ({@link JobRunners#wake()}), so what
 * became due runs at once rather than at the runner's next poll.
 */
public final class TestClock extends Clock {
  private volatile Instant now;
  private final ZoneId zone;

  public TestClock(Instant start) {
    this(start, ZoneOffset.UTC);
  }

  private TestClock(Instant start, ZoneId zone) {
    this.now = start;
    this.zone = zone;
  }

  public static TestClock at(String isoInstant) {
    return new TestClock(Instant.parse(isoInstant));
  }

  public TestClock advance(Duration by) {
    now = now.plus(by);
    JobRunners.wake();
    return this;
  }

  public void set(Instant instant) {
    now = instant;
    JobRunners.wake();
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId other) {
    return new TestClock(now, other);
  }
}
