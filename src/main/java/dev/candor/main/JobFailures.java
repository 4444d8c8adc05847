package dev.candor.main;

import dev.candor.hooks.WebhookRefused;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobFailure;
import dev.candor.jobs.RetryLater;
import dev.candor.paging.PageRefused;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackJobMessages;
import dev.candor.store.StoreException;
import dev.candor.trackers.TrackerRefused;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Tells the job runner which failures a retry can mend. A Slack call that failed for a passing reason (429, 5xx,
 * unreachable, Slack's own internal errors: {@link SlackJobMessages#retryIfTemporary}) and a database that was
 * busy or could not be written are temporary; a Slack error that says the request itself cannot succeed
 * ({@code channel_not_found}, {@code not_in_channel}, {@code is_archived}, {@code invalid_blocks}…) and a payload
 * that cannot be read ({@link IllegalArgumentException}, a number that is none) are permanent. A token Slack
 * refuses ({@code invalid_auth}, {@code token_revoked}…) is temporary too: the operator mends it, and until then
 * every job waits rather than every job failing. Anything else the runner takes for temporary.
 */
final class JobFailures implements JobFailure.Classifier {
  static final Duration AFTER_STORE_TROUBLE = Duration.ofSeconds(30);
  static final Duration AFTER_AUTH_TROUBLE = Duration.ofMinutes(5);
  private static final Set<String> AUTH_TROUBLE =
      Set.of("invalid_auth", "not_authed", "token_expired", "token_revoked", "account_inactive");

  @Override
  public Optional<JobFailure> classify(Job job, RuntimeException e) {
    if (e instanceof SlackCallFailed failed) {
      if (AUTH_TROUBLE.contains(failed.error())) {
        return Optional.of(new JobFailure.Temporary(AFTER_AUTH_TROUBLE, "Slack refused the token: "
            + failed.getMessage() + " (check SLACK_BOT_TOKEN)"));
      }
      RuntimeException sorted = SlackJobMessages.retryIfTemporary(job, failed);
      if (sorted instanceof RetryLater later) {
        return Optional.of(JobFailure.Temporary.of(later));
      }
      return Optional.of(new JobFailure.Permanent("Slack refused it: " + failed.getMessage()));
    }
    if (e instanceof WebhookRefused || e instanceof PageRefused || e instanceof TrackerRefused) {
      return Optional.of(new JobFailure.Permanent(e.getMessage()));
    }
    if (e instanceof StoreException) {
      return Optional.of(new JobFailure.Temporary(AFTER_STORE_TROUBLE, e.getMessage()));
    }
    if (e instanceof IllegalArgumentException) {
      return Optional.of(new JobFailure.Permanent("its payload cannot be used: " + e.getMessage()));
    }
    return Optional.empty();
  }
}
