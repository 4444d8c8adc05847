package dev.candor.hooks;

/**
 * A receiver answered a delivery with a 4xx other than 408 and 429: sending it again cannot succeed, so its job is
 * given up on, with one line in the log.
 */
public final class WebhookRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WebhookRefused(String message) {
    super(message);
  }
}
