package dev.candor.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.store.JdbcIncidentRepository;
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
 * A long Slack outage loses no announcement: through the real server, Slack answers an incident channel's
 * announcement with 503s and 429s for 14 runs in a row (the job once failed for good after 8, about an hour), over
 * hours of a clock the test moves; then it recovers, and the announcement is posted once, with the one queued
 * behind it after it.
 */
class LongOutageIT {
  static final Map<String, String> ENV = Map.of("CANDOR_JOBS_POLL", "1s", "CANDOR_STATUS_REMINDER", "3650d");
  static final int FAILED_RUNS = 14;
  @TempDir Path dir;
  TestClock clock = TestClock.at("2026-12-01T12:00:00Z");
  RunningCandor candor;
  FakeSlack slack;
  String channel;
  String queue;

  @BeforeEach
  void start() {
    candor = RunningCandor.start(dir, ENV, clock);
    slack = candor.slack;
    slack.keepPostsInNewChannels();
    slack.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
    candor.requests.command("UALICE", "CGENERAL", "declare checkout errors sev2");
    channel = slack.await("conversations.invite").param("channel");
    var incident = new JdbcIncidentRepository(candor.candor.database().dataSource()).byChannel(channel).orElseThrow();
    queue = "announce:" + incident.id().value() + ":";
    Eventually.await(() -> said("declared").size() == 1 && jobs().stream()
        .allMatch(j -> j.status() == Job.Status.DONE), "the opening message, its job done");
  }

  @AfterEach
  void stop() {
    candor.close();
  }

  List<JobStore.Entry> jobs() {
    return new JdbcJobStore(candor.candor.database().dataSource(), clock).list(queue);
  }

  JobStore.Entry jobSaying(String words) {
    var found = jobs().stream().filter(j -> j.payload().contains(words)).toList();
    assertEquals(1, found.size(), "one announcement job saying \"" + words + "\": " + found);
    return found.get(0);
  }

  List<String> said(String words) {
    return slack.channel(channel).history.stream().map(m -> m.path("text").asText())
        .filter(t -> t.contains(words)).toList();
  }

  long postsSaying(String words) {
    return slack.calls("chat.postMessage").stream()
        .filter(c -> channel.equals(c.param("channel")) && c.param("text").contains(words)).count();
  }

  private static MockResponse rateLimited() {
    return new MockResponse.Builder().code(429).addHeader("Retry-After", "1")
        .addHeader("Content-Type", "application/json").body("{\"ok\":false,\"error\":\"ratelimited\"}").build();
  }

  @Test
  void anOutageLongerThanTheOldEightAttempts_stillGetsTheChangeAnnouncedOnce_andTheNextAfterIt() {
    for (int run = 1; run <= FAILED_RUNS; run++) {
      if (run == FAILED_RUNS) { // the last run meets a 429: one attempt, waited out by the job's retry
        slack.script("chat.postMessage", c -> channel.equals(c.param("channel")), rateLimited());
      } else {
        slack.script("chat.postMessage", c -> channel.equals(c.param("channel")), FakeSlack.json(503, "{}"));
      }
    }
    Instant outageBegan = clock.instant();
    assertEquals("", candor.requests.command("UBOB", channel, "status identified the cache node is saturated").body());
    assertEquals("", candor.requests.command("UBOB", channel, "status monitoring the new cache node").body());

    for (int run = 1; run <= FAILED_RUNS; run++) {
      int failed = run;
      Eventually.await(() -> jobSaying("is saturated").attempts() == failed, "failed run " + run);
      JobStore.Entry retried = jobSaying("is saturated");
      assertEquals(Job.Status.PENDING, retried.status(), "still to be sent after failed run " + run);
      assertEquals(List.of(), said("is saturated"));
      assertEquals(List.of(), said("new cache node"), "the next waits behind it");
      clock.set(retried.runAt());
    }
    Duration outage = Duration.between(outageBegan, clock.instant());
    Eventually.await(() -> jobSaying("is saturated").status() == Job.Status.DONE
        && jobSaying("new cache node").status() == Job.Status.DONE, "both announcements, after the outage");
    candor.awaitJobsIdle();
    candor.awaitJobsIdle();
    System.out.printf("LongOutageIT: %d failed runs over %s of Slack outage, then delivered once%n", FAILED_RUNS,
        outage);

    assertTrue(outage.compareTo(Duration.ofHours(5)) > 0, "hours of outage, not minutes: " + outage);
    assertEquals(1, said("is saturated").size(), "announced once");
    assertEquals(1, slack.channel(channel).fromJob(jobSaying("is saturated").key()).size(), "marked with its job");
    assertEquals(FAILED_RUNS + 1, postsSaying("is saturated"), "one post a run, the rate-limited one too");
    List<String> history = slack.channel(channel).history.stream().map(m -> m.path("text").asText()).toList();
    int first = indexOf(history, "is saturated");
    int second = indexOf(history, "new cache node");
    assertTrue(first >= 0 && first < second, "in the order they were made: " + history);
  }

  private static int indexOf(List<String> texts, String words) {
    for (int i = 0; i < texts.size(); i++) {
      if (texts.get(i).contains(words)) {
        return i;
      }
    }
    return -1;
  }
}
