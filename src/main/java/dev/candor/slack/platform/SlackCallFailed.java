package dev.candor.slack.platform;

import java.time.Duration;
import java.util.Optional;

/** A Slack Web API call answered {@code ok: false}, or could not be made at all. */
public final class SlackCallFailed extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String method;
  private final String error;
  private final transient Duration retryAfter;

  public SlackCallFailed(String method, String error) {
    this(method, error, null);
  }

  /** Rate limited: Slack said to wait {@code retryAfter} before the next call (null when it didn't say). */
  public SlackCallFailed(String method, String error, Duration retryAfter) {
    super(method + " failed: " + error);
    this.method = method;
    this.error = error;
    this.retryAfter = retryAfter;
  }

  /** How long Slack asked to wait before calling again, when it answered 429 with {@code Retry-After}. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  public String method() {
    return method;
  }

  /** Slack's error code, such as {@code channel_not_found}. */
  public String error() {
    return error;
  }
}
