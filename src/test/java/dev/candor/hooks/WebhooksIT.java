package dev.candor.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.candor.incident.Incident;
import dev.candor.jobs.Job;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcJobStore;
import dev.candor.store.JdbcTimelineStore;
import dev.candor.store.LocalKey;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.FakeWebhookReceiver;
import dev.candor.testing.FakeWebhookReceiver.Delivery;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SlackPayloads;
import dev.candor.testing.TestClock;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.TimelineEntry;
import dev.candor.timeline.TimelineService;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed webhooks through the real server, on a clock the test moves: every lifecycle change reaches the receiver
 * (a local HTTP server that verifies Standard Webhooks signatures as a receiver would) in the order it was made, a
 * 429 is retried after its Retry-After with the same webhook-id, a 4xx is given up on while the incident's next
 * change still goes out, and a private incident's payloads hold no words. Every payload any test here received
 * validates against the shipped JSON Schema.
 */
class WebhooksIT {
  @TempDir Path dir;
  TestClock clock = TestClock.at("2026-12-01T12:00:00Z");
  FakeWebhookReceiver receiver;
  RunningCandor candor;
  FakeSlack slack;
  String url;

  @BeforeEach
  void start() {
    receiver = new FakeWebhookReceiver(clock);
    url = receiver.url("/candor/hooks");
    candor = RunningCandor.start(dir, Map.of("CANDOR_JOBS_POLL", "1s", "CANDOR_STATUS_REMINDER", "3650d",
        "CANDOR_WEBHOOK_URLS", url, "CANDOR_WEBHOOK_SECRET", FakeWebhookReceiver.SECRET), clock);
    slack = candor.slack;
    slack.keepPostsInNewChannels();
    slack.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
  }

  @AfterEach
  void everyPayloadValidates() {
    try {
      for (Delivery d : receiver.deliveries()) {
        assertTrue(d.verified(), "signed: " + d);
        assertEquals(List.of(), WebhookSchema.problems(d.json()), "validates against the schema: " + d.body());
      }
    } finally {
      candor.close();
      receiver.close();
    }
  }

  Incident declare(String text) {
    candor.requests.command("UALICE", "CGENERAL", text);
    String channel = slack.await("conversations.invite").param("channel");
    return new JdbcIncidentRepository(candor.candor.database().dataSource()).byChannel(channel).orElseThrow();
  }

  void command(Incident incident, String text) {
    assertEquals("", candor.requests.command("UALICE", incident.channelId(), text).body(), text);
  }

  List<String> acceptedTypes() {
    return receiver.accepted().stream().map(Delivery::type).toList();
  }

  void awaitAccepted(int n) {
    Eventually.await(() -> receiver.accepted().size() >= n, n + " webhooks accepted, got " + receiver.deliveries());
  }

  List<Job.Status> jobStatuses(Incident incident) {
    var store = new JdbcJobStore(candor.candor.database().dataSource(), clock);
    return store.list(Webhooks.queue(incident.id(), URI.create(url)) + ":").stream().map(e -> e.status()).toList();
  }

  Job.Status job(Incident incident, String webhookId) {
    var store = new JdbcJobStore(candor.candor.database().dataSource(), clock);
    return store.find(Webhooks.queue(incident.id(), URI.create(url)) + ":" + webhookId).orElseThrow().status();
  }

  /**
   * Waits until the runner has recorded the failed attempts of the webhook {@code webhookId} (put it back, its next
   * run counted from the clock's time then): only after that does moving the clock make the retry due.
   */
  void awaitFailedRuns(Incident incident, String webhookId, int runs) {
    var store = new JdbcJobStore(candor.candor.database().dataSource(), clock);
    String key = Webhooks.queue(incident.id(), URI.create(url)) + ":" + webhookId;
    Eventually.await(() -> store.find(key).orElseThrow().attempts() >= runs, runs + " failed runs of " + key);
  }

