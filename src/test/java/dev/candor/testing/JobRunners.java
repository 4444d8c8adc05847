package dev.candor.testing;

import dev.candor.jobs.JobRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * The job runners of the Candors running in this JVM, found through their threads ({@link JobRunner.Worker}):
 * a test wakes them instead of waiting out a poll, and waits until they have run everything due instead of
 * sleeping "long enough".
 */
public final class JobRunners {
  private JobRunners() {}

  /** Every runner polling now. */
  static List<JobRunner.Worker> live() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() * 2 + 16];
    int n = root.enumerate(threads, true);
    List<JobRunner.Worker> workers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (threads[i] instanceof JobRunner.Worker w && w.isAlive()) {
        workers.add(w);
      }
    }
    return workers;
  }

  /** Makes every running runner look for due jobs now rather than at its next poll. */
  public static void wake() {
    live().forEach(w -> w.runner().wake());
  }

  /**
   * Wakes the runners and waits until each has begun a pass after this call and found nothing due: every job
   * due at the clock's present time (this call's) has run and finished, and none is left. This is what a test
   * waits for before saying that something did not happen: it cannot pass before the runner looked. Fails
   * when no runner is running, since then nothing was looked at.
   */
  public static void awaitIdle() {
    List<JobRunner.Worker> workers = live();
    if (workers.isEmpty()) {
      throw new AssertionError("no job runner is running in this JVM");
    }
    long[] begun = new long[workers.size()];
    for (int i = 0; i < begun.length; i++) {
      begun[i] = workers.get(i).runner().passesBegun();
      workers.get(i).runner().wake();
    }
    Eventually.await(() -> {
      for (int i = 0; i < begun.length; i++) {
        JobRunner.Worker w = workers.get(i);
        if (w.isAlive() && w.runner().lastIdlePass() <= begun[i]) {
          return false;
        }
      }
      return true;
    }, "the job runner to run what is due and find nothing more");
  }
}
