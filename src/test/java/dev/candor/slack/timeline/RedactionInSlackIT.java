package dev.candor.slack.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.candor.incident.Incident;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcTimelineStore;
import dev.candor.store.LocalKey;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SignedSlack;
import dev.candor.testing.SlackEvents;
import dev.candor.testing.SlackLimits;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.HashChain;
import dev.candor.timeline.TimelineEntry;
import dev.candor.timeline.TimelineService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A redaction as people in Slack see it, through the real server: the words are gone from Candor's own posts that
 * carried them (the channel's announcement, its copy in {@code INCIDENTS_CHANNEL}), edited in place; the author of a
 * person's message is asked privately to delete it, since Candor can't; and the record keeps that it happened.
 */
class RedactionInSlackIT {
  static final String ALICE = "UALICE";
  static final String BOB = "UBOB";
  static final String WORDS = "Jane Roe of 12 Elm Street";

  @TempDir Path dir;
  RunningCandor candor;
  FakeSlack slack;
  TimelineService timeline;

  @BeforeEach
  void start() {
    candor = RunningCandor.start(dir, Map.of("CANDOR_JOBS_POLL", "1s", "CANDOR_STATUS_REMINDER", "3650d",
        "INCIDENTS_CHANNEL", "CINCIDENTS"));
    slack = candor.slack;
    slack.keepPostsInNewChannels();
    slack.addChannel("CGENERAL", "general", false, false, ALICE, BOB);
    slack.addChannel("CINCIDENTS", "incidents", false, true).keepsPosts = true;
    timeline = new TimelineService(new JdbcTimelineStore(candor.candor.database().dataSource()),
        LocalKey.load(dir.resolve(LocalKey.FILE_NAME)), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    candor.close();
  }

  @Test
  void redactingAStatusUpdate_editsCandorsPostOfIt_soTheWordsAreGoneFromTheChannel() {
    Incident incident = declare("checkout errors sev2");
    ok(candor.requests.command(ALICE, incident.channelId(), "status identified the refund for " + WORDS
        + " failed twice"));
    Eventually.await(() -> !said(incident.channelId(), WORDS).isEmpty(), "the status update posted");
    candor.awaitJobsIdle();
    String post = said(incident.channelId(), WORDS).get(0).path("ts").asText();
    TimelineEntry update = entry(incident, e -> e.kind() == EntryKind.ACTION && e.text() != null
        && e.text().contains(WORDS));

    var answer = candor.requests.command(ALICE, incident.channelId(), "redact " + update.seq() + " personal data");

    assertTrue(answer.text().contains("1 posted announcement and its message in Slack"), answer.text());
    assertFalse(answer.text().contains("asked"), "a command's words have no message of a person to delete: "
        + answer.text());
    Eventually.await(() -> said(incident.channelId(), WORDS).isEmpty(), "Candor's post of the update edited");
    candor.awaitJobsIdle();
    List<ObjectNode> edited = said(incident.channelId(), "_(redacted)_");
    assertEquals(1, edited.size(), slack.describe());
    assertTrue(edited.get(0).path("text").asText().contains("failed twice") || edited.get(0).path("text").asText()
        .contains("(redacted)"), edited.get(0).toString());
    assertFalse(edited.get(0).toString().contains("Jane Roe"), "neither its text nor its blocks: " + edited.get(0));
    assertEquals("candor_job", edited.get(0).path("metadata").path("event_type").asText(),
        "the edit keeps the job's metadata, how a resumed job finds its post");
    assertEquals(1, slack.calls("chat.update").stream()
        .filter(c -> incident.channelId().equals(c.param("channel")) && post.equals(c.param("ts"))).count(),
        "one edit of the post (the incident card is drawn again from the record too)");
    assertTrue(slack.calls("chat.postMessage").stream().anyMatch(c -> incident.channelId().equals(c.param("channel"))
        && c.param("text").contains("redacted timeline entry #" + update.seq())), "the redaction is announced");
    assertRecordKeepsTheRedaction(incident, update);
  }

  @Test
  void redactingTheDeclaration_editsItsCopyInTheIncidentsChannelToo() {
    Incident incident = declare("refunds for " + WORDS + " fail sev2");
    Eventually.await(() -> !said("CINCIDENTS", WORDS).isEmpty(), "the declaration copied to #incidents");
    candor.awaitJobsIdle();
    TimelineEntry declared = entry(incident, e -> e.kind() == EntryKind.ACTION && e.text() != null
        && e.text().contains(WORDS));

    var answer = candor.requests.command(ALICE, incident.channelId(), "redact " + declared.seq() + " a customer");

    assertTrue(answer.text().contains("is redacted"), answer.text());
    Eventually.await(() -> said("CINCIDENTS", WORDS).isEmpty(), "the copy in #incidents edited");
    Eventually.await(() -> said(incident.channelId(), WORDS).isEmpty(), "the opening message edited");
    candor.awaitJobsIdle();
    assertTrue(slack.calls("chat.update").stream().anyMatch(c -> "CINCIDENTS".equals(c.param("channel"))),
        slack.describe());
    assertFalse(slack.channel("CINCIDENTS").history.toString().contains("Jane Roe"));
    Eventually.await(() -> !slack.channel(incident.channelId()).topic.contains("Jane Roe"),
        "the channel topic, which said the title, set again from the record");
    assertTrue(slack.channel(incident.channelId()).topic.contains(incident.id().toString()),
        slack.channel(incident.channelId()).topic);
    assertRecordKeepsTheRedaction(incident, declared);
  }

  @Test
  void redactingAPersonsMessage_editsTheKeyEventPostQuotingIt_andAsksTheAuthorPrivatelyToDeleteIt() {
    Incident incident = declare("checkout errors sev2");
    String channel = incident.channelId();
    slack.channel(channel).say("1700000101.000100", BOB, "customer " + WORDS + " called twice");
    send(SlackEvents.message(channel, "1700000101.000100", BOB, "customer " + WORDS + " called twice"));
    TimelineEntry message = entry(incident, e -> e.kind() == EntryKind.MESSAGE && e.text() != null
        && e.text().contains(WORDS));
    ok(candor.requests.interaction(Map.of("type", "message_action", "callback_id", "add_to_timeline",
        "trigger_id", "trig-sc", "response_url", slack.responseUrl("sc"),
        "team", Map.of("id", FakeSlack.TEAM, "domain", "candor-test"), "channel", Map.of("id", channel, "name", "x"),
        "user", Map.of("id", ALICE, "name", "alice"), "message", Map.of("type", "message", "user", BOB,
            "ts", "1700000101.000100", "text", "customer " + WORDS + " called twice"),
        "message_ts", "1700000101.000100", "token", "deprecated")));
    Eventually.await(() -> said(channel, "marked a message as a key event").stream()
        .anyMatch(m -> m.toString().contains(WORDS)), "Candor's post quoting the message");
    candor.awaitJobsIdle();

    var answer = candor.requests.command(ALICE, channel, "redact " + message.seq() + " personal data");

    assertTrue(answer.text().contains("<@UBOB>'s message is still in the channel"), answer.text());
    assertTrue(answer.text().contains("asked them privately"), answer.text());
    Eventually.await(() -> said(channel, "marked a message as a key event").stream()
        .noneMatch(m -> m.toString().contains(WORDS)), "the key event's post edited");
    var dm = slack.await("chat.postMessage", c -> "DUBOB".equals(c.param("channel"))
        && c.param("text").contains("redacted"));
    assertTrue(dm.param("text").contains("<@UALICE> redacted <https://candor-test.slack.com/archives/" + channel
        + "/p1700000101000100|one of your messages>"), dm.param("text"));
    assertTrue(dm.param("text").contains("would you delete it?"), dm.param("text"));
    assertFalse(dm.param("text").contains("Jane Roe"), "the request doesn't repeat the words");
    assertEquals(List.of(), SlackLimits.problems(dm));
    for (var edit : slack.calls("chat.update")) {
      assertEquals(List.of(), SlackLimits.problems(edit), "the edited post is within Slack's limits");
    }
    candor.awaitJobsIdle();
    assertEquals(1, slack.calls("chat.postMessage").stream().filter(c -> "DUBOB".equals(c.param("channel"))
        && c.param("text").contains("would you delete it?")).count(), "asked once");
    assertTrue(slack.channel(channel).history.stream().anyMatch(m -> m.toString().contains(WORDS)),
        "the person's own message stays until they delete it: Candor cannot");
    assertFalse(slack.channel(channel).history.stream().filter(m -> m.has("bot_id"))
        .anyMatch(m -> m.toString().contains("Jane Roe")), "none of Candor's posts holds the words");
    assertRecordKeepsTheRedaction(incident, message);
  }

  @Test
  void redactingYourOwnMessage_saysOnlyYouCanDeleteIt() {
    Incident incident = declare("checkout errors sev2");
    String channel = incident.channelId();
    send(SlackEvents.message(channel, "1700000102.000100", ALICE, "my card is 4000 0000 0000 0002"));
    TimelineEntry message = entry(incident, e -> e.kind() == EntryKind.MESSAGE && ALICE.equals(e.actor()));

    var answer = candor.requests.command(ALICE, channel, "redact " + message.seq() + " my card");

    assertTrue(answer.text().contains("Your message is still in the channel: only you can delete it."),
        answer.text());
    slack.await("chat.postMessage", c -> "DUALICE".equals(c.param("channel"))
        && c.param("text").contains("would you delete it?"));
  }

  private void assertRecordKeepsTheRedaction(Incident incident, TimelineEntry redacted) {
    List<TimelineEntry> entries = timeline.entries(incident.id());
    assertTrue(entries.stream().anyMatch(e -> e.kind() == EntryKind.REDACTION
        && Long.toString(redacted.seq()).equals(e.refTs()) && ALICE.equals(e.actor())), "the record says so");
    assertTrue(entries.stream().filter(e -> e.seq() == redacted.seq()).findFirst().orElseThrow().isRedacted());
    assertTrue(timeline.verify(incident.id()) instanceof HashChain.Intact, "the chain verifies");
  }

  private Incident declare(String words) {
    ok(candor.requests.command(ALICE, "CGENERAL", "declare " + words));
    String channel = slack.await("conversations.invite").param("channel");
    slack.await("conversations.setTopic");
    candor.awaitJobsIdle();
    return new JdbcIncidentRepository(candor.candor.database().dataSource()).byChannel(channel).orElseThrow();
  }

  private TimelineEntry entry(Incident incident, Predicate<TimelineEntry> which) {
    AtomicReference<TimelineEntry> found = new AtomicReference<>();
    Eventually.await(() -> {
      timeline.entries(incident.id()).stream().filter(which).findFirst().ifPresent(found::set);
      return found.get() != null;
    }, "the entry in the timeline");
    return found.get();
  }

  /** The messages of {@code channel}'s history (as Slack keeps them, edits applied) holding {@code words}. */
  private List<ObjectNode> said(String channel, String words) {
    return slack.channel(channel).history.stream().filter(m -> m.toString().contains(words)).toList();
  }

  private void send(Map<String, Object> event) {
    assertEquals(200, candor.requests.event(SlackEvents.envelope(SlackEvents.newEventId(), event), Map.of()).status());
  }

  private static void ok(SignedSlack.Answer answer) {
    assertEquals(200, answer.status(), answer.body());
  }
}
