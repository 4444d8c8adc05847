package dev.candor.config;

import java.net.URI;

/** The address of an outside service Candor calls (PagerDuty, a tracker): https, or http only on this machine. */
final class ServiceUrl {
  private ServiceUrl() {}

  /**
   * {@code value} of setting {@code name} as a URI without a trailing slash; else a {@link ConfigException} naming the
   * setting, with {@code example} and, when {@code more} is empty, "(http only for localhost)" ({@code more} says it
   * otherwise).
   */
  static URI of(String name, String value, String example, String more) {
    URI uri;
    try {
      uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    boolean https = uri != null && uri.getHost() != null && "https".equals(uri.getScheme());
    boolean local = uri != null && uri.getHost() != null && "http".equals(uri.getScheme())
        && WebhookSettings.LOCAL_HOSTS.contains(uri.getHost());
    if (!https && !local) {
      throw new ConfigException(name + " must be an https URL such as " + example
          + (more.isEmpty() ? " (http only for localhost)" : more) + ", not \"" + value + "\"");
    }
    return uri;
  }
}
