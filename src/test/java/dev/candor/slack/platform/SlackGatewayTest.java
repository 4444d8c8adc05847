package dev.candor.slack.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.candor.jobs.RetryLater;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.fakes.InMemorySendLog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries against a fake Slack that answers 429 and 5xx the way Slack does. */
class SlackGatewayTest {
  final FakeSlack fake = new FakeSlack();
  final List<Duration> waits = new ArrayList<>();

  @AfterEach
  void close() {
    fake.close();
  }

  private SlackGateway gateway(int attempts) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(fake.apiUrl());
    config.setStatsEnabled(false);
    return new SlackGateway(Slack.getInstance(config).methods("xoxb-test"), waits::add, attempts);
  }

  private static MockResponse rateLimited(String retryAfter) {
    return new MockResponse.Builder().code(429).addHeader("Retry-After", retryAfter)
        .addHeader("Content-Type", "application/json").body("{\"ok\":false,\"error\":\"ratelimited\"}").build();
  }

  private void post(SlackGateway gateway) {
    gateway.call("chat.postMessage", c -> c.chatPostMessage(r -> r.channel("C1").text("hello")));
  }

  @Test
  void aBurstOf429s_waitsForRetryAfter_thenSucceeds() {
    fake.script("chat.postMessage", rateLimited("3"));
    fake.script("chat.postMessage", rateLimited("1"));
    post(gateway(4));
    assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(1)), waits);
    assertEquals(3, fake.calls("chat.postMessage").size());
  }

  @Test
  void serverErrors_areRetriedWithGrowingBackoff() {
    fake.script("chat.postMessage", FakeSlack.json(503, "{}"));
    fake.script("chat.postMessage", FakeSlack.json(500, "{}"));
    post(gateway(4));
    assertEquals(2, waits.size());
    assertEquals(true, waits.get(1).compareTo(waits.get(0)) > 0, waits.toString());
  }

  @Test
  void givingUp_afterTheLastAttempt_namesTheMethodAndError() {
    for (int i = 0; i < 4; i++) {
      fake.script("chat.postMessage", rateLimited("1"));
    }
    SlackCallFailed e = assertThrows(SlackCallFailed.class, () -> post(gateway(4)));
    assertEquals("chat.postMessage", e.method());
    assertEquals("ratelimited", e.error());
    assertEquals(4, fake.calls("chat.postMessage").size());
  }

  @Test
  void okFalse_isNotRetried_andBecomesOneSlackCallFailed() {
    fake.script("chat.postMessage", FakeSlack.error("channel_not_found"));
    SlackCallFailed e = assertThrows(SlackCallFailed.class, () -> post(gateway(4)));
    assertEquals("channel_not_found", e.error());
    assertEquals(1, fake.calls("chat.postMessage").size());
    assertEquals(List.of(), waits);
  }

  @Test
  void aRetryAfterLongerThanMaxWait_isNotWaitedHere_butCarriedToTheCaller() {
    fake.script("chat.postMessage", rateLimited("3600"));
    SlackCallFailed e = assertThrows(SlackCallFailed.class, () -> post(gateway(4)));
    assertEquals("ratelimited", e.error());
    assertEquals(Optional.of(Duration.ofSeconds(3600)), e.retryAfter(), "as Slack said it, not capped");
    assertEquals(1, fake.calls("chat.postMessage").size(), "not retried sooner than Slack asked");
    assertEquals(List.of(), waits);
    assertEquals(Duration.ofSeconds(3600), SlackGateway.retryAfter("3600"));
    assertEquals(Duration.ofSeconds(1), SlackGateway.retryAfter("soon"));
  }

  @Test
  void theLast429_carriesItsRetryAfter() {
    fake.script("chat.postMessage", rateLimited("7"));
    SlackCallFailed e = assertThrows(SlackCallFailed.class, () -> post(gateway(1)));
    assertEquals(Optional.of(Duration.ofSeconds(7)), e.retryAfter());
  }

  @Test
  void a429WithoutARetryAfter_carriesNone_soTheJobWaitsItsOwnWhile_notASecond() {
    fake.script("chat.postMessage", new MockResponse.Builder().code(429).addHeader("Content-Type", "application/json")
        .body("{\"ok\":false,\"error\":\"ratelimited\"}").build());
    SlackCallFailed e = assertThrows(SlackCallFailed.class, () -> post(gateway(4).once()));
    assertEquals("ratelimited", e.error());
    assertEquals(Optional.empty(), e.retryAfter());
    RetryLater later = SlackJobMessages.rateLimited(e, e.getMessage());
    assertEquals(SlackJobMessages.AFTER_RATE_LIMIT, later.after());
    assertFalse(later.told(), "Slack told nothing: the backoff holds too");
  }

  @Test
  void once_neverWaits_aShort429_a5xxNorALostAnswer_andCarriesTheRetryAfterToTheJob() {
    SlackGateway jobs = gateway(4).once();
    assertTrue(jobs.neverWaits());
    assertFalse(gateway(4).neverWaits());
    fake.script("chat.postMessage", rateLimited("2"));
    SlackCallFailed limited = assertThrows(SlackCallFailed.class, () -> post(jobs));
    assertEquals("ratelimited", limited.error());
    assertEquals(Optional.of(Duration.ofSeconds(2)), limited.retryAfter(), "for the job's retry to wait out");
    assertEquals(1, fake.calls("chat.postMessage").size());

    fake.script("chat.postMessage", FakeSlack.json(503, "{}"));
    SlackCallFailed e = assertThrows(SlackCallFailed.class, () -> post(jobs));
    assertEquals("http_503", e.error());
    assertEquals(2, fake.calls("chat.postMessage").size(), "one attempt: Slack may have posted it");

    fake.failAfterActing("chat.postMessage", c -> true, FakeSlack.json(502, "{}"));
    assertThrows(SlackCallFailed.class, () -> post(jobs));
    assertEquals(3, fake.calls("chat.postMessage").size(), "a lost answer is not posted again");
    assertEquals(List.of(), waits, "never waited");
  }

  @Test
  void aJobsGateway_mustBeOneThatNeverWaits() {
    SlackGateway waiting = gateway(4);
    SlackInfrastructure.ForJobs forJobs = SlackInfrastructure.ForJobs.over(waiting, new OkHttpClient(),
        new InMemorySendLog(), Clock.systemUTC());
    assertTrue(forJobs.gateway().neverWaits());
    assertThrows(IllegalArgumentException.class, () -> new SlackInfrastructure.ForJobs(waiting, forJobs.messages(),
        forJobs.files()));
  }

  @Test
  void briefly_waitsOutOnlyAShortRetryAfter_once_andCarriesALongerOneToTheCaller() {
    fake.addChannel("C1", "incident", false, true, "U1");
    SlackGateway nudges = gateway(4).briefly();
    fake.script("chat.postEphemeral", rateLimited("2"));
    nudges.call("chat.postEphemeral", c -> c.chatPostEphemeral(r -> r.channel("C1").user("U1").text("hi")));
    assertEquals(List.of(Duration.ofSeconds(2)), waits);
    assertEquals(2, fake.calls("chat.postEphemeral").size());

    fake.script("chat.postEphemeral", rateLimited("3"));
    SlackCallFailed e = assertThrows(SlackCallFailed.class,
        () -> nudges.call("chat.postEphemeral", c -> c.chatPostEphemeral(r -> r.channel("C1").user("U1").text("hi"))));
    assertEquals(Optional.of(Duration.ofSeconds(3)), e.retryAfter());
    assertEquals(3, fake.calls("chat.postEphemeral").size(), "not waited for");

    fake.script("chat.postEphemeral", rateLimited("1"));
    fake.script("chat.postEphemeral", rateLimited("1"));
    assertThrows(SlackCallFailed.class,
        () -> nudges.call("chat.postEphemeral", c -> c.chatPostEphemeral(r -> r.channel("C1").user("U1").text("hi"))));
    assertEquals(5, fake.calls("chat.postEphemeral").size(), "two attempts at most");
    assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(1)), waits, "never more than 2 s a wait");
  }

  @Test
  void withinAck_makesOneAttemptOnly() {
    fake.script("chat.postMessage", rateLimited("1"));
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(fake.apiUrl());
    config.setStatsEnabled(false);
    SlackGateway once = SlackGateway.withinAck(Slack.getInstance(config).methods("xoxb-test"));
    assertThrows(SlackCallFailed.class, () -> post(once));
    assertEquals(1, fake.calls("chat.postMessage").size());
  }
}
