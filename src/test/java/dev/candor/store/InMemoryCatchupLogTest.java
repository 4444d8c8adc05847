package dev.candor.store;

import dev.candor.catchup.CatchupLog;
import dev.candor.testing.fakes.InMemoryCatchupLog;

/** The catch-up log's contract on the fake the domain tests use. */
class InMemoryCatchupLogTest extends CatchupLogContract {
  @Override
  CatchupLog newLog() {
    return new InMemoryCatchupLog();
  }

  @Override
  CatchupLog sameLogElsewhere() {
    return log;
  }
}
