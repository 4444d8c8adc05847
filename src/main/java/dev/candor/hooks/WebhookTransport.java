package dev.candor.hooks;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Sends a JSON body over HTTP: the port the webhook, paging and tracker deliveries go out through. A delivery reads
 * what came back as an {@link Answer}: delivered, worth trying again (after the wait asked for), or refused.
 */
public interface WebhookTransport {

  /**
   * POSTs {@code body} (JSON) with {@code headers} to {@code url} and answers what came back; throws
   * {@link IOException} when no answer came (refused, reset, timed out).
   */
  Answer post(URI url, Map<String, String> headers, String body) throws IOException;

  /**
   * Sends {@code method} ({@code GET}, {@code POST}, {@code PATCH}) to {@code url} with {@code headers}, and
   * {@code body} (JSON) unless it is null; only POST unless the transport says otherwise.
   */
  default Answer send(String method, URI url, Map<String, String> headers, String body) throws IOException {
    if (!"POST".equals(method)) {
      throw new UnsupportedOperationException(method + " is not supported by this transport");
    }
    return post(url, headers, body);
  }

  /**
   * What the receiver answered: its status, how long it asked to be left alone ({@code Retry-After}, read as seconds or
   * an HTTP date; or, once {@code x-ratelimit-remaining} is 0, until {@code x-ratelimit-reset}), and its body (at most
   * a few dozen kilobytes of it), and the next page of a paged list where its {@code Link} header names one
   * ({@code rel="next"}, as GitHub pages).
   */
  record Answer(int status, Optional<Duration> retryAfter, String body, Optional<URI> next) {
    public Answer(int status, Optional<Duration> retryAfter, String body) {
      this(status, retryAfter, body, Optional.empty());
    }

    public boolean ok() {
      return status >= 200 && status < 300;
    }

    /** 408, 429 and 5xx: worth trying again; any other 4xx will be refused again. */
    public boolean temporary() {
      return status == 408 || status == 429 || status >= 500;
    }

    /** How long to wait before trying again: what {@code Retry-After} asked, never above {@code longest}; else none. */
    public Duration waitAsked(Duration longest) {
      return retryAfter.map(d -> d.compareTo(longest) > 0 ? longest : d).orElse(Duration.ZERO);
    }
  }
}
