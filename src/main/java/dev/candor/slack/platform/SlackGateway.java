package dev.candor.slack.platform;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every outbound Web API call goes through here: a 429 waits for {@code Retry-After} (up to
 * {@link #MAX_WAIT}; a longer one fails at once, carrying it, for the caller to come back later), a 5xx
 * or a network failure is retried with backoff, and {@code ok: false} becomes one {@link SlackCallFailed}. Waiting
 * holds the calling thread: a durable job never waits (it calls through {@link #once()}, and its retry waits, as its
 * next run time), nor does a call made while Slack waits for its answer ({@link #withinAck}); a nudge waits only
 * briefly ({@link #briefly()}).
 */
public final class SlackGateway {
  private static final Logger log = LoggerFactory.getLogger(SlackGateway.class);
  static final int MAX_ATTEMPTS = 4;
  static final Duration MAX_WAIT = Duration.ofSeconds(30);
  /** The longest {@link #briefly()} waits for a 429 on a shared thread. */
  static final Duration BRIEF_WAIT = Duration.ofSeconds(2);

  private final MethodsClient client;
  private final Sleeper sleeper;
  private final int maxAttempts;
  private final boolean retriesUnanswered;
  private final Duration maxWait;

  /** How the gateway waits between attempts; tests pass one that records instead of sleeping. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  public interface Call<T extends SlackApiTextResponse> {
    T run(MethodsClient client) throws IOException, SlackApiException;
  }

  public SlackGateway(MethodsClient client) {
    this(client, d -> Thread.sleep(d.toMillis()), MAX_ATTEMPTS);
  }

  public SlackGateway(MethodsClient client, Sleeper sleeper, int maxAttempts) {
    this(client, sleeper, maxAttempts, true, MAX_WAIT);
  }

  private SlackGateway(MethodsClient client, Sleeper sleeper, int maxAttempts, boolean retriesUnanswered,
      Duration maxWait) {
    this.client = client;
    this.sleeper = sleeper;
    this.maxAttempts = maxAttempts;
    this.retriesUnanswered = retriesUnanswered;
    this.maxWait = maxWait;
  }

  /**
   * A gateway for calls made while Slack waits for its 3-second answer: one attempt, no waiting;
   * give it a client with a short call timeout.
   */
  public static SlackGateway withinAck(MethodsClient client) {
    return new SlackGateway(client, d -> { }, 1, true, Duration.ZERO);
  }

  /**
   * A gateway on the same client that makes one attempt and never waits: for a durable job, whose own retry waits
   * out a 429's {@code Retry-After} or an outage ({@link SlackJobMessages#retryIfTemporary}), so the job runner's
   * thread is never held asleep.
   */
  public SlackGateway once() {
    return new SlackGateway(client, d -> { }, 1, false, Duration.ZERO);
  }

  /**
   * A gateway on the same client, with this one's waiting, for a call on a shared thread that is worth a short wait
   * but never a long one (a nudge's private note, which is of use only now): two attempts, and a 429 waited out only
   * when its {@code Retry-After} is at most {@link #BRIEF_WAIT}; a longer one fails at once.
   */
  public SlackGateway briefly() {
    return new SlackGateway(client, sleeper, 2, retriesUnanswered, BRIEF_WAIT);
  }

  /** True when a call makes one attempt and never waits: what a durable job's calls must go through. */
  public boolean neverWaits() {
    return maxAttempts == 1;
  }

  /** Makes {@code call}, retrying what Slack says to retry; returns the successful response. */
  public <T extends SlackApiTextResponse> T call(String method, Call<T> call) {
    for (int attempt = 1; ; attempt++) {
      Duration wait;
      try {
        T response = call.run(client);
        if (response.isOk()) {
          return response;
        }
        throw new SlackCallFailed(method, response.getError());
      } catch (SlackApiException e) {
        int code = e.getResponse().code();
        String header = e.getResponse().header("Retry-After");
        Duration asked = code == 429 ? retryAfter(header) : null;
        if (asked != null && (attempt >= maxAttempts || asked.compareTo(maxWait) > 0)) {
          // longer than a call may wait here: the caller comes back after it (a job retries no sooner); it carries
          // what Slack said, or nothing when Slack said nothing readable (the caller then waits its own while)
          log.warn("{} answered HTTP 429 with Retry-After {}; attempt {} of {}, not waiting here", method, header,
              attempt, maxAttempts);
          throw new SlackCallFailed(method, "ratelimited", said(header) ? asked : null);
        }
        if (attempt >= maxAttempts || !(code == 429 || (code >= 500 && retriesUnanswered))) {
          throw new SlackCallFailed(method, code == 429 ? "ratelimited" : "http_" + code);
        }
        wait = code == 429 ? asked : backoff(attempt);
        log.warn("{} answered HTTP {}; attempt {} of {}, waiting {} ms", method, code, attempt,
            maxAttempts, wait.toMillis());
      } catch (IOException e) {
        if (attempt >= maxAttempts || !retriesUnanswered) {
          throw new SlackCallFailed(method, "unreachable (" + e.getClass().getSimpleName() + ")");
        }
        wait = backoff(attempt);
        log.warn("{} could not reach Slack ({}); attempt {} of {}", method, e.getMessage(), attempt,
            maxAttempts);
      }
      pause(method, wait);
    }
  }

  private void pause(String method, Duration wait) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SlackCallFailed(method, "interrupted");
    }
  }

  /** Whether Slack said how long to wait: a {@code Retry-After} of whole seconds. */
  static boolean said(String header) {
    return header != null && header.trim().matches("\\d{1,9}");
  }

  /** Slack's {@code Retry-After} as it said it (at least a second; a second when it is unreadable). */
  static Duration retryAfter(String header) {
    try {
      long seconds = Long.parseLong(header == null ? "" : header.trim());
      return Duration.ofSeconds(Math.max(1, seconds));
    } catch (NumberFormatException e) {
      return Duration.ofSeconds(1);
    }
  }

  static Duration backoff(int attempt) {
    return Duration.ofMillis(250L << Math.min(attempt - 1, 6));
  }
}
