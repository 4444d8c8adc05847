package dev.candor.trackers;

/**
 * The tracker refused a call: {@code credentials} when it refused the token (401), else the call itself (404, 410,
 * 422: a repository gone, a field it will not take).
 */
public final class TrackerRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean credentials;

  public TrackerRefused(boolean credentials, String why) {
    super(why);
    this.credentials = credentials;
  }

  public boolean credentials() {
    return credentials;
  }
}
