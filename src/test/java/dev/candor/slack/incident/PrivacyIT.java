package dev.candor.slack.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.followup.FollowUp;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentState;
import dev.candor.jobs.Job;
import dev.candor.postmortem.PostmortemService;
import dev.candor.slack.followup.FollowUpMessages;
import dev.candor.store.JdbcFollowUpRepository;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcJobStore;
import dev.candor.store.JdbcTimelineStore;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SignedSlack;
import dev.candor.testing.SlackEvents;
import dev.candor.testing.SlackPayloads;
import dev.candor.testing.TestClock;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.TimelineEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Privacy by the channel, always, through the real server: nothing about a private incident leaves its channel
 * for someone outside it (the stale-update and post-mortem DMs, an old follow-up DM's buttons); an incident whose
 * channel was made private later — with Slack's notice, or found so at the moment of posting — is published no
 * more; and redaction stays with the commander who holds the record, not whoever takes the role.
 */
class PrivacyIT {
  static final String TITLE = "payroll export leak";
  @TempDir Path dir;
  TestClock clock;
  RunningCandor candor;
  FakeSlack slack;
  JdbcIncidentRepository incidents;
  JdbcJobStore jobs;

  @BeforeEach
  void start() {
    clock = TestClock.at("2026-12-01T12:00:00Z");
    Map<String, String> env = new HashMap<>();
    env.put("CANDOR_JOBS_POLL", "1s");
    env.put("CANDOR_STATUS_REMINDER", "2s");
    env.put("CANDOR_POSTMORTEM_PROMPT_AFTER", "3s");
    env.put("INCIDENTS_CHANNEL", "CINCIDENTS");
    env.put("POSTMORTEMS_CHANNEL", "CPOSTMORTEMS");
    candor = RunningCandor.start(dir, env, clock);
    slack = candor.slack;
    slack.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB", "UCAROL", "UDAVE");
    slack.addChannel("CINCIDENTS", "incidents", false, true);
    slack.addChannel("CPOSTMORTEMS", "postmortems", false, true);
    List.of("UALICE", "UBOB", "UCAROL", "UDAVE").forEach(slack::dm);
    incidents = new JdbcIncidentRepository(candor.candor.database().dataSource());
    jobs = new JdbcJobStore(candor.candor.database().dataSource(), clock);
  }

  @AfterEach
  void stop() {
    candor.close();
  }

  /** Alice declares a private incident in a new channel; she is its commander, and Bob is in it too. */
  private Incident declarePrivate() {
    candor.requests.interaction(SlackPayloads.declareSubmission("VDECL", "CGENERAL", TITLE, "SEV2", "", "private",
        "new"));
    String channel = slack.await("conversations.invite").param("channel");
    assertTrue(channel.startsWith("G"), channel);
    slack.await("conversations.setTopic", c -> channel.equals(c.param("channel")));
    slack.channel(channel).members.add("UBOB");
    return incidents.byChannel(channel).orElseThrow();
  }

  /** Alice declares a public incident in a new channel. */
  private Incident declarePublic() {
    candor.requests.command("UALICE", "CGENERAL", "declare checkout is down sev2");
    String channel = slack.await("conversations.invite").param("channel");
    slack.await("conversations.setTopic", c -> channel.equals(c.param("channel")));
    slack.await("chat.postMessage", c -> "CINCIDENTS".equals(c.param("channel")), Duration.ofSeconds(15));
    return incidents.byChannel(channel).orElseThrow();
  }

  /** Carol, who isn't in the private channel, is named its commander. */
  private void carolCommands(Incident incident) {
    candor.requests.command("UALICE", incident.channelId(), "role commander <@UCAROL|carol>");
    Eventually.await(() -> "UCAROL".equals(incidents.byId(incident.id()).orElseThrow().roles().commander()),
        "Carol is commander");
  }

  private List<FakeSlack.Call> posts(String channel) {
    return slack.calls("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel"))).toList();
  }

  private static void saysNothingOf(FakeSlack.Call dm, Incident incident) {
    String text = dm.param("text") + dm.param("blocks");
    assertTrue(text.contains("You aren't in its channel"), text);
    assertFalse(text.contains("payroll"), "no title: " + text);
    assertFalse(text.contains("INC-"), "no number: " + text);
    assertFalse(text.contains(incident.channelId()), "no channel: " + text);
  }

  @Test
  void theStaleUpdateDm_toACommanderOutsideThePrivateChannel_saysOnlyThatSomethingNeedsThem() {
    Incident secret = declarePrivate();
    carolCommands(secret);
    String key = StaleUpdates.key(secret.id());
    // Carol's appointment re-arms the timer, and may do so after a first look at it: follow it until it goes off
    Eventually.await(() -> {
      jobs.find(key).filter(j -> j.status() == Job.Status.PENDING && j.runAt().isAfter(clock.instant()))
          .ifPresent(j -> clock.set(j.runAt()));
      return slack.calls("chat.postMessage").stream().anyMatch(c -> "DUCAROL".equals(c.param("channel")));
    }, "the stale-update reminder to Carol");

    var dm = slack.await("chat.postMessage", c -> "DUCAROL".equals(c.param("channel")), Duration.ofSeconds(15));
    saysNothingOf(dm, secret);
    assertTrue(dm.param("text").contains("no status update"), dm.param("text"));
  }

  @Test
  void thePostmortemDm_toACommanderOutsideThePrivateChannel_saysOnlyThatSomethingNeedsThem() {
    Incident secret = declarePrivate();
    carolCommands(secret);
    candor.requests.command("UALICE", secret.channelId(), "resolve contained");
    String key = PostmortemService.promptKey(secret.id());
    for (int step : new int[] {PostmortemService.AGAIN, PostmortemService.COMMANDER}) {
      Eventually.await(() -> jobs.find(key).filter(j -> j.status() == Job.Status.PENDING
          && j.payload().endsWith(":" + step)).isPresent(), "prompt step " + step);
      clock.set(jobs.find(key).orElseThrow().runAt());
    }

    var dm = slack.await("chat.postMessage", c -> "DUCAROL".equals(c.param("channel"))
        && c.param("text").contains("post-mortem"), Duration.ofSeconds(15));
    saysNothingOf(dm, secret);
  }

  @Test
  void aChannelMadePrivate_withSlacksNotice_isMarkedPrivate_andPublishedNoMore() {
    Incident incident = declarePublic();
    slack.makePrivate(incident.channelId());
    Map<String, Object> notice = SlackEvents.message(incident.channelId(), "1700000100.000100", "UALICE",
        "made this channel *private*. Now, it can only be viewed or joined by invitation.");
    notice.put("subtype", "channel_convert_to_private");
    notice.put("channel_type", "group");
    assertEquals(200, candor.requests.event(SlackEvents.envelope(SlackEvents.newEventId(), notice), Map.of())
        .status());

    Eventually.await(() -> incidents.byId(incident.id()).orElseThrow().privateChannel(), "marked private");
    var told = slack.await("chat.postMessage", c -> incident.channelId().equals(c.param("channel"))
        && c.param("text").contains("is private now"), Duration.ofSeconds(15));
    assertTrue(told.param("text").contains("stays there"), "says what became of what was published");

    resolveAndClose(incident);
    assertEquals(1, posts("CINCIDENTS").size(), "only the declaration, from before it was private");
    assertEquals(List.of(), posts("CPOSTMORTEMS"), "no summary of an incident now private");
  }

  @Test
  void aChannelMadePrivate_withoutANotice_isFoundPrivateBeforeTheCopyIsPosted() {
    Incident incident = declarePublic();
    slack.makePrivate(incident.channelId()); // say the notice was lost

    candor.requests.command("UALICE", incident.channelId(), "resolve rolled back");
    slack.await("chat.postMessage", c -> incident.channelId().equals(c.param("channel"))
        && c.param("text").contains("is private now"), Duration.ofSeconds(15));
    candor.awaitJobsIdle();
    assertEquals(1, posts("CINCIDENTS").size(), "the resolution is not copied");
    assertTrue(incidents.byId(incident.id()).orElseThrow().privateChannel(), "recorded private");
  }

  @Test
  void aChannelMadePrivate_afterItsResolution_isFoundPrivateBeforeTheSummaryIsPublished() {
    Incident incident = declarePublic();
    candor.requests.command("UALICE", incident.channelId(), "resolve rolled back");
    slack.await("chat.postMessage", c -> "CINCIDENTS".equals(c.param("channel"))
        && c.param("text").contains("resolved"), Duration.ofSeconds(15));
    slack.makePrivate(incident.channelId()); // and the notice was lost

    close(incident);
    assertEquals(List.of(), posts("CPOSTMORTEMS"), "no summary of an incident now private");
    assertTrue(incidents.byId(incident.id()).orElseThrow().privateChannel(), "recorded private");
  }

  private void resolveAndClose(Incident incident) {
    candor.requests.command("UALICE", incident.channelId(), "resolve rolled back");
    Eventually.await(() -> incidents.byId(incident.id()).orElseThrow().state() == IncidentState.RESOLVED,
        "resolved");
    close(incident);
  }

  /** Closes before a post-mortem ([Close anyway]), then waits until the close's jobs have run. */
  private void close(Incident incident) {
    candor.requests.command("UALICE", incident.channelId(), "close");
    candor.requests.interaction(Map.of("type", "block_actions", "team", Map.of("id", FakeSlack.TEAM),
        "user", Map.of("id", "UALICE", "name", "ualice"), "api_app_id", "ACANDOR", "token", "deprecated",
        "trigger_id", "trig-close", "response_url", slack.responseUrl("close"),
        "channel", Map.of("id", incident.channelId(), "name", "some-channel"),
        "container", Map.of("type", "message", "channel_id", incident.channelId(), "message_ts", "1700000000.000100"),
        "actions", List.of(Map.of("action_id", "postmortem_close_anyway", "block_id", "b",
            "value", incident.id().toString(), "type", "button", "action_ts", "1700000000.3"))));
    Eventually.await(() -> incidents.byId(incident.id()).orElseThrow().state() == IncidentState.CLOSED, "closed");
    candor.awaitJobsIdle();
    candor.awaitJobsIdle();
  }

  @Test
  void anOwnerWhoLeftThePrivateChannel_cannotChangeTheFollowUpFromAnOldDm() {
    Incident secret = declarePrivate();
    candor.requests.command("UALICE", secret.channelId(), "followup <@UBOB|bob> friday rotate the keys");
    var followUps = new JdbcFollowUpRepository(candor.candor.database().dataSource());
    slack.await("chat.postMessage", c -> "DUBOB".equals(c.param("channel"))
        && c.param("text").contains("You own a follow-up"), Duration.ofSeconds(15));
    FollowUp f = followUps.forIncident(secret.id()).get(0);
    slack.channel(secret.channelId()).members.remove("UBOB");

    for (String action : List.of(FollowUpMessages.DONE, FollowUpMessages.SNOOZE, FollowUpMessages.EDIT,
        FollowUpMessages.REASSIGN)) {
      candor.requests.interaction(SlackPayloads.button(slack, "UBOB", action, String.valueOf(f.id()), action));
      var said = new SignedSlack.Answer(200, slack.await("response_url", c -> action.equals(c.param("id"))).body(),
          Duration.ZERO);
      assertTrue(said.text().contains("aren't in this follow-up's private incident channel any more"), said.body());
    }
    FollowUp after = followUps.byId(f.id()).orElseThrow();
    assertTrue(after.isOpen(), "not done");
    assertEquals(f.due(), after.due(), "not snoozed or edited");
    assertEquals("UBOB", after.owner());
    assertTrue(slack.calls("views.open").isEmpty(), "no form opened for him");
  }

  @Test
  void redaction_staysWithTheCommanderWhoHoldsTheRecord_notWhoeverTakesTheRole() {
    Incident incident = declarePublic();
    var store = new JdbcTimelineStore(candor.candor.database().dataSource());
    for (String[] m : new String[][] {{"1700000001.000100", "customer 4111 1111 1111 1111"},
        {"1700000002.000100", "customer 5500 0000 0000 0004"}, {"1700000003.000100", "customer 3400 000000 00009"}}) {
      assertEquals(200, candor.requests.event(SlackEvents.envelope(SlackEvents.newEventId(),
          SlackEvents.message(incident.channelId(), m[0], "UBOB", m[1])), Map.of()).status());
    }
    Eventually.await(() -> store.entries(incident.id()).stream().filter(e -> e.kind() == EntryKind.MESSAGE).count()
        == 3, "three messages recorded");
    List<Long> seqs = store.entries(incident.id()).stream().filter(e -> e.kind() == EntryKind.MESSAGE)
        .map(TimelineEntry::seq).toList();

    candor.requests.command("UBOB", incident.channelId(), "role commander <@UBOB|bob>"); // takes the role
    Eventually.await(() -> "UBOB".equals(incidents.byId(incident.id()).orElseThrow().roles().commander()),
        "Bob is commander");
    var refused = candor.requests.command("UBOB", incident.channelId(), "redact " + seqs.get(0) + " card");
    assertTrue(refused.text().contains("Only the commander who holds"), refused.text());
    assertTrue(refused.text().contains("<@UALICE>"), "names who can: " + refused.text());
    assertTrue(refused.text().contains("workspace admin"), refused.text());
    assertFalse(store.entry(incident.id(), seqs.get(0)).orElseThrow().isRedacted(), "nothing redacted");

    // Alice, who holds the record though Bob commands now, hands it to Carol by making her commander
    candor.requests.command("UALICE", incident.channelId(), "role commander <@UCAROL|carol>");
    Eventually.await(() -> "UCAROL".equals(incidents.byId(incident.id()).orElseThrow().roles().commander()),
        "Carol is commander");
    var alice = candor.requests.command("UALICE", incident.channelId(), "redact " + seqs.get(0) + " card");
    assertTrue(alice.text().contains("<@UCAROL>"), "handed on: " + alice.text());
    var carol = candor.requests.command("UCAROL", incident.channelId(), "redact " + seqs.get(0) + " a card number");
    assertTrue(carol.text().contains("is redacted"), carol.text());
    assertTrue(store.entry(incident.id(), seqs.get(0)).orElseThrow().isRedacted());

    slack.makeAdmin("UDAVE");
    var admin = candor.requests.command("UDAVE", incident.channelId(), "redact " + seqs.get(1) + " a card number");
    assertTrue(admin.text().contains("is redacted"), admin.text());
    var bob = candor.requests.command("UBOB", incident.channelId(), "redact " + seqs.get(2) + " card");
    assertTrue(bob.text().contains("Only the commander who holds"), bob.text());
    assertFalse(store.entry(incident.id(), seqs.get(2)).orElseThrow().isRedacted());
  }
}