  @Test
  void everyLifecycleChange_arrivesSignedAndInOrder() {
    Incident incident = declare("declare checkout errors sev3");
    command(incident, "sev 1");
    command(incident, "status identified the bad deploy");
    command(incident, "role scribe <@UBOB|bob>");
    command(incident, "followup <@UBOB|bob> tomorrow fix the alert threshold");
    awaitAccepted(5); // a follow-up is made after the ack (the owner's time zone is asked of Slack first)
    command(incident, "mitigated rolled back");
    command(incident, "resolve all clear");
    awaitAccepted(7);
    candor.requests.command("UALICE", incident.channelId(), "postmortem"); // the draft becomes the channel's canvas
    awaitAccepted(8);

    assertEquals(List.of("incident.declared", "incident.severity", "incident.status", "incident.role",
        "follow_up.added", "incident.mitigated", "incident.resolved", "postmortem.published"), acceptedTypes());
    List<Delivery> got = receiver.accepted();
    JsonNode declared = got.get(0).json().path("data");
    assertEquals(incident.id().toString(), declared.path("incident").path("number").asText());
    assertEquals("checkout errors", declared.path("incident").path("title").asText());
    assertEquals("SEV3", declared.path("incident").path("severity").asText());
    JsonNode severity = got.get(1).json().path("data");
    assertEquals("SEV1", severity.path("change").path("value").asText());
    assertEquals("UALICE", severity.path("change").path("actor").asText());
    assertEquals("fix the alert threshold", got.get(4).json().path("data").path("follow_up").path("title").asText());
    assertEquals("resolved", got.get(6).json().path("data").path("incident").path("state").asText());
    assertEquals("all clear", got.get(6).json().path("data").path("change").path("text").asText());
    assertEquals(8, receiver.deliveries().size(), "each delivered once: " + receiver.deliveries());
    assertEquals(8, got.stream().map(Delivery::id).distinct().count(), "a webhook-id per change");
    assertTrue(got.stream().allMatch(d -> d.id().startsWith("msg_")), "ids: " + got);
    assertEquals(clock.instant().getEpochSecond(), got.get(0).timestamp(), "signed at the attempt's time");
  }

  @Test
  void aRedaction_takesTheWordsOutOfAQueuedDelivery_andSaysOneSentAlreadyCannotBeRecalled() {
    String sentWords = "Jane Roe of 12 Elm Street";
    String queuedWords = "John Doe of 4 Oak Lane";
    Incident incident = declare("declare checkout errors sev3");
    command(incident, "status identified the refund for " + sentWords + " failed twice");
    awaitAccepted(2);
    receiver.failNext(FakeWebhookReceiver.tooMany(120));
    command(incident, "sev 2");
    Eventually.await(() -> receiver.deliveries().size() == 3, "the severity's first attempt, answered 429");
    awaitFailedRuns(incident, receiver.deliveries().get(2).id(), 1);
    command(incident, "status monitoring the refund for " + queuedWords);
    candor.awaitJobsIdle();
    assertEquals(3, receiver.deliveries().size(), "the update waits behind the severity: " + receiver.deliveries());
    TimelineService timeline = new TimelineService(new JdbcTimelineStore(candor.candor.database().dataSource()),
        LocalKey.load(dir.resolve(LocalKey.FILE_NAME)), clock);

    long queued = entryWith(timeline, incident, queuedWords).seq();
    var answer = candor.requests.command("UALICE", incident.channelId(), "redact " + queued + " personal data");
    assertTrue(answer.text().contains("1 queued webhook delivery"), answer.text());
    long sent = entryWith(timeline, incident, sentWords).seq();
    answer = candor.requests.command("UALICE", incident.channelId(), "redact " + sent + " personal data");
    assertTrue(answer.text().contains("1 webhook delivery already sent (which cannot be recalled)"), answer.text());
    List<TimelineEntry> entries = timeline.entries(incident.id());
    assertTrue(entries.stream().anyMatch(e -> e.kind() == EntryKind.REDACTION
        && Long.toString(queued).equals(e.refTs()) && e.detail().contains("1 queued webhook delivery")),
        "the record of the redaction says so: " + entries);
    assertTrue(entries.stream().anyMatch(e -> e.kind() == EntryKind.REDACTION
        && Long.toString(sent).equals(e.refTs()) && e.detail().contains("cannot be recalled")),
        "and of the one sent: " + entries);

    clock.advance(Duration.ofSeconds(121));
    awaitAccepted(4);
    Delivery update = receiver.accepted().get(3);
    assertEquals("incident.status", update.type());
    assertFalse(update.body().contains("John Doe"), "the delivery that went out carries no words: " + update.body());
    assertEquals("(redacted)", update.json().path("data").path("change").path("text").asText(), update.body());
    assertEquals("MONITORING", update.json().path("data").path("change").path("value").asText(), update.body());
    var store = new JdbcJobStore(candor.candor.database().dataSource(), clock);
    assertTrue(store.list(Webhooks.queue(incident.id(), URI.create(url)) + ":").stream()
        .noneMatch(e -> e.payload().contains("Jane Roe") || e.payload().contains("John Doe")),
        "nor the record of any delivery");
  }

