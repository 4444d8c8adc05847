package dev.candor.paging;

/** PagerDuty refused a page (400, 401, 403, 404): the key or the event is wrong, and sending it again cannot help. */
public final class PageRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PageRefused(String message) {
    super(message);
  }
}
