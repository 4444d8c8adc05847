package dev.candor.jobs;

/**
 * Looks for the message a job sends (marked by {@link SentMarker}) in a channel's recent history,
 * so a handler resuming after a crash ({@link Job#resumed()}) sends it only if it is not there.
 */
@FunctionalInterface
public interface AlreadySent {
  boolean alreadySent(Job job, String channel);
}
