package dev.candor.slack.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.candor.jobs.RetryLater;
import dev.candor.testing.FakeSlack;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A person's time zone, asked by the weekly digest's job through a gateway that never waits. */
class UserZonesTest {
  final FakeSlack fake = new FakeSlack();
  final UserZones zones;

  UserZonesTest() {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(fake.apiUrl());
    config.setStatsEnabled(false);
    zones = new UserZones(new SlackGateway(Slack.getInstance(config).methods("xoxb-test")).once());
  }

  @AfterEach
  void close() {
    fake.close();
  }

  private static MockResponse rateLimited(int seconds) {
    return new MockResponse.Builder().code(429).addHeader("Retry-After", Integer.toString(seconds))
        .addHeader("Content-Type", "application/json").body("{\"ok\":false,\"error\":\"ratelimited\"}").build();
  }

  @Test
  void aRateLimit_putsTheJobOff_forItsRetryAfter_asSlackSaid() {
    fake.script("users.info", rateLimited(120));
    RetryLater longer = assertThrows(RetryLater.class, () -> zones.of("UBOB"));
    assertEquals(Duration.ofSeconds(120), longer.after());
    assertTrue(longer.told());
    fake.script("users.info", rateLimited(5));
    RetryLater shorter = assertThrows(RetryLater.class, () -> zones.of("UBOB"));
    assertEquals(Duration.ofSeconds(5), shorter.after());
    assertTrue(shorter.told(), "Slack said when: no backoff on top of it");
    assertEquals(2, fake.calls("users.info").size(), "one attempt each, never waited out within the call");
  }

  @Test
  void theZoneSlackSays_orUtcForSomeoneItDoesNotKnow() {
    assertEquals(ZoneId.of("Europe/Berlin"), zones.of("UBOB"));
    fake.removeUser("UGONE");
    assertEquals(ZoneOffset.UTC, zones.of("UGONE"));
  }
}
