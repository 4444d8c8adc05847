package dev.candor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A webhook receiver as a team would write one from the Standard Webhooks spec (standardwebhooks.com): it takes the
 * three headers, refuses a timestamp more than 5 minutes from its clock, strips {@code whsec_} from the secret and
 * base64-decodes the rest into the HMAC key, computes {@code v1,} base64 HMAC-SHA256 of {@code id.timestamp.body}
 * and compares it in constant time with each space-separated signature; a forged or stale delivery is answered 401.
 * It can answer the first N deliveries with a scripted failure (429 with {@code Retry-After}, 500) and hold one open.
 * It keeps every delivery it got, in order, with what it answered.
 */
public final class FakeWebhookReceiver implements AutoCloseable {
  /** A secret in the Standard Webhooks format (32 bytes). */
  public static final String SECRET = "whsec_" + Base64.getEncoder()
      .encodeToString("candor-test-webhook-key-32-bytes".getBytes(StandardCharsets.UTF_8));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TOLERANCE = Duration.ofMinutes(5);

  /** One delivery as it arrived, and what it was answered. */
  public record Delivery(String id, long timestamp, String signature, String body, boolean verified, int answered) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("not JSON: " + body, e);
      }
    }

    public String type() {
      return json().path("type").asText();
    }
  }

  private final MockWebServer server = new MockWebServer();
  private final byte[] key;
  private final Clock clock;
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final List<MockResponse> failures = new CopyOnWriteArrayList<>();
  private final Map<String, Boolean> seen = new ConcurrentHashMap<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final HeldAnswer held = new HeldAnswer();

  /** A receiver verifying with {@link #SECRET} against {@code clock} (the clock Candor signs by). */
  public FakeWebhookReceiver(Clock clock) {
    this.clock = clock;
    this.key = Base64.getDecoder().decode(SECRET.substring("whsec_".length()));
    LocalServers.started(server, this::answer);
  }

  /** The URL to give Candor in CANDOR_WEBHOOK_URLS. */
  public String url(String path) {
    return server.url(path).toString();
  }

  /** Answers the next deliveries with {@code responses}, one each, in order, before answering 204 again. */
  public void failNext(MockResponse... responses) {
    failures.addAll(List.of(responses));
  }

  /** A 429 asking to come back after {@code seconds}. */
  public static MockResponse tooMany(int seconds) {
    return new MockResponse.Builder().code(429).addHeader("Retry-After", Integer.toString(seconds)).body("slow down")
        .build();
  }

  public static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).body("no").build();
  }

  /** Holds the next delivery open (recorded, not answered) until {@link #release()}. */
  public void holdNext() {
    held.arm();
  }

  public boolean awaitHeld(Duration timeout) throws InterruptedException {
    return held.awaitReached(timeout);
  }

  public void release() {
    held.release();
  }

  /** Every delivery, in the order they arrived. */
  public List<Delivery> deliveries() {
    return new ArrayList<>(deliveries);
  }

  /** The deliveries answered 2xx, in order, each id once (as a receiver that drops repeats keeps them). */
  public List<Delivery> accepted() {
    List<Delivery> out = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (Delivery d : deliveries) {
      if (d.answered() / 100 == 2 && !ids.contains(d.id())) {
        ids.add(d.id());
        out.add(d);
      }
    }
    return out;
  }

  private MockResponse answer(RecordedRequest request) {
    String id = request.getHeaders().get("webhook-id");
    String ts = request.getHeaders().get("webhook-timestamp");
    String signatures = request.getHeaders().get("webhook-signature");
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    boolean verified = verify(id, ts, signatures, body);
    long timestamp = ts != null && ts.matches("\\d{1,12}") ? Long.parseLong(ts) : -1;
    if (held.holdIfArmed(() -> deliveries.add(new Delivery(id, timestamp, signatures, body, verified, 0)))) {
      return status(503);
    }
    MockResponse response;
    if (!verified) {
      response = status(401);
    } else if (!failures.isEmpty()) {
      response = failures.remove(0);
    } else {
      response = new MockResponse.Builder().code(204).build();
      if (seen.putIfAbsent(id, true) == null) {
        accepted.incrementAndGet();
      }
    }
    deliveries.add(new Delivery(id, timestamp, signatures, body, verified, response.getCode()));
    return response;
  }

  private boolean verify(String id, String ts, String signatures, String body) {
    if (id == null || ts == null || signatures == null || !ts.matches("\\d{1,12}")) {
      return false;
    }
    long age = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(ts));
    if (age > TOLERANCE.toSeconds()) {
      return false;
    }
    byte[] expected;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      expected = mac.doFinal((id + "." + ts + "." + body).getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    for (String signature : signatures.split(" ")) {
      if (signature.startsWith("v1,")) {
        byte[] given;
        try {
          given = Base64.getDecoder().decode(signature.substring(3));
        } catch (IllegalArgumentException e) {
          continue;
        }
        if (MessageDigest.isEqual(expected, given)) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public void close() {
    release();
    server.close();
  }
}
