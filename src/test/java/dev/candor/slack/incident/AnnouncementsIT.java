package dev.candor.slack.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobStore;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcJobStore;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Announcements through the real server, on a clock the test moves: a burst of 429s and 5xx, each waited out by
 * the job's retry (never within a call), still gets a change announced, once; quick changes read in the order they were made,
 * even while the first one's post is being retried. Jobs are polled every second; the clock jumps.
 */
class AnnouncementsIT {
  static final Map<String, String> ENV = Map.of("CANDOR_JOBS_POLL", "1s", "CANDOR_STATUS_REMINDER", "3650d",
      "INCIDENTS_CHANNEL", "CINCIDENTS");
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
    slack.addChannel("CINCIDENTS", "incidents", false, true).keepsPosts = true;
    candor.requests.command("UALICE", "CGENERAL", "declare checkout errors sev2");
    channel = slack.await("conversations.invite").param("channel");
    var incident = new JdbcIncidentRepository(candor.candor.database().dataSource()).byChannel(channel).orElseThrow();
    queue = "announce:" + incident.id().value() + ":";
    await(() -> said("declared").size() == 1 && allDone(), "the opening message, its job done");
  }

  @AfterEach
  void stop() {
    candor.close();
  }

  /** The incident's announcement jobs. */
  List<JobStore.Entry> jobs() {
    return new JdbcJobStore(candor.candor.database().dataSource(), clock).list(queue);
  }

  JobStore.Entry jobSaying(String words) {
    var found = jobs().stream().filter(j -> j.payload().contains(words)).toList();
    assertEquals(1, found.size(), "one announcement job saying \"" + words + "\": " + found);
    return found.get(0);
  }

  boolean allDone() {
    return jobs().stream().allMatch(j -> j.status() == Job.Status.DONE);
  }

  /** The incident channel's messages whose text contains {@code words}, oldest first. */
  List<ObjectNode> said(String words) {
    return slack.channel(channel).history.stream().filter(m -> m.path("text").asText().contains(words)).toList();
  }

  /** Where in the incident channel's history the message saying {@code words} is. */
  int position(String words) {
    List<ObjectNode> history = slack.channel(channel).history;
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i).path("text").asText().contains(words)) {
        return i;
      }
    }
    throw new AssertionError("nothing in " + channel + " says \"" + words + "\":\n" + slack.describe());
  }

  long postsSaying(String words) {
    return slack.calls("chat.postMessage").stream()
        .filter(c -> channel.equals(c.param("channel")) && c.param("text").contains(words)).count();
  }

  void command(String user, String text) {
    assertEquals("", candor.requests.command(user, channel, text).body(), "acked without a word: " + text);
  }

  static void await(BooleanSupplier done, String what) {
    Eventually.await(done, what);
  }

  /**
   * Lets the job runner look at least twice at the clock's present time, each time running everything due and
   * finding nothing more: woken, not waited out.
   */
  void letItPoll() {
    candor.awaitJobsIdle();
    candor.awaitJobsIdle();
  }

  private static MockResponse rateLimited() {
    return new MockResponse.Builder().code(429).addHeader("Retry-After", "1")
        .addHeader("Content-Type", "application/json").body("{\"ok\":false,\"error\":\"ratelimited\"}").build();
  }

  /**
   * Prints (and keeps in target/announce-latency.txt) how long after its command was sent each status update
   * is posted in the channel, over 30 updates one after another (after 5 to warm up).
   */
  @Test
  void eachChange_isAnnouncedPromptly_afterItsCommand() throws Exception {
    List<Long> nanos = new ArrayList<>();
    List<Long> afterAck = new ArrayList<>();
    for (int i = 0; i < 35; i++) {
      String words = "step " + i + " done.";
      long sent = System.nanoTime();
      command("UBOB", "status " + words);
      long acked = System.nanoTime();
      slack.await("chat.postMessage", c -> channel.equals(c.param("channel")) && c.param("text").endsWith(words));
      if (i >= 5) {
        nanos.add(System.nanoTime() - sent);
        afterAck.add(System.nanoTime() - acked);
      }
    }
    await(this::allDone, "every announcement job done");
    assertEquals(35, slack.calls("chat.postMessage").stream()
        .filter(c -> channel.equals(c.param("channel")) && c.param("text").contains("step ")).count(), "each once");
    Collections.sort(nanos);
    Collections.sort(afterAck);
    String line = String.format(Locale.ROOT,
        "status update posted after its command was sent: n=%d, median=%.1f ms, p95=%.1f ms, worst=%.1f ms;"
        + " after its ack: median=%.1f ms, p95=%.1f ms",
        nanos.size(), nanos.get(nanos.size() / 2) / 1e6, nanos.get((int) (nanos.size() * 0.95)) / 1e6,
        nanos.get(nanos.size() - 1) / 1e6, afterAck.get(afterAck.size() / 2) / 1e6,
        afterAck.get((int) (afterAck.size() * 0.95)) / 1e6);
    System.out.println(line);
    Files.writeString(Path.of("target", "announce-latency.txt"), line + System.lineSeparator());
  }

  @Test
  void aBurstOf429sAnd5xx_isWaitedOutByTheJobsRetries_notWithinACall_andTheChangeIsAnnouncedOnce() throws Exception {
    slack.script("chat.postMessage", rateLimited()); // the first run: one attempt, the 429 not waited out in it
    slack.script("chat.postMessage", FakeSlack.json(503, "{}")); // the second run
    slack.script("chat.postMessage", FakeSlack.json(502, "{}")); // the third

    command("UBOB", "status identified the cache node is saturated");

    for (int run = 1; run <= 3; run++) {
      int failed = run;
      Instant failedAt = clock.instant();
      await(() -> jobSaying("cache node").attempts() == failed, "failed run " + run);
      JobStore.Entry retried = jobSaying("cache node");
      assertEquals(Job.Status.PENDING, retried.status());
      assertEquals(List.of(), said("cache node"), "not announced yet, after run " + run);
      assertEquals(run, postsSaying("cache node"), "one attempt a run");
      assertFalse(retried.runAt().isBefore(failedAt.plusSeconds(1)), "no sooner than Retry-After: " + retried);
      clock.set(retried.runAt());
    }
    await(() -> jobSaying("cache node").status() == Job.Status.DONE, "the announcement, after the burst");
    letItPoll();

    assertEquals(1, said("cache node").size());
    assertEquals(1, slack.channel(channel).fromJob(jobSaying("cache node").key()).size(), "marked with its job");
    assertEquals(4, postsSaying("cache node"), "one attempt a run: three that failed, then the one that went out");
    assertTrue(slack.channel(channel).topic.startsWith("Identified · SEV2"), slack.channel(channel).topic);
  }

  @Test
  void aRetriedAnnouncement_inABusyChannel_findsItsPostBehind300LaterMessages_andPostsItOnce() {
    slack.useClock(clock); // Slack stamps its messages on the test's clock
    // Slack posts it, but the answer is lost on its way back: the job is retried, not knowing it went out
    slack.failAfterActing("chat.postMessage", c -> channel.equals(c.param("channel"))
        && c.param("text").contains("cache node"), FakeSlack.json(502, "{}"));
    command("UBOB", "status identified the cache node is saturated");
    await(() -> jobSaying("cache node").attempts() == 1, "the run whose answer was lost");
    assertEquals(1, said("cache node").size(), "Slack has it");
    long now = clock.instant().getEpochSecond();
    for (int i = 0; i < 300; i++) {
      slack.channel(channel).say(now + 1 + i + ".000100", "UALICE", "busy channel, message " + i);
    }
    int readsBefore = slack.calls("conversations.history").size();

    clock.set(jobSaying("cache node").runAt());
    await(() -> jobSaying("cache node").status() == Job.Status.DONE, "the retried announcement");
    letItPoll();

    assertEquals(1, said("cache node").size(), "posted once: " + slack.describe());
    assertEquals(1, postsSaying("cache node"));
    List<FakeSlack.Call> reads = slack.calls("conversations.history").stream().skip(readsBefore)
        .filter(c -> channel.equals(c.param("channel"))).toList();
    assertEquals(2, reads.size(), "its post is the 301st newest: on the second page of 200");
    assertTrue(reads.get(1).param("cursor") != null && !reads.get(1).param("cursor").isEmpty());
  }

  @Test
  void quickChanges_arePostedInTheOrderTheyWereMade() {
    command("UBOB", "status identified the cache node is saturated");
    command("UBOB", "sev 1");
    command("UALICE", "role commander <@UBOB|bob>");
    command("UBOB", "title Checkout down in the EU");

    await(() -> said("renamed the incident").size() == 1 && allDone(), "all four announced");

    List<Integer> positions = List.of(position("cache node"), position("set severity to *SEV1*"),
        position("made <@UBOB> *commander*"), position("renamed the incident"));
    assertEquals(positions.stream().sorted().toList(), positions, "in the order made: " + slack.describe());
    assertTrue(slack.channel(channel).topic.startsWith("Identified · SEV1 · Commander: <@UBOB>"),
        slack.channel(channel).topic);
  }

  @Test
  void aSecondQuickChange_waitsForTheFirst_whileItsPostIsRetried() throws Exception {
    slack.script("chat.postMessage", FakeSlack.json(503, "{}"));

    command("UBOB", "status identified the cache node is saturated");
    command("UBOB", "sev 1");

    await(() -> jobSaying("cache node").attempts() == 1, "the status announcement's first run, which met a 503");
    letItPoll();
    assertEquals(0, postsSaying("set severity"), "the severity change is not announced before the status update");
    assertEquals(Job.Status.PENDING, jobSaying("set severity").status());

    clock.set(jobSaying("cache node").runAt());
    await(() -> said("set severity").size() == 1 && allDone(), "both announced, their topics set");

    assertTrue(position("cache node") < position("set severity"), slack.describe());
    assertEquals(1, said("cache node").size());
    assertTrue(slack.channel(channel).topic.startsWith("Identified · SEV1"), slack.channel(channel).topic);
  }
}
