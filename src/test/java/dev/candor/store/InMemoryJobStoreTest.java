package dev.candor.store;

import dev.candor.jobs.JobStore;
import dev.candor.testing.fakes.InMemoryJobStore;
import java.time.Clock;
import java.time.ZoneOffset;

/** The job store contract on the fake the runner's tests use. */
class InMemoryJobStoreTest extends JobStoreContract {

  @Override
  JobStore newStore() {
    return new InMemoryJobStore(Clock.fixed(T0, ZoneOffset.UTC));
  }
}
