package dev.candor.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.store.JdbcJobStore;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hard rule, end to end through the real server: a job never sleeps on Slack. While a follow-up owner's DM is
 * rate limited with a Retry-After of 20 s (which the old waiting gateway slept through on the job runner's one
 * thread), the incident card's edit and the announcement's topic, jobs calling other methods, still go out within
 * seconds of real time; the DM goes out after its Retry-After by the test's clock, once.
 */
class RateLimitedJobsIT {
  static final Map<String, String> ENV = Map.of("CANDOR_JOBS_POLL", "1s", "CANDOR_STATUS_REMINDER", "3650d");
  /** Well under the 20 s Retry-After the runner would have slept through. */
  static final Duration PROMPTLY = Duration.ofSeconds(8);
  @TempDir Path dir;
  TestClock clock = TestClock.at("2026-12-01T12:00:00Z");
  RunningCandor candor;
  FakeSlack slack;
  String channel;

  @BeforeEach
  void start() {
    candor = RunningCandor.start(dir, ENV, clock);
    slack = candor.slack;
    slack.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
    List.of("UALICE", "UBOB").forEach(slack::dm);
    candor.requests.command("UALICE", "CGENERAL", "declare checkout errors sev2");
    channel = slack.await("conversations.invite").param("channel");
    slack.channel(channel).members.add("UBOB");
    slack.await("pins.add", c -> channel.equals(c.param("channel")));
    candor.awaitJobsIdle();
  }

  @AfterEach
  void stop() {
    candor.close();
  }

  List<FakeSlack.Call> ownerDms() {
    return slack.calls("chat.postMessage").stream()
        .filter(c -> "DUBOB".equals(c.param("channel")) && c.param("text").contains("fix the pool")).toList();
  }

  JobStore.Entry assignmentJob() {
    var found = new JdbcJobStore(candor.candor.database().dataSource(), clock).list("followup:").stream()
        .filter(j -> j.kind().equals("followup.assigned")).toList();
    assertEquals(1, found.size(), found.toString());
    return found.get(0);
  }

  @Test
  void aDmRateLimitedFor20s_holdsUpNoOtherJob_andGoesOutOnceAfterItsRetryAfter() {
    slack.script("chat.postMessage", c -> "DUBOB".equals(c.param("channel")), new MockResponse.Builder()
        .code(429).addHeader("Retry-After", "20").addHeader("Content-Type", "application/json")
        .body("{\"ok\":false,\"error\":\"ratelimited\"}").build());
    assertEquals("", candor.requests.command("UALICE", channel, "followup <@UBOB|bob> tomorrow fix the pool").body());
    slack.await("chat.postMessage", c -> "DUBOB".equals(c.param("channel")));
    Instant limitedAt = clock.instant();

    // while the DM waits out its limit, a change: its announcement (the topic) and the card's edit are jobs too
    long began = System.nanoTime();
    assertEquals("", candor.requests.command("UBOB", channel, "sev 1").body());
    slack.await("conversations.setTopic", c -> channel.equals(c.param("channel")) && c.param("topic").contains("SEV1"),
        PROMPTLY);
    clock.advance(Duration.ofSeconds(1)); // the card is edited a second after a change
    slack.await("chat.update", c -> channel.equals(c.param("channel")) && c.json("blocks").contains("SEV1"),
        PROMPTLY);
    Duration took = Duration.ofNanos(System.nanoTime() - began);
    System.out.printf("RateLimitedJobsIT: the topic and the card's edit went out %d ms after the change, while a DM"
        + " was rate limited for 20 s%n", took.toMillis());
    assertTrue(took.compareTo(PROMPTLY) < 0, "not held behind the rate-limited DM: " + took);

    JobStore.Entry limited = assignmentJob();
    assertEquals(Job.Status.PENDING, limited.status());
    assertEquals(1, limited.attempts());
    assertTrue(limited.lastError().contains("ratelimited"), limited.lastError());
    assertFalse(limited.runAt().isBefore(limitedAt.plusSeconds(20)), "no sooner than Retry-After: " + limited);
    assertEquals(1, ownerDms().size(), "one attempt, not waited out and tried again within the run");

    clock.set(limited.runAt().minusSeconds(1));
    candor.awaitJobsIdle();
    assertEquals(1, ownerDms().size(), "not before its time");
    clock.set(limited.runAt());
    Eventually.await(() -> assignmentJob().status() == Job.Status.DONE, "the DM, after its Retry-After");
    candor.awaitJobsIdle();
    candor.awaitJobsIdle();
    assertEquals(2, ownerDms().size(), "the rate-limited attempt, then the one that went out");
    assertEquals(1, slack.channel("DUBOB").history.stream()
        .filter(m -> m.path("text").asText().contains("fix the pool")).count(), "in Bob's DM once");
  }
}
