package dev.candor.outbound;

import dev.candor.hooks.WebhookTransport;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Candor's outbound HTTP (webhooks, PagerDuty) through OkHttp: a JSON POST, no redirects followed (a receiver that
 * moved is told by its status, and a signed body is never sent somewhere else), answered within 10 s.
 */
public final class OkHttpTransport implements WebhookTransport {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  /**
   * How much of an answer's body is read: enough for PagerDuty's answer, an error, or a page of 100 GitHub issues
   * (a few kilobytes each). A longer answer is cut, and a cut JSON body reads as unreadable.
   */
  private static final int BODY_LIMIT = 4 * 1024 * 1024;
  /** One link of a {@code Link} header: its target, and its parameters up to the next link. */
  private static final Pattern LINK = Pattern.compile("<([^>]*)>([^<]*)");

  private final OkHttpClient http;
  private final Clock clock;

  public OkHttpTransport(Clock clock) {
    this(new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(10))
        .callTimeout(Duration.ofSeconds(10)).followRedirects(false).followSslRedirects(false).build(), clock);
  }

  OkHttpTransport(OkHttpClient http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  @Override
  public Answer post(URI url, Map<String, String> headers, String body) throws IOException {
    return send("POST", url, headers, body);
  }

  @Override
  public Answer send(String method, URI url, Map<String, String> headers, String body) throws IOException {
    Request.Builder request = new Request.Builder().url(url.toString())
        .method(method, body == null ? null : RequestBody.create(body, JSON)).header("User-Agent", "Candor");
    headers.forEach(request::header);
    try (Response response = http.newCall(request.build()).execute()) {
      Optional<Duration> wait = retryAfter(response.header("Retry-After"));
      if (wait.isEmpty() && "0".equals(response.header("x-ratelimit-remaining"))) {
        wait = rateLimitReset(response.header("x-ratelimit-reset"));
      }
      if (wait.isEmpty() && "0".equals(response.header("x-ratelimit-requests-remaining"))) {
        wait = resetMillis(response.header("x-ratelimit-requests-reset"));
      }
      if (wait.isEmpty() && "0".equals(response.header("x-ratelimit-complexity-remaining"))) {
        wait = resetMillis(response.header("x-ratelimit-complexity-reset"));
      }
      return new Answer(response.code(), wait, text(response.body()), next(response.header("Link")));
    } catch (IllegalStateException e) {
      throw new IOException(e.getMessage(), e); // OkHttp's "closed" or a call cancelled mid-way
    }
  }

  /**
   * The {@code rel="next"} target of a {@code Link} header ({@code <https://…?page=2>; rel="next", <…>; rel="last"}),
   * as RFC 8288 writes it; empty when there is none or it is no absolute URL.
   */
  static Optional<URI> next(String link) {
    if (link == null) {
      return Optional.empty();
    }
    Matcher m = LINK.matcher(link);
    while (m.find()) {
      if (!relations(m.group(2)).contains("next")) {
        continue;
      }
      try {
        URI uri = new URI(m.group(1).strip());
        return uri.isAbsolute() ? Optional.of(uri) : Optional.empty();
      } catch (URISyntaxException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The relation types of one link's parameters ({@code ; rel="next last"}), in lowercase. */
  private static List<String> relations(String parameters) {
    for (String p : parameters.split("[;,]")) {
      String[] nameValue = p.split("=", 2);
      if (nameValue.length == 2 && nameValue[0].strip().equalsIgnoreCase("rel")) {
        String value = nameValue[1].strip().replace("\"", "").toLowerCase(Locale.ROOT);
        return List.of(value.split("\\s+"));
      }
    }
    return List.of();
  }

  /** {@code x-ratelimit-reset} (GitHub: Unix seconds when the hour's calls come back) as a wait from now. */
  Optional<Duration> rateLimitReset(String value) {
    if (value == null || !value.strip().matches("\\d{1,12}")) {
      return Optional.empty();
    }
    Duration d = Duration.between(clock.instant(), java.time.Instant.ofEpochSecond(Long.parseLong(value.strip())));
    return Optional.of(d.isNegative() ? Duration.ZERO : d);
  }

  /** Linear's {@code x-ratelimit-requests-reset} (Unix milliseconds when requests come back) as a wait from now. */
  Optional<Duration> resetMillis(String value) {
    if (value == null || !value.strip().matches("\\d{1,15}")) {
      return Optional.empty();
    }
    Duration d = Duration.between(clock.instant(), java.time.Instant.ofEpochMilli(Long.parseLong(value.strip())));
    return Optional.of(d.isNegative() ? Duration.ZERO : d);
  }

  private static String text(ResponseBody content) throws IOException {
    if (content == null) {
      return "";
    }
    var source = content.source();
    source.request(BODY_LIMIT);
    return source.getBuffer().readUtf8(Math.min(source.getBuffer().size(), BODY_LIMIT));
  }

  /** {@code Retry-After} as seconds ({@code 120}) or an HTTP date; empty when absent or unreadable. */
  Optional<Duration> retryAfter(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.strip();
    if (v.matches("\\d{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
    }
    try {
      Duration d = Duration.between(clock.instant(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
