package dev.candor.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.app_backend.SlackSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/** Sends requests to Candor signed exactly as Slack signs them, and times each answer. */
public final class SignedSlack {
  public static final String SECRET = "test-secret";
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String url;
  private final FakeSlack fake;
  private final Clock clock;
  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
  private final SlackSignature.Generator signer = new SlackSignature.Generator(SECRET);
  private final AtomicInteger triggers = new AtomicInteger();
  private final Set<String> signed = new HashSet<>();
  /** Every slash command's ack time, for the figures in the closing note. */
  public static final List<Long> COMMAND_ACK_NANOS = new CopyOnWriteArrayList<>();

  /** What Candor answered. */
  public record Answer(int status, String body, Duration elapsed) {
    public Map<?, ?> json() {
      try {
        return body.isBlank() ? Map.of() : JSON.readValue(body, Map.class);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    /** The ephemeral text of an ack, or empty when the ack had no body. */
    public String text() {
      Object t = json().get("text");
      return t == null ? "" : t.toString();
    }
  }

  /**
   * Closes the idle keep-alive connections to Candor: stopping Jetty waits (gracefully, a second or two) for
   * open connections to go idle and close, so a stop after this is immediate.
   */
  public void closeConnections() {
    http.connectionPool().evictAll();
  }

  public SignedSlack(String baseUrl, FakeSlack fake) {
    this(baseUrl, fake, Clock.systemUTC());
  }

  /** Signs with {@code clock}'s time: Candor checks a request's timestamp against its own clock. */
  public SignedSlack(String baseUrl, FakeSlack fake, Clock clock) {
    this.url = baseUrl + "/slack/events";
    this.fake = fake;
    this.clock = clock;
  }

  /** {@code /incident <text>} typed by {@code user} in {@code channel}. */
  public Answer command(String user, String channel, String text) {
    String trigger = "trig-" + triggers.incrementAndGet();
    return command(user, channel, text, trigger);
  }

  public Answer command(String user, String channel, String text, String triggerId) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", "deprecated");
    form.put("team_id", FakeSlack.TEAM);
    form.put("team_domain", "candor-test");
    form.put("channel_id", channel);
    form.put("channel_name", "some-channel");
    form.put("user_id", user);
    form.put("user_name", user.toLowerCase());
    form.put("command", "/incident");
    form.put("text", text);
    form.put("api_app_id", "ACANDOR");
    form.put("is_enterprise_install", "false");
    form.put("response_url", fake.responseUrl(triggerId));
    form.put("trigger_id", triggerId);
    Answer a = post(form(form), FORM, Map.of());
    COMMAND_ACK_NANOS.add(a.elapsed().toNanos());
    return a;
  }

  /** An interactivity payload ({@code block_actions}, {@code view_submission}, {@code message_action}). */
  public Answer interaction(Object payload) {
    try {
      return post("payload=" + enc(JSON.writeValueAsString(payload)), FORM, Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An Events API callback; {@code headers} may add X-Slack-Retry-Num and the like. */
  public Answer event(Object envelope, Map<String, String> headers) {
    try {
      return post(JSON.writeValueAsString(envelope), JSON_TYPE, headers);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A body signed now with the right secret. Slack never sends two different deliveries with the same body
   * and timestamp (each click or command has its own trigger_id), but the fixtures re-use bodies: a body
   * already sent in this second is signed a second earlier, so it is a new delivery and not a replay, which
   * Candor answers once. {@link #raw} sends true replays.
   */
  public Answer post(String body, MediaType type, Map<String, String> headers) {
    long seconds = clock.millis() / 1000;
    synchronized (signed) {
      while (!signed.add(seconds + ":" + body)) {
        seconds--;
      }
    }
    String ts = Long.toString(seconds);
    return raw(body, type, ts, signer.generate(ts, body), headers);
  }

  /** A body with whatever timestamp and signature the test gives. */
  public Answer raw(String body, MediaType type, String timestamp, String signature, Map<String, String> headers) {
    Request.Builder b = new Request.Builder().url(url).post(RequestBody.create(body, type));
    if (timestamp != null) {
      b.header(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP, timestamp);
    }
    if (signature != null) {
      b.header(SlackSignature.HeaderNames.X_SLACK_SIGNATURE, signature);
    }
    headers.forEach(b::header);
    long start = System.nanoTime();
    try (var response = http.newCall(b.build()).execute()) {
      String text = response.body().string();
      return new Answer(response.code(), text, Duration.ofNanos(System.nanoTime() - start));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String sign(String timestamp, String body) {
    return signer.generate(timestamp, body);
  }

  public static String form(Map<String, String> fields) {
    StringBuilder out = new StringBuilder();
    fields.forEach((k, v) -> {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(enc(k)).append('=').append(enc(v));
    });
    return out.toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
