package dev.candor.slack.catchup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.candor.followup.FollowUp;
import dev.candor.followup.Level;
import dev.candor.incident.Incident;
import dev.candor.jobs.Job;
import dev.candor.store.JdbcFollowUpRepository;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcJobStore;
import dev.candor.store.JdbcTimelineStore;
import dev.candor.store.LocalKey;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SlackEvents;
import dev.candor.testing.SlackLimits;
import dev.candor.testing.SlackPayloads;
import dev.candor.testing.TestClock;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.Observation;
import dev.candor.timeline.SlackTs;
import dev.candor.timeline.Source;
import dev.candor.timeline.TimelineService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catch-up for whoever joins late, through the real server with requests signed as Slack signs them: privately on
 * {@code /incident catchup}, and by DM once to a person joining an open incident's channel — not again for a
 * redelivered event, a second join or a second job; never to a bot, Candor, the declarer or anyone present at
 * declaration; a private incident's only to its members; none with {@code CANDOR_CATCHUP_ON_JOIN=off}. Within Slack's
 * limits however big the incident.
 */
class CatchupIT {
  static final String ALICE = "UALICE";
  static final String BOB = "UBOB";
  static final String CAROL = "UCAROL";
  static final String DAN = "UDAN";
  static final String EVE = "UEVE";
  static final String ALERTBOT = "UALERTBOT";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  TestClock clock;
  RunningCandor candor;
  FakeSlack slack;
  JdbcIncidentRepository incidents;
  JdbcJobStore jobs;

  private void start(Map<String, String> extra) {
    clock = TestClock.at("2026-12-01T12:00:00Z");
    Map<String, String> env = new HashMap<>(extra);
    env.put("CANDOR_JOBS_POLL", "1s");
    candor = RunningCandor.start(dir, env, clock);
    slack = candor.slack;
    slack.addChannel("CGENERAL", "general", false, false, ALICE, BOB, CAROL, DAN, EVE);
    List.of(ALICE, BOB, CAROL, DAN, EVE, ALERTBOT).forEach(slack::dm);
    slack.makeBot(ALERTBOT);
    incidents = new JdbcIncidentRepository(candor.candor.database().dataSource());
    jobs = new JdbcJobStore(candor.candor.database().dataSource(), clock);
    // Carol is in every new channel from the start (say a default channel member): present at declaration
    slack.onCall(c -> {
      if (c.method().equals("conversations.invite")) {
        slack.channel(c.param("channel")).members.add(CAROL);
      }
    });
  }

  @AfterEach
  void stop() {
    if (candor != null) {
      candor.close();
    }
  }

  /** Alice declares in a new channel; returns it once who was present is recorded. */
  private Incident declare(String text) {
    candor.requests.command(ALICE, "CGENERAL", text);
    String channel = slack.await("conversations.invite").param("channel");
    slack.await("conversations.setTopic", c -> channel.equals(c.param("channel")));
    Incident incident = incidents.byChannel(channel).orElseThrow();
    awaitRoster(incident);
    return incident;
  }

  private void awaitRoster(Incident incident) {
    Eventually.await(() -> jobs.find(CatchupOnJoin.rosterKey(incident.id()))
        .filter(j -> j.status() == Job.Status.DONE).isPresent(), "who was present at declaration, recorded");
  }

  private List<FakeSlack.Call> catchupDms(String user) {
    return slack.calls("chat.postMessage").stream()
        .filter(c -> ("D" + user).equals(c.param("channel")) && c.param("text").contains("Catching up on")).toList();
  }

  private FakeSlack.Call awaitCatchupDm(String user) {
    return slack.await("chat.postMessage", c -> ("D" + user).equals(c.param("channel"))
        && c.param("text").contains("Catching up on"), Duration.ofSeconds(15));
  }

  private String said(String channel, String user, String text) {
    String ts = SlackEvents.newTs(clock.instant());
    candor.heard(SlackEvents.message(channel, ts, user, text));
    return ts;
  }