  private TimelineEntry entryWith(TimelineService timeline, Incident incident, String words) {
    return timeline.entries(incident.id()).stream().filter(e -> e.kind() == EntryKind.ACTION && e.text() != null
        && e.text().contains(words)).findFirst().orElseThrow(() -> new AssertionError("no entry with " + words));
  }

  @Test
  void redactingAFollowUpsCreation_takesItsTitleOutOfTheQueuedDelivery() {
    receiver.failNext(FakeWebhookReceiver.tooMany(120));
    Incident incident = declare("declare checkout errors sev3");
    Eventually.await(() -> receiver.deliveries().size() == 1, "the declaration's first attempt, answered 429");
    awaitFailedRuns(incident, receiver.deliveries().get(0).id(), 1);
    command(incident, "followup <@UBOB|bob> tomorrow refund Jane Roe of 12 Elm Street");
    TimelineService timeline = new TimelineService(new JdbcTimelineStore(candor.candor.database().dataSource()),
        LocalKey.load(dir.resolve(LocalKey.FILE_NAME)), clock);
    Eventually.await(() -> timeline.entries(incident.id()).stream().anyMatch(e -> e.text() != null
        && e.text().contains("Jane Roe") && e.detail() != null && e.detail().startsWith("FOLLOWUP_ADDED ")),
        "the follow-up's entry");
    long seq = timeline.entries(incident.id()).stream().filter(e -> e.text() != null && e.text().contains("Jane Roe")
        && e.detail().startsWith("FOLLOWUP_ADDED ")).findFirst().orElseThrow().seq();

    var answer = candor.requests.command("UALICE", incident.channelId(), "redact " + seq + " personal data");
    assertTrue(answer.text().contains("1 queued webhook delivery"), answer.text());

    clock.advance(Duration.ofSeconds(121));
    awaitAccepted(2);
    Delivery added = receiver.accepted().get(1);
    assertEquals("follow_up.added", added.type());
    assertFalse(added.body().contains("Jane Roe"), added.body());
    assertEquals("(redacted)", added.json().path("data").path("follow_up").path("title").asText(), added.body());
  }

