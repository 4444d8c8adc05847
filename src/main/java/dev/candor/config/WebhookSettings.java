package dev.candor.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where lifecycle changes are POSTed ({@code CANDOR_WEBHOOK_URLS}) and the Standard Webhooks secret they are signed
 * with ({@code CANDOR_WEBHOOK_SECRET}, {@code whsec_<base64>}). No URL: no webhooks.
 */
public record WebhookSettings(List<URI> urls, Optional<String> secret) {
  /** The hosts a plain-http URL may name: a receiver on this machine, so nothing crosses a network unencrypted. */
  static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
  static final String PREFIX = "whsec_";

  public WebhookSettings {
    urls = List.copyOf(urls);
  }

  public static WebhookSettings none() {
    return new WebhookSettings(List.of(), Optional.empty());
  }

  public boolean enabled() {
    return !urls.isEmpty();
  }

  static WebhookSettings read(Optional<String> urlList, Optional<String> secret) {
    List<URI> urls = new ArrayList<>();
    for (String part : urlList.map(v -> v.split(",")).orElse(new String[0])) {
      if (!part.isBlank()) {
        urls.add(url(part.strip()));
      }
    }
    if (secret.isPresent()) {
      key(secret.get());
    }
    if (!urls.isEmpty() && secret.isEmpty()) {
      throw new ConfigException("CANDOR_WEBHOOK_SECRET is required with CANDOR_WEBHOOK_URLS: every delivery is signed "
          + "with it (whsec_ and 24 or more random bytes in base64: echo whsec_$(openssl rand -base64 32))");
    }
    return new WebhookSettings(urls, urls.isEmpty() ? Optional.empty() : secret);
  }

  private static URI url(String value) {
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("CANDOR_WEBHOOK_URLS must be comma-separated https URLs; \"" + value
          + "\" is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new ConfigException("CANDOR_WEBHOOK_URLS must be comma-separated https URLs; \"" + value
          + "\" is not one");
    }
    if (scheme.equals("http") && !LOCAL_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
      throw new ConfigException("CANDOR_WEBHOOK_URLS must use https (http only for localhost or 127.0.0.1: a "
          + "signed delivery over plain http can be read on the way); \"" + value + "\" does not");
    }
    if (uri.getUserInfo() != null) {
      throw new ConfigException("CANDOR_WEBHOOK_URLS must not hold a user or password (deliveries are signed with "
          + "CANDOR_WEBHOOK_SECRET instead); one of the URLs does");
    }
    return uri;
  }

  /** The HMAC key of a {@code whsec_<base64>} secret; a one-line {@link ConfigException} when it is not one. */
  public static byte[] key(String secret) {
    if (!secret.startsWith(PREFIX)) {
      throw new ConfigException("CANDOR_WEBHOOK_SECRET must be a Standard Webhooks secret, whsec_ then base64 "
          + "(make one with: echo whsec_$(openssl rand -base64 32)); the value given does not start with whsec_");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("CANDOR_WEBHOOK_SECRET must be whsec_ then base64; what follows whsec_ is not "
          + "base64");
    }
    if (key.length < 24 || key.length > 64) {
      throw new ConfigException("CANDOR_WEBHOOK_SECRET must hold 24 to 64 random bytes after whsec_ (the standard's "
          + "range; make one with: echo whsec_$(openssl rand -base64 32)), not " + key.length);
    }
    return key;
  }

  @Override
  public String toString() {
    return urls.isEmpty() ? "none" : urls.size() + " URL(s), signed";
  }
}
