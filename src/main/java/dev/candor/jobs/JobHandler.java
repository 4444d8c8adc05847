package dev.candor.jobs;

/**
 * Runs the jobs of one kind. A handler must be safe to run again for the same job: a run that
 * returns marks the job done; one that throws {@link RetryLater} or anything else is retried with
 * backoff; a process that dies mid-run leaves the job to be resumed ({@link Job#resumed()}) once its
 * lease expires.
 */
@FunctionalInterface
public interface JobHandler {
  void run(Job job) throws RetryLater;
}