  /** The catch-up {@code user} asked for in {@code channel}, as posted to the command's response_url. */
  private FakeSlack.Call askCatchup(String user, String channel) {
    int before = slack.calls("response_url").size();
    var ack = candor.requests.command(user, channel, "catchup");
    assertEquals(200, ack.status(), ack.body());
    Eventually.await(() -> slack.calls("response_url").size() > before, "the catch-up posted to the response_url");
    return slack.calls("response_url").get(before);
  }

  /**
   * The blocks of a message as JSON without escapes of {@code <} and {@code >} (Slack's client writes them
   * {@code \u003c}): a response_url's body, or a Web API call's {@code blocks}.
   */
  private static String blocksText(FakeSlack.Call call) throws Exception {
    if (!call.method().equals("response_url")) {
      return JSON.readTree(call.param("blocks")).toString();
    }
    JsonNode body = JSON.readTree(call.body());
    return body.has("blocks") ? body.get("blocks").toString() : "[]";
  }

  /** The text of each section of a message, in order. */
  private static List<String> sections(FakeSlack.Call call) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode block : JSON.readTree(blocksText(call))) {
      if (block.path("type").asText().equals("section")) {
        out.add(block.path("text").path("text").asText());
      }
    }
    return out;
  }

  @Test
  void theCommand_answersPrivately_withWhereItStandsTheLatestUpdatesKeyEventsAndOpenFollowUps() throws Exception {
    start(Map.of());
    Incident incident = declare("declare checkout errors sev2");
    String channel = incident.channelId();
    candor.requests.command(ALICE, channel, "role comms <@UBOB|bob>");
    candor.requests.command(ALICE, channel, "status investigating first look <!here> at the <@UBOB|bob> graphs");
    candor.requests.command(ALICE, channel, "status identified the pool is exhausted");
    candor.requests.command(ALICE, channel, "status identified scaling the pool now");
    candor.requests.command(ALICE, channel, "status monitoring pool scaled &amp; &lt;b&gt;holding&lt;/b&gt;");
    String pinned = said(channel, BOB, "the connection pool is at 100% <!channel>");
    candor.heard(SlackEvents.pin(true, channel, pinned, ALICE, SlackEvents.newTs(clock.instant())));
    said(channel, CAROL, "just chatter");
    candor.requests.command(ALICE, channel, "followup <@UBOB|bob> 2026-12-20 add a pool alarm #process");
    Eventually.await(() -> !new JdbcFollowUpRepository(candor.candor.database().dataSource())
        .forIncident(incident.id()).isEmpty(), "the follow-up saved");

    var reply = askCatchup(DAN, channel);

    String body = reply.body();
    assertTrue(body.contains("\"response_type\":\"ephemeral\""), body);
    assertEquals(List.of(), SlackLimits.problems(reply), "within Slack's limits, everything escaped");
    String blocks = blocksText(reply);
    assertTrue(blocks.contains("Catching up on INC-1: checkout errors"), blocks);
    assertTrue(blocks.contains("*State:* Monitoring") && blocks.contains("*Severity:* SEV2"), blocks);
    assertTrue(blocks.contains("*Commander:* <@UALICE>") && blocks.contains("*Comms:* <@UBOB>")
        && blocks.contains("*Scribe:* nobody yet"), "mentions stay mentions: " + blocks);
    assertTrue(blocks.contains("*Age:*") && blocks.contains("*Last update:*"), blocks);
    List<String> sections = sections(reply);
    assertTrue(sections.get(1).startsWith("*Latest 3 updates*"), sections.get(1));
    List<String> updates = sections.subList(2, 5);
    assertTrue(updates.get(0).contains("*Identified* from <@UALICE>\nthe pool is exhausted"), updates.get(0));
    assertTrue(updates.get(1).endsWith("scaling the pool now"), updates.get(1));
    assertTrue(updates.stream().noneMatch(u -> u.contains("first look")), "only the last three: " + updates);
    assertTrue(sections.get(5).startsWith("*Key events so far* (6") && sections.get(5).contains("first look @here at "
        + "the <@UBOB> graphs"), "every status update is a key event, as in the post-mortem draft: " + sections.get(5));
    assertTrue(blocks.contains("pool scaled &amp; &lt;b&gt;holding&lt;/b&gt;"), "people's words escaped: " + blocks);
    assertTrue(blocks.contains("the connection pool is at 100% @channel"), "the pinned message, pinging nobody: "
        + blocks);
    assertFalse(blocks.contains("<!channel>") || blocks.contains("<!here>"), blocks);
    assertFalse(blocks.contains("just chatter"), "not a key event: " + blocks);
    assertTrue(blocks.contains("add a pool alarm — <@UBOB>, due 2026-12-20 (process)"), blocks);
    assertTrue(blocks.contains("\"action_id\":\"" + CatchupView.TIMELINE + "\"")
        && blocks.contains("\"value\":\"" + channel + "\""), blocks);
    assertEquals(List.of(), catchupDms(DAN), "asked for, not sent by DM");

    // [Timeline] opens the paged timeline modal, as /incident timeline does
    candor.requests.interaction(SlackPayloads.buttonInChannel(slack, DAN, channel, CatchupView.TIMELINE, channel,
        "catchup-1"));
    var modal = slack.await("views.open", c -> c.json("view").contains("\"callback_id\":\"timeline\""));
    assertEquals("trig-catchup-1", modal.param("trigger_id"));
    assertEquals(List.of(), SlackLimits.problems(modal));
  }

  @Test
  void outsideAnIncidentChannel_theCommandSaysItOnlyWorksInOne() {
    start(Map.of());
    var ack = candor.requests.command(ALICE, "CGENERAL", "catchup");
    assertEquals(200, ack.status());
    assertTrue(ack.text().contains("incident"), ack.body());
    assertEquals(List.of(), SlackLimits.messageProblems("ack", ack.body()));
  }

  @Test
  void aPersonJoiningLate_getsOneDm_whateverIsRedeliveredRescheduledOrRepeated() throws Exception {
    start(Map.of());
    Incident incident = declare("declare checkout errors sev2");
    String channel = incident.channelId();
    candor.requests.command(ALICE, channel, "status identified the pool is exhausted");

    String joinId = SlackEvents.newEventId();
    var join = SlackEvents.envelope(joinId, SlackEvents.joined(channel, DAN, SlackEvents.newTs(clock.instant())));
    slack.channel(channel).members.add(DAN);
    assertEquals(200, candor.requests.event(join, Map.of()).status());
    var dm = awaitCatchupDm(DAN);

    assertTrue(dm.param("text").contains("INC-1"), dm.param("text"));
    assertEquals(List.of(), SlackLimits.problems(dm));
    assertTrue(sections(dm).get(2).endsWith("*Identified* from <@UALICE>\nthe pool is exhausted"), blocksText(dm));
    assertTrue(blocksText(dm).contains(CatchupView.TIMELINE), blocksText(dm));
    assertTrue(dm.json("metadata").contains("candor_job"), "sent once across a crash: " + dm.json("metadata"));

    // Slack redelivers the event; Dan leaves and joins again; a second replica schedules the same catch-up again
    assertEquals(200, candor.requests.event(join, Map.of("X-Slack-Retry-Num", "1",
        "X-Slack-Retry-Reason", "http_timeout")).status());
    candor.awaitProcessed(joinId);
    candor.leaves(channel, DAN);
    candor.joins(channel, DAN);
    String key = CatchupOnJoin.sendKey(incident.id(), DAN);
    jobs.schedule(CatchupOnJoin.SEND, key, incident.id().value() + ":" + DAN, clock.instant());
    Eventually.await(() -> jobs.find(key).filter(j -> j.status() == Job.Status.DONE).isPresent(),
        "the second job ran");
    candor.awaitJobsIdle();

    assertEquals(1, catchupDms(DAN).size(), "one catch-up, however often the join was heard");

    // [Timeline] in the DM opens the timeline
    candor.requests.interaction(SlackPayloads.button(slack, DAN, CatchupView.TIMELINE, channel, "catchup-dm"));
    slack.await("views.open", c -> "trig-catchup_timeline-UDAN".equals(c.param("trigger_id"))
        && c.json("view").contains("\"callback_id\":\"timeline\""));
  }

  /**
   * The hard rule: a job never waits on Slack. A rate limit on the DM (a Retry-After a waiting gateway would sleep
   * through) makes the job come back after it, and the runner's one thread goes on with other jobs meanwhile.
   */
  @Test
  void aRateLimitedCatchup_comesBackLater_withoutHoldingTheJobRunner() throws Exception {
    start(Map.of());
    Incident incident = declare("declare checkout errors sev2");
    String channel = incident.channelId();
    slack.script("chat.postMessage", c -> ("D" + DAN).equals(c.param("channel")), new MockResponse.Builder()
        .code(429).addHeader("Retry-After", "20").addHeader("Content-Type", "application/json")
        .body("{\"ok\":false,\"error\":\"ratelimited\"}").build());

    candor.joins(channel, DAN);
    String key = CatchupOnJoin.sendKey(incident.id(), DAN);
    Eventually.await(() -> jobs.find(key).filter(j -> j.status() == Job.Status.PENDING
        && !j.runAt().isBefore(clock.instant().plusSeconds(20))).isPresent(), "the catch-up put off past Retry-After");
    assertEquals(1, slack.calls("chat.postMessage").stream().filter(c -> ("D" + DAN).equals(c.param("channel")))
        .count(), "one attempt, no retry within the run");

    // meanwhile the runner goes on: the status update's announcement is a job too
    candor.requests.command(ALICE, channel, "status identified the pool is exhausted");
    slack.await("chat.postMessage", c -> channel.equals(c.param("channel"))
        && c.param("text").contains("the pool is exhausted"));
    assertEquals(1, catchupDms(DAN).size(), "still only the rate-limited attempt");

    clock.set(jobs.find(key).orElseThrow().runAt());
    Eventually.await(() -> jobs.find(key).filter(j -> j.status() == Job.Status.DONE).isPresent(), "sent at last");
    assertEquals(2, catchupDms(DAN).size(), "the rate-limited attempt, then the one that went out");
    assertTrue(blocksText(catchupDms(DAN).get(1)).contains("the pool is exhausted"), "as the record is by then");
  }

  @Test
  void nobodyPresentAtDeclaration_norTheDeclarer_norABot_norCandor_getsOne_andNoneAfterResolution() {
    start(Map.of());
    Incident incident = declare("declare checkout errors sev2");
    String channel = incident.channelId();

    candor.joins(channel, CAROL); // present at declaration (her join heard late)
    candor.joins(channel, ALICE); // the declarer
    candor.joins(channel, ALERTBOT); // a bot
    candor.joins(channel, FakeSlack.BOT_USER); // Candor itself
    candor.joins(channel, DAN); // someone new: the one catch-up
    awaitCatchupDm(DAN);
    candor.awaitJobsIdle();

    for (String user : List.of(CAROL, ALICE, ALERTBOT, FakeSlack.BOT_USER)) {
      assertEquals(List.of(), catchupDms(user), user);
    }
    assertEquals(1, catchupDms(DAN).size());

    candor.requests.command(ALICE, channel, "resolve fixed");
    Eventually.await(() -> !incidents.byId(incident.id()).orElseThrow().isOpen(), "resolved");
    candor.joins(channel, EVE);
    candor.awaitJobsIdle();
    assertEquals(List.of(), catchupDms(EVE), "a resolved incident has no one to catch up");
  }

  @Test
  void aPrivateIncidentsCatchup_goesOnlyToItsMembers() {
    start(Map.of());
    candor.requests.interaction(SlackPayloads.declareSubmission("VDECL", "CGENERAL", "secret db thing", "SEV2", "",
        "private", "new"));
    String channel = slack.await("conversations.invite").param("channel");
    slack.await("conversations.setTopic", c -> channel.equals(c.param("channel")));
    Incident incident = incidents.byChannel(channel).orElseThrow();
    assertTrue(incident.privateChannel());
    awaitRoster(incident);

    candor.joins(channel, DAN);
    var dm = awaitCatchupDm(DAN);
    assertTrue(dm.param("text").contains("secret db thing"), "a member is told");

    // Eve is heard joining, but has left before her catch-up is sent: she is told nothing
    candor.heard(SlackEvents.joined(channel, EVE, SlackEvents.newTs(clock.instant())));
    candor.awaitJobsIdle();
    assertEquals(List.of(), catchupDms(EVE));
    assertTrue(slack.calls("chat.postMessage").stream().filter(c -> ("D" + EVE).equals(c.param("channel")))
        .noneMatch(c -> c.param("text").contains("secret")), "nothing of it reaches her");

    // and [Timeline], clicked by someone outside the channel, opens nothing
    int opened = slack.calls("views.open").size();
    candor.requests.interaction(SlackPayloads.button(slack, EVE, CatchupView.TIMELINE, channel, "catchup-eve"));
    var refusal = slack.await("response_url", c -> c.body().contains("channel any more, so I can"), Duration.ofSeconds(15));
    assertFalse(refusal.body().contains("secret"), refusal.body());
    assertEquals(opened, slack.calls("views.open").size());
  }

  @Test
  void catchupOnJoinOff_sendsNoDm_butTheCommandStillAnswers() {
    start(Map.of("CANDOR_CATCHUP_ON_JOIN", "off"));
    candor.requests.command(ALICE, "CGENERAL", "declare checkout errors sev2");
    String channel = slack.await("conversations.invite").param("channel");
    slack.await("conversations.setTopic", c -> channel.equals(c.param("channel")));
    Incident incident = incidents.byChannel(channel).orElseThrow();

    candor.joins(channel, DAN);
    candor.awaitJobsIdle();

    assertEquals(List.of(), catchupDms(DAN));
    assertTrue(jobs.find(CatchupOnJoin.rosterKey(incident.id())).isEmpty(), "no roster read");
    assertTrue(jobs.find(CatchupOnJoin.sendKey(incident.id(), DAN)).isEmpty(), "no catch-up scheduled");
    assertTrue(askCatchup(DAN, channel).body().contains("Catching up on INC-1"));
  }

  @Test
  void aHugeIncident_staysWithinSlacksLimits_sayingHowManyMoreThereAre() throws Exception {
    start(Map.of());
    Incident incident = declare("declare checkout errors sev2");
    String channel = incident.channelId();
    for (int i = 1; i <= 3; i++) {
      candor.requests.command(ALICE, channel, "status identified " + i + " " + "<!here> & <@UBOB|bob> ".repeat(1)
          + "x".repeat(2_900 - 30));
    }
    // 5,000 entries, every one a key event (a note by hand) with long words; 200 open follow-ups
    var dataSource = candor.candor.database().dataSource();
    var timeline = new TimelineService(new JdbcTimelineStore(dataSource),
        LocalKey.load(LocalKey.besideDatabase("jdbc:sqlite:" + dir.resolve("candor.db"))), clock);
    List<Map.Entry<dev.candor.incident.IncidentId, Observation>> notes = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      String ts = SlackTs.of(clock.instant().plusMillis(i));
      notes.add(Map.entry(incident.id(), new Observation("note-" + i, EntryKind.ACTION, channel, ts, null, BOB,
          "note " + i + " <@UBOB> " + "&<>".repeat(300), null, "NOTE", Source.CANDOR, clock.instant())));
    }
    timeline.recordAll(notes);
    var followUps = new JdbcFollowUpRepository(dataSource);
    for (int i = 0; i < 200; i++) {
      followUps.insert(new FollowUp(0, incident.id(), "follow-up " + i + " " + "<b>".repeat(100), BOB,
          ZoneOffset.UTC, LocalDate.parse("2026-12-20").plusDays(i % 30), Level.SOFTWARE, FollowUp.Status.OPEN, null,
          ALICE, clock.instant(), 1));
    }

    var reply = askCatchup(DAN, channel);
    candor.joins(channel, DAN);
    var dm = awaitCatchupDm(DAN);

    for (FakeSlack.Call call : List.of(reply, dm)) {
      assertEquals(List.of(), SlackLimits.problems(call), call.method());
      String blocks = blocksText(call);
      assertTrue(JSON.readTree(blocks).size() <= 50, blocks.length() + " characters of blocks");
      assertTrue(blocks.contains("Latest 3 updates"), call.method());
      assertTrue(blocks.matches("(?s).*…and \\d[\\d,]* more.*"), "says how many key events are left out");
      assertTrue(blocks.contains("…and 190 more"), "and how many follow-ups: " + call.method());
      assertFalse(blocks.contains("<!here>"), call.method());
    }
  }
}
