package dev.candor.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.candor.jobs.Job;
import dev.candor.jobs.JobFailure;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.store.StoreException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which failures a retry can mend: the line between a job retried without limit and one ended at once. */
class JobFailuresTest {
  static final Job JOB = new Job(1, "incident.announce", "announce:1:x", "{}", Instant.EPOCH, 0, false, 1, "w");
  final JobFailures failures = new JobFailures();

  JobFailure classify(RuntimeException e) {
    return failures.classify(JOB, e).orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http_503", "http_500", "unreachable: connection refused", "internal_error",
      "service_unavailable", "request_timeout", "invalid_auth", "token_revoked"})
  void slacksPassingTroubles_areTemporary(String error) {
    assertInstanceOf(JobFailure.Temporary.class, classify(new SlackCallFailed("chat.postMessage", error)));
  }

  @Test
  void aRateLimit_isTemporary_noSoonerThanSlacksRetryAfter() {
    JobFailure f = classify(new SlackCallFailed("chat.postMessage", "ratelimited", Duration.ofMinutes(3)));
    assertEquals(Duration.ofMinutes(3), assertInstanceOf(JobFailure.Temporary.class, f).after());
  }

  @ParameterizedTest
  @ValueSource(strings = {"channel_not_found", "not_in_channel", "is_archived", "invalid_blocks", "user_not_found"})
  void whatSlackSaysCannotSucceed_isPermanent(String error) {
    JobFailure f = classify(new SlackCallFailed("chat.postMessage", error));
    assertEquals("Slack refused it: chat.postMessage failed: " + error,
        assertInstanceOf(JobFailure.Permanent.class, f).why());
  }

  @Test
  void aBusyDatabase_isTemporary_anUnreadablePayload_permanent_andTheRestUnplaced() {
    assertInstanceOf(JobFailure.Temporary.class,
        classify(new StoreException("write", new SQLException("database is locked"))));
    assertInstanceOf(JobFailure.Permanent.class, classify(new NumberFormatException("For input string: \"x\"")));
    assertEquals(Optional.empty(), failures.classify(JOB, new IllegalStateException("a bug")));
  }
}
