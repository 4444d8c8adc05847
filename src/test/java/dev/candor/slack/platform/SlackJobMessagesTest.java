package dev.candor.slack.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.composition.BlockCompositions;
import dev.candor.jobs.Job;
import dev.candor.jobs.RetryLater;
import dev.candor.slack.platform.SlackJobMessages.Delivery;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.fakes.InMemorySendLog;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sending a job's message once, against a fake Slack that keeps the DM's history. */
class SlackJobMessagesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T0 = Instant.parse("2024-03-10T09:00:00Z");
  static final String DM = "DALICE";
  static final SlackMessage REMINDER = new SlackMessage("Follow-up due in 2 days: rotate the keys",
      List.of(Blocks.section(s -> s.text(BlockCompositions.markdownText("*Follow-up due in 2 days*")))));

  static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  final InMemorySendLog sends = new InMemorySendLog();
  final FakeSlack fake = new FakeSlack();
  final FakeSlack.Channel dm = fake.addChannel(DM, "alice", true, true, "UALICE");
  final SlackJobMessages messages = new SlackJobMessages(gateway(1), sends, CLOCK);

  @AfterEach
  void close() {
    fake.close();
  }

  private SlackGateway gateway(int attempts) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(fake.apiUrl());
    config.setStatsEnabled(false);
    return new SlackGateway(Slack.getInstance(config).methods("xoxb-test"), d -> { }, attempts);
  }

  static Job job(String key, long generation, int attempts, boolean resumed) {
    return new Job(7, "remind", key, "{}", T0, attempts, resumed, generation, "runner-1");
  }

  /** What Slack would keep of a posted message: the message and its metadata, in the channel's history. */
  private void keepInHistory(FakeSlack.Call post, String ts) throws IOException {
    ObjectNode message = dm.say(ts, null, post.param("text"), "bot_id", "BCANDOR");
    message.remove("user");
    message.set("metadata", JSON.readTree(post.param("metadata")));
  }

  private static MockResponse rateLimited() {
    return new MockResponse.Builder().code(429).addHeader("Retry-After", "3")
        .addHeader("Content-Type", "application/json").body("{\"ok\":false,\"error\":\"ratelimited\"}").build();
  }

  @Test
  void aFreshJob_isPostedWithItsJobMetadata_withoutReadingHistory() throws IOException {
    Delivery delivery = messages.postOnce(job("followup:1:before", 3, 0, false), DM, REMINDER);

    FakeSlack.Call post = fake.await("chat.postMessage");
    JsonNode metadata = JSON.readTree(post.param("metadata"));
    assertEquals("candor_job", metadata.path("event_type").asText());
    assertEquals("followup:1:before", metadata.path("event_payload").path("job_id").asText());
    assertEquals("3", metadata.path("event_payload").path("job_run").asText());
    assertEquals(DM, post.param("channel"));
    assertEquals(REMINDER.text(), post.param("text"));
    assertTrue(post.json("blocks").contains("Follow-up due in 2 days"), post.param("blocks"));
    assertEquals(List.of(), fake.calls("conversations.history"));
    assertFalse(delivery.foundInHistory());
    assertEquals(DM, delivery.channel());
  }

  @Test
  void aResumedJob_whoseMessageIsAlreadyInTheDm_isNotSentAgain() throws IOException {
    Job job = job("followup:1:before", 3, 0, false);
    Delivery first = messages.postOnce(job, DM, REMINDER);
    keepInHistory(fake.await("chat.postMessage"), first.ts());
    dm.say("1710064900.000100", "UALICE", "thanks, on it");
    // the process died here, before the job was marked done; another run resumes it
    Job resumed = job("followup:1:before", 3, 1, true);

    Delivery again = messages.postOnce(resumed, DM, REMINDER);

    assertEquals(1, fake.calls("chat.postMessage").size(), fake.describe());
    assertTrue(again.foundInHistory());
    assertEquals(first.ts(), again.ts());
    FakeSlack.Call history = fake.await("conversations.history");
    assertEquals(DM, history.param("channel"));
    assertEquals("200", history.param("limit"));
    assertEquals(SlackJobMessages.slackTs(T0.minus(SlackJobMessages.CLOCK_SKEW)), history.param("oldest"),
        "from when the job began sending, less the clock skew");
    assertTrue(List.of("1", "true").contains(history.param("include_all_metadata")), history.params().toString());
  }

  @Test
  void aResumedJob_whoseMessageIsNotThere_isSent() throws IOException {
    messages.postOnce(job("followup:2:before", 3, 0, false), DM, REMINDER);
    keepInHistory(fake.await("chat.postMessage"), "1710064800.000100");
    messages.postOnce(job("followup:1:before", 2, 0, false), DM, REMINDER);
    keepInHistory(fake.calls("chat.postMessage").get(1), "1710064800.000200");

    // the same key's earlier generation and another job's message are not this run's message; the run that died
    // had begun sending this one (its request never reached Slack)
    sends.begin(job("followup:1:before", 3, 0, false), DM, T0);
    Delivery delivery = messages.postOnce(job("followup:1:before", 3, 1, true), DM, REMINDER);

    assertFalse(delivery.foundInHistory());
    assertEquals(3, fake.calls("chat.postMessage").size());
    assertEquals(1, fake.calls("conversations.history").size());
  }

  @Test
  void aRetriedJob_looksInHistoryToo_forARunThatSentAndThenFailed() throws IOException {
    Delivery first = messages.postOnce(job("digest:UALICE", 1, 0, false), DM, REMINDER);
    keepInHistory(fake.await("chat.postMessage"), first.ts());

    Delivery again = messages.postOnce(job("digest:UALICE", 1, 1, false), DM, REMINDER);

    assertTrue(again.foundInHistory());
    assertEquals(1, fake.calls("chat.postMessage").size());
  }

  @Test
  void alreadySent_answersFromTheDmHistory() throws IOException {
    Job job = job("followup:1:due", 1, 0, false);
    assertFalse(messages.alreadySent(job, DM));

    Delivery sent = messages.postOnce(job, DM, REMINDER);
    keepInHistory(fake.await("chat.postMessage"), sent.ts());

    assertTrue(messages.alreadySent(job, DM));
  }

  @Test
  void aRetriedJob_inABusyChannel_findsItsMessageBehind300LaterOnes_andDoesNotPostTwice() throws IOException {
    Job job = job("announce:9", 1, 0, false);
    Delivery first = messages.postOnce(job, DM, REMINDER);
    keepInHistory(fake.await("chat.postMessage"), first.ts());
    long after = Long.parseLong(first.ts().substring(0, first.ts().indexOf('.'))) + 1;
    for (int i = 0; i < 300; i++) {
      dm.say(after + i + ".000100", "UALICE", "a busy channel, message " + i);
    }

    Delivery again = messages.postOnce(job("announce:9", 1, 1, true), DM, REMINDER);

    assertTrue(again.foundInHistory(), fake.describe());
    assertEquals(first.ts(), again.ts());
    assertEquals(1, fake.calls("chat.postMessage").size(), "posted once");
    List<FakeSlack.Call> reads = fake.calls("conversations.history");
    assertEquals(2, reads.size(), "two pages of 200, the message on the second");
    assertEquals(reads.get(0).param("oldest"), reads.get(1).param("oldest"));
    assertTrue(reads.get(1).param("cursor") != null && !reads.get(1).param("cursor").isEmpty());
  }

  @Test
  void aRetriedJob_inABusyChannel_whoseMessageNeverWentOut_readsAllOfItsHistoryOnce_andPostsOnce() {
    Job job = job("announce:10", 1, 0, false);
    fake.script("chat.postMessage", FakeSlack.json(503, "{}")); // never reached Slack
    assertThrows(RetryLater.class, () -> messages.postOnce(job, DM, REMINDER));
    long begun = T0.getEpochSecond();
    dm.say(begun - 3600 + ".000100", "UALICE", "from before the job: not read");
    for (int i = 0; i < 450; i++) {
      dm.say(begun + i + ".000100", "UALICE", "a busy channel, message " + i);
    }

    Delivery retried = messages.postOnce(job("announce:10", 1, 1, false), DM, REMINDER);

    assertFalse(retried.foundInHistory());
    assertEquals(2, fake.calls("chat.postMessage").size(), "the one that never went out, then the retry");
    assertEquals(3, fake.calls("conversations.history").size(), "450 messages since it began: three pages, no more");
  }

  @Test
  void aResumedJob_thatNeverBeganSending_readsNoHistory() {
    Delivery delivery = messages.postOnce(job("followup:5:due", 1, 1, true), DM, REMINDER);

    assertFalse(delivery.foundInHistory());
    assertEquals(List.of(), fake.calls("conversations.history"), "its run died before it began sending");
    assertEquals(1, fake.calls("chat.postMessage").size());
  }

  @Test
  void a429_becomesRetryLater() {
    fake.script("chat.postMessage", rateLimited());

    RetryLater e = assertThrows(RetryLater.class,
        () -> messages.postOnce(job("followup:1:due", 1, 0, false), DM, REMINDER));

    assertEquals(Duration.ofSeconds(3), e.after(), "the Retry-After Slack sent");
    assertTrue(e.told());
    assertEquals("chat.postMessage failed: ratelimited", e.why());
  }

  @Test
  void aLongRetryAfter_isHonouredByTheJob() {
    fake.script("chat.postMessage", new MockResponse.Builder().code(429).addHeader("Retry-After", "120")
        .addHeader("Content-Type", "application/json").body("{\"ok\":false,\"error\":\"ratelimited\"}").build());
    SlackJobMessages jobs = new SlackJobMessages(new SlackGateway(client()).once(), sends, CLOCK);

    RetryLater e = assertThrows(RetryLater.class,
        () -> jobs.postOnce(job("followup:1:due", 1, 0, false), DM, REMINDER));

    assertEquals(Duration.ofSeconds(120), e.after());
    assertEquals(1, fake.calls("chat.postMessage").size());
  }

  @Test
  void aPostWhoseAnswerIsLost_isNotRepeatedInTheRun_andItsRetryFindsItInTheDm() throws IOException {
    SlackJobMessages jobs = new SlackJobMessages(new SlackGateway(client()).once(), sends, CLOCK);
    // Slack posted the message, then its answer was lost (a 502 from a proxy in between)
    fake.script("chat.postMessage", FakeSlack.json(502, "{}"));
    assertThrows(RetryLater.class, () -> jobs.postOnce(job("followup:1:due", 1, 0, false), DM, REMINDER));
    assertEquals(1, fake.calls("chat.postMessage").size(), "not posted again within the run");
    keepInHistory(fake.calls("chat.postMessage").get(0), "1710064800.000300");

    Delivery retried = jobs.postOnce(job("followup:1:due", 1, 1, false), DM, REMINDER);

    assertTrue(retried.foundInHistory());
    assertEquals(1, fake.calls("chat.postMessage").size(), "sent once: " + fake.describe());
  }

  private MethodsClient client() {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(fake.apiUrl());
    config.setStatsEnabled(false);
    return Slack.getInstance(config).methods("xoxb-test");
  }

  @Test
  void a429WhileReadingHistory_becomesRetryLater_andNothingIsSent() {
    fake.script("conversations.history", rateLimited());
    sends.begin(job("followup:1:due", 1, 0, false), DM, T0); // the run that died had begun sending

    assertThrows(RetryLater.class, () -> messages.postOnce(job("followup:1:due", 1, 1, true), DM, REMINDER));

    assertEquals(List.of(), fake.calls("chat.postMessage"));
  }

  @Test
  void serverErrors_andSlacksOwnTrouble_becomeRetryLater() {
    SlackJobMessages retrying = new SlackJobMessages(gateway(2), sends, CLOCK);
    fake.script("chat.postMessage", FakeSlack.json(503, "{}"));
    fake.script("chat.postMessage", FakeSlack.json(502, "{}"));
    RetryLater e = assertThrows(RetryLater.class,
        () -> retrying.postOnce(job("followup:1:due", 1, 0, false), DM, REMINDER));
    assertEquals("chat.postMessage failed: http_502", e.why());
    assertEquals(Duration.ofSeconds(30), e.after());

    fake.script("chat.postMessage", FakeSlack.error("internal_error"));
    assertThrows(RetryLater.class, () -> retrying.postOnce(job("followup:1:due", 1, 0, false), DM, REMINDER));
  }

  @Test
  void aPermanentError_staysSlackCallFailed() {
    fake.script("chat.postMessage", FakeSlack.error("channel_not_found"));

    SlackCallFailed e = assertThrows(SlackCallFailed.class,
        () -> messages.postOnce(job("followup:1:due", 1, 0, false), "DGONE", REMINDER));

    assertEquals("channel_not_found", e.error());
  }

  @Test
  void dmChannel_opensTheConversationWithTheUser() {
    fake.script("conversations.open", FakeSlack.json(200, "{\"ok\":true,\"channel\":{\"id\":\"DALICE\"}}"));

    assertEquals(DM, messages.dmChannel("UALICE"));
    assertEquals("UALICE", fake.await("conversations.open").param("users"));
  }
}