  @Test
  void a429_isRetriedAfterItsRetryAfter_withTheSameId_andTheNextChangeWaitsForIt() {
    receiver.failNext(FakeWebhookReceiver.tooMany(120));
    Incident incident = declare("declare checkout errors sev3");
    Eventually.await(() -> receiver.deliveries().size() == 1, "the first attempt, answered 429");
    awaitFailedRuns(incident, receiver.deliveries().get(0).id(), 1);
    command(incident, "sev 2");
    candor.awaitJobsIdle();
    assertEquals(1, receiver.deliveries().size(), "the severity waits for the declaration: " + receiver.deliveries());

    clock.advance(Duration.ofSeconds(61)); // past the runner's 30 s backoff, not past Retry-After
    candor.awaitJobsIdle();
    candor.awaitJobsIdle();
    assertEquals(1, receiver.deliveries().size(), "Retry-After: 120 is honoured: " + receiver.deliveries());

    clock.advance(Duration.ofSeconds(60));
    awaitAccepted(2);
    List<Delivery> all = receiver.deliveries();
    assertEquals(List.of(429, 204, 204), all.stream().map(Delivery::answered).toList(), all.toString());
    assertEquals(all.get(0).id(), all.get(1).id(), "the retry carries the same webhook-id");
    assertEquals(all.get(0).body(), all.get(1).body(), "and the same body");
    assertTrue(all.get(1).timestamp() > all.get(0).timestamp(), "signed again at its own time");
    assertEquals(List.of("incident.declared", "incident.severity"), acceptedTypes());
    Eventually.await(() -> jobStatuses(incident).stream().allMatch(s -> s == Job.Status.DONE), "both jobs done");
  }

  @Test
  void aServerError_isRetried_butA4xxIsGivenUp_andTheNextChangeStillGoesOut() {
    receiver.failNext(FakeWebhookReceiver.status(503), FakeWebhookReceiver.status(400));
    Incident incident = declare("declare checkout errors sev3");
    Eventually.await(() -> receiver.deliveries().size() == 1, "the first attempt, answered 503");
    awaitFailedRuns(incident, receiver.deliveries().get(0).id(), 1);
    clock.advance(Duration.ofSeconds(31));
    Eventually.await(() -> receiver.deliveries().size() == 2, "the retry, answered 400");
    command(incident, "sev 2");
    awaitAccepted(1);

    List<Delivery> all = receiver.deliveries();
    assertEquals(List.of(503, 400, 204), all.stream().map(Delivery::answered).toList(), all.toString());
    assertEquals(all.get(0).id(), all.get(1).id());
    assertEquals(List.of("incident.severity"), acceptedTypes());
    candor.awaitJobsIdle();
    assertEquals(Job.Status.FAILED, job(incident, all.get(0).id()), "the refused one is given up");
    assertEquals(Job.Status.DONE, job(incident, all.get(2).id()));
  }

  @Test
  void aPrivateIncident_sendsItsNumberSeverityAndTimes_butNoWordsNorPeople() {
    candor.requests.interaction(SlackPayloads.declareSubmission("VDECL", "CGENERAL", "payroll leak at acme",
        "SEV2", "customer ssn exposed", "private", "new"));
    String channel = slack.await("conversations.invite").param("channel");
    Incident incident = new JdbcIncidentRepository(candor.candor.database().dataSource()).byChannel(channel)
        .orElseThrow();
    command(incident, "status identified the acme export job");
    command(incident, "followup <@UALICE|alice> tomorrow rotate acme keys");
    awaitAccepted(3);

    assertEquals(List.of("incident.declared", "incident.status", "follow_up.added"), acceptedTypes());
    for (Delivery d : receiver.accepted()) {
      JsonNode data = d.json().path("data");
      assertTrue(data.path("incident").path("private").asBoolean(), d.body());
      assertEquals(incident.id().toString(), data.path("incident").path("number").asText());
      assertEquals("SEV2", data.path("incident").path("severity").asText());
      for (String word : List.of("acme", "payroll", "ssn", "UALICE", channel)) {
        assertFalse(d.body().contains(word), word + " is not sent for a private incident: " + d.body());
      }
    }
    assertEquals("IDENTIFIED", receiver.accepted().get(1).json().path("data").path("change").path("value").asText());
  }
}
