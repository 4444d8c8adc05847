package dev.candor.jobs;

import java.util.Map;

/**
 * How a message sent by a job is recognised after a crash. Every message a job sends carries Slack
 * message metadata {@code {"event_type": "candor_job", "event_payload": {"job_id": "<key>",
 * "job_run": "<generation>"}}}; a resumed job looks for it in the channel's recent history before
 * sending again (see {@link AlreadySent}).
 */
public final class SentMarker {
  public static final String EVENT_TYPE = "candor_job";
  public static final String JOB_ID = "job_id";
  public static final String JOB_RUN = "job_run";

  private SentMarker() {}

  /** The metadata's {@code event_payload} for a message {@code job} sends. */
  public static Map<String, Object> payload(Job job) {
    return Map.of(JOB_ID, job.key(), JOB_RUN, Long.toString(job.generation()));
  }

  /** True when a message's metadata says {@code job} (this scheduled occurrence of it) sent it. */
  public static boolean marks(String eventType, Map<String, ?> payload, Job job) {
    if (!EVENT_TYPE.equals(eventType) || payload == null) {
      return false;
    }
    return job.key().equals(payload.get(JOB_ID)) && sameRun(payload.get(JOB_RUN), job.generation());
  }

  private static boolean sameRun(Object run, long generation) {
    if (run instanceof Number n) {
      return n.doubleValue() == generation;
    }
    return run != null && run.toString().equals(Long.toString(generation));
  }
}
