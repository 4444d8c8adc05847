package dev.candor.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.app_backend.SlackSignature;
import dev.candor.testing.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignedRequestsTest {
  final TestClock clock = TestClock.at("2026-03-14T10:00:00Z");
  final SignedRequests signed = new SignedRequests("secret", clock);
  final SlackSignature.Generator slack = new SlackSignature.Generator("secret");

  private String at(Duration offset) {
    return Long.toString(clock.millis() / 1000 + offset.toSeconds());
  }

  @Test
  void aTimestampWithinFiveMinutesEitherWay_isAccepted_andOneBeyondIsNot() {
    for (Duration ok : new Duration[] {Duration.ZERO, Duration.ofMinutes(5), Duration.ofMinutes(-5)}) {
      String ts = at(ok);
      assertTrue(signed.isValid(ts, "body", slack.generate(ts, "body")), ok.toString());
    }
    for (Duration bad : new Duration[] {Duration.ofSeconds(301), Duration.ofSeconds(-301), Duration.ofDays(3650)}) {
      String ts = at(bad);
      assertFalse(signed.isValid(ts, "body", slack.generate(ts, "body")), bad.toString());
    }
    assertFalse(signed.isValid("soon", "body", slack.generate("soon", "body")));
    assertFalse(signed.isValid(at(Duration.ZERO), "body", null));
  }

  @Test
  void aSignature_isFirstSeenOnce_untilItsWindowHasPassed_andThenForgotten() {
    String ts = at(Duration.ZERO);
    assertTrue(signed.firstSeen(ts, "v0=a"));
    assertFalse(signed.firstSeen(ts, "v0=a"));
    assertTrue(signed.firstSeen(ts, "v0=b"));
    clock.advance(Duration.ofMinutes(5).plusSeconds(2));
    assertTrue(signed.firstSeen(at(Duration.ZERO), "v0=c"));
    assertEquals(1, signed.remembered(), "the expired signatures are forgotten");
  }

  @Test
  void theMemory_isCapped() {
    String ts = at(Duration.ZERO);
    for (int i = 0; i < SignedRequests.MAX_REMEMBERED + 10; i++) {
      signed.firstSeen(ts, "v0=" + i);
    }
    assertEquals(SignedRequests.MAX_REMEMBERED, signed.remembered());
  }
}
