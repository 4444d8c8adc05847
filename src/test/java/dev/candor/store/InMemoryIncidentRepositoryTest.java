package dev.candor.store;

import dev.candor.incident.IncidentRepository;
import dev.candor.testing.fakes.InMemoryIncidentRepository;

/** The repository contract on the fake the domain tests use. */
class InMemoryIncidentRepositoryTest extends IncidentRepositoryContract {

  @Override
  IncidentRepository newRepository() {
    return new InMemoryIncidentRepository();
  }
}
