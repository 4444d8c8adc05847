package dev.candor.slack;

/** A Slack Web API call answered {@code ok: false}, or could not be made at all. */
public final class SlackCallFailed extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String method;
  private final String error;

  public SlackCallFailed(String method, String error) {
    super(method + " failed: " + error);
    this.method = method;
    this.error = error;
  }

  public String method() {
    return method;
  }

  /** Slack's error code, such as {@code channel_not_found}. */
  public String error() {
    return error;
  }
}
