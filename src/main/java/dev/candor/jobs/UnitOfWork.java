package dev.candor.jobs;

import java.util.function.Supplier;

/**
 * Runs work so that everything it writes — a change and the jobs scheduled for it, say — is stored
 * together or not at all. The database's unit of work makes one transaction of it; stores used inside
 * join that transaction.
 */
public interface UnitOfWork {

  <T> T run(Supplier<T> work);

  /** No transaction around the work: for stores that have none (fakes in tests). */
  static UnitOfWork none() {
    return new UnitOfWork() {
      @Override
      public <T> T run(Supplier<T> work) {
        return work.get();
      }
    };
  }
}
