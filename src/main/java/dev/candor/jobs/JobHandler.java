package dev.candor.jobs;

import java.util.function.Consumer;

/**
 * Runs the jobs of one kind. A handler must be safe to run again for the same job: a run that
 * returns marks the job done; one that throws {@link RetryLater}, or a failure the runner's classifier
 * calls temporary, is retried with backoff, without limit; one it calls permanent fails the job
 * ({@link JobFailure}). A process that dies mid-run leaves the job to be resumed ({@link Job#resumed()})
 * once its lease, no longer renewed, runs out — at once by a restarted process alone on the database.
 */
@FunctionalInterface
public interface JobHandler {
  void run(Job job) throws RetryLater;

  /**
   * Called once {@code job} has failed for good (a permanent failure, or its runs kept dying). A job
   * that starts the next one when it runs (a reminder, a weekly digest) starts it here, so one failure
   * does not end the chain. Nothing by default.
   */
  default void gaveUp(Job job) {
  }

  /** A handler that runs {@code run}, and {@code gaveUp} when a job of its kind fails for good. */
  static JobHandler of(JobHandler run, Consumer<Job> gaveUp) {
    return new JobHandler() {
      @Override
      public void run(Job job) {
        run.run(job);
      }

      @Override
      public void gaveUp(Job job) {
        gaveUp.accept(job);
      }
    };
  }
}
