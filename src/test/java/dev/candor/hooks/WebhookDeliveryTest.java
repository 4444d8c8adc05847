package dev.candor.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.jobs.Job;
import dev.candor.jobs.RetryLater;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Signing as the Standard Webhooks spec's own test vector, and what each answer means for the job. */
class WebhookDeliveryTest {
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_614_265_330), ZoneOffset.UTC);
  static final byte[] KEY = Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  final List<Map<String, String>> sent = new ArrayList<>();

  @Test
  void signing_matchesTheSpecsTestVector() {
    assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        new WebhookSigner(KEY).sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1_614_265_330, "{\"test\": 2432232314}"));
  }

  WebhookDelivery answering(WebhookTransport.Answer answer) {
    return new WebhookDelivery((url, headers, body) -> {
      sent.add(headers);
      return answer;
    }, new WebhookSigner(KEY), CLOCK);
  }

  static Job job() {
    String payload = new Delivery(URI.create("https://hooks.example.com/in?token=abc"), "msg_p5jXN8AQM9LWM0D4loKWxJek",
        "{\"test\": 2432232314}").toJson();
    return new Job(1, Webhooks.KIND, "webhook:1:x:msg_1", payload, CLOCK.instant(), 0, false, 1, "w");
  }

  static WebhookTransport.Answer answer(int status, Duration retryAfter) {
    return new WebhookTransport.Answer(status, Optional.ofNullable(retryAfter), "");
  }

  @Test
  void a2xx_delivers_withTheThreeHeaders() {
    answering(answer(200, null)).run(job());
    assertEquals(Map.of("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp", "1614265330",
        "webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="), sent.get(0));
  }

  @Test
  void a429_408_or5xx_isRetried_afterItsRetryAfter_atMostADay() {
    assertEquals(Duration.ofSeconds(90),
        assertThrows(RetryLater.class, () -> answering(answer(429, Duration.ofSeconds(90))).run(job())).after());
    assertEquals(Duration.ZERO, assertThrows(RetryLater.class, () -> answering(answer(408, null)).run(job())).after());
    assertEquals(Duration.ZERO, assertThrows(RetryLater.class, () -> answering(answer(502, null)).run(job())).after());
    assertEquals(Duration.ofDays(1),
        assertThrows(RetryLater.class, () -> answering(answer(503, Duration.ofDays(9))).run(job())).after());
  }

  @Test
  void noAnswer_isRetried() {
    WebhookDelivery delivery = new WebhookDelivery((url, headers, body) -> {
      throw new IOException("timeout");
    }, new WebhookSigner(KEY), CLOCK);
    assertThrows(RetryLater.class, () -> delivery.run(job()));
  }

  @Test
  void another4xx_isGivenUp_sayingWhereButNotTheQuery() {
    WebhookRefused refused = assertThrows(WebhookRefused.class, () -> answering(answer(410, null)).run(job()));
    assertTrue(refused.getMessage().contains("https://hooks.example.com/in was refused with 410"), refused.getMessage());
    assertTrue(!refused.getMessage().contains("token"), refused.getMessage());
  }
}
