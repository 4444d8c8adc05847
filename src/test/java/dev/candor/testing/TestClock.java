package dev.candor.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock a test moves by hand. It starts where it is told and only moves when {@link #advance} or {@link #set}
 * is called; a move tells whoever asked ({@link #whenMoved}): a Candor running on it wakes its job runner, so what
 * became due runs at once rather than at the runner's next poll.
 */
public final class TestClock extends Clock {
  private volatile Instant now;
  private final ZoneId zone;
  private final List<Runnable> moved = new CopyOnWriteArrayList<>();

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
    moved.forEach(Runnable::run);
    return this;
  }

  public void set(Instant instant) {
    now = instant;
    moved.forEach(Runnable::run);
  }

  /** {@code then} runs after every move of this clock, until {@link #stopTelling} it. */
  public void whenMoved(Runnable then) {
    moved.add(then);
  }

  public void stopTelling(Runnable then) {
    moved.remove(then);
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
