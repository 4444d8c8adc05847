package dev.candor.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.candor.testing.TestClock;
import dev.candor.testing.fakes.InMemoryJobStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WakingJobStoreTest {
  final TestClock clock = TestClock.at("2026-12-01T12:00:00Z");
  final AtomicInteger wakes = new AtomicInteger();
  final InMemoryJobStore inner = new InMemoryJobStore();
  final WakingJobStore store = new WakingJobStore(inner, wakes::incrementAndGet, clock);

  @Test
  void aJobDueNow_wakesTheRunner_aLaterOneDoesNot() {
    store.schedule("k", "due-now", "p", clock.instant());
    store.schedule("k", "overdue", "p", clock.instant().minusSeconds(5));
    assertEquals(2, wakes.get());

    store.schedule("k", "later", "p", clock.instant().plus(Duration.ofMinutes(1)));
    assertEquals(2, wakes.get(), "the poll will find it");
    assertEquals(3, store.list("").size(), "every job is the store's");
  }

  @Test
  void aQueuedJobDueNow_wakesTheRunnerToo() {
    store.scheduleInQueue("announce:1", "k", "status", "p", clock.instant());
    assertEquals(1, wakes.get());

    store.scheduleInQueue("announce:1", "k", "later", "p", clock.instant().plusSeconds(1));
    assertEquals(1, wakes.get());
    assertEquals(2, inner.list("").size());
  }
}
