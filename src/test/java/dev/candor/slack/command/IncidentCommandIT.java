package dev.candor.slack.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentChange;
import dev.candor.incident.IncidentState;
import dev.candor.incident.Role;
import dev.candor.incident.Severity;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SignedSlack;
import dev.candor.testing.SignedSlack.Answer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every {@code /incident} subcommand through the real HTTP server, signed as Slack signs, against FakeSlack. */
class IncidentCommandIT {
  static final String ALICE = "UALICE";
  static final String BOB = "UBOB";

  @TempDir Path dir;
  RunningCandor candor;
  FakeSlack slack;
  JdbcIncidentRepository store;

  @BeforeEach
  void start() {
    candor = RunningCandor.start(dir, Map.of("INCIDENTS_CHANNEL", "CINCIDENTS"));
    slack = candor.slack;
    slack.addChannel("CGENERAL", "general", false, false, ALICE, BOB);
    slack.addChannel("CINCIDENTS", "incidents", false, true);
    store = new JdbcIncidentRepository(candor.candor.database().dataSource());
  }

  @AfterEach
  void stop() {
    candor.close();
  }

  /** Prints (and keeps in target/ack-times.txt) how fast Slack got its answer to every slash command. */
  @AfterAll
  static void reportAckTimes() throws IOException {
    List<Long> nanos = new ArrayList<>(SignedSlack.COMMAND_ACK_NANOS);
    if (nanos.isEmpty()) {
      return;
    }
    Collections.sort(nanos);
    String line = String.format(Locale.ROOT,
        "slash command acks through the real server: n=%d, median=%.1f ms, p95=%.1f ms, worst=%.1f ms",
        nanos.size(), nanos.get(nanos.size() / 2) / 1e6, nanos.get((int) (nanos.size() * 0.95)) / 1e6,
        nanos.get(nanos.size() - 1) / 1e6);
    System.out.println(line);
    Files.writeString(Path.of("target", "ack-times.txt"), line + System.lineSeparator());
  }

  /** Declares from #general and returns the stored incident once its channel is set up. */
  private Incident declare(String text) {
    int before = slack.calls("conversations.invite").size();
    Answer ack = candor.requests.command(ALICE, "CGENERAL", text);
    assertEquals(200, ack.status());
    slack.await("conversations.invite", c -> slack.calls("conversations.invite").size() > before);
    String channelId = slack.calls("conversations.invite").get(before).param("channel");
    slack.await("conversations.setTopic", c -> channelId.equals(c.param("channel")));
    return store.byChannel(channelId).orElseThrow(() -> new AssertionError("no incident stored for " + channelId));
  }

  private Answer in(Incident incident, String user, String text) {
    return candor.requests.command(user, incident.channelId(), text);
  }

  private FakeSlack.Call announcementContaining(String channel, String fragment) {
    return slack.await("chat.postMessage",
        c -> channel.equals(c.param("channel")) && c.param("text").contains(fragment));
  }

  @Test
  void aChannelLeftByADeclarationThatDied_isAdoptedByTheSameDeclarationAgain_notLeftBehindForA2() {
    // Candor made the channel for INC-1, then died before storing it: the next declaration takes number 1 again
    List<String> orphans = new ArrayList<>();
    FakeSlack.Channel orphan = slack.addChannel("CORPHAN0", "inc-1-checkout-down", false, true);
    orphan.creator = FakeSlack.BOT_USER;
    orphans.add(orphan.id);
    slack.addChannel("COTHER", "inc-2-payments-down", false, true); // someone else's

    Incident adopted = declare("declare Checkout down sev2");
    Incident fresh = declare("declare Payments down sev2");

    assertTrue(orphans.contains(adopted.channelId()), adopted.channelId());
    assertEquals(ALICE, slack.calls("conversations.invite").get(0).param("users"), "the declarer invited to it");
    assertTrue(slack.calls("conversations.create").stream().noneMatch(c -> c.param("name").contains("checkout-down-2")),
        "no -2: " + slack.describe());
    assertTrue(fresh.channelName().endsWith("-payments-down-2"), "someone else's channel is not adopted: "
        + fresh.channelName());
  }

  @Test
  void declare_createsNamedChannel_invitesDeclarerAsCommander_andAnnouncesEverywhere() {
    Incident incident = declare("declare Checkout errors in EU sev2");
    assertEquals("inc-" + incident.id().value() + "-checkout-errors-in-eu", incident.channelName());
    assertEquals(Severity.SEV2, incident.severity());
    assertEquals(ALICE, incident.roles().commander());
    assertEquals(IncidentState.INVESTIGATING, incident.state());
    assertEquals("CGENERAL", incident.originChannelId());
    assertEquals(ALICE, slack.await("conversations.invite").param("users"));
    announcementContaining(incident.channelId(), "INC-" + incident.id().value());
    assertTrue(slack.await("conversations.setTopic").param("topic").startsWith("Investigating · SEV2 · Commander: <@UALICE>"));
    var origin = json(slack.await("response_url").body());
    assertEquals("in_channel", origin.get("response_type"));
    assertTrue(origin.get("text").toString().contains("<#" + incident.channelId() + ">"), origin.toString());
    announcementContaining("CINCIDENTS", "declared");
    assertEquals(List.of(IncidentChange.Kind.DECLARED),
        store.changes(incident.id()).stream().map(IncidentChange::kind).toList());
  }

  @Test
  void declare_withoutSeverity_isSev3_andANameClashGetsASuffix() {
    // the name Candor tries first carries the first incident's number
    slack.takeName("inc-1-db-latency");
    Incident incident = declare("declare db latency");
    assertEquals(Severity.SEV3, incident.severity());
    assertTrue(incident.channelName().endsWith("-db-latency-2"), incident.channelName());
  }

  @Test
  void declare_insideAnIncidentChannel_answersThatItAlreadyIsOne_andStoresNothing() {
    Incident incident = declare("declare db latency sev2");
    Answer again = in(incident, BOB, "declare another thing");
    assertTrue(again.text().contains("already is " + incident.id()), again.text());
    assertEquals(1, store.open().size());
  }

  @Test
  void declare_doubleSubmitOrRedelivery_yieldsOneIncident() {
    Incident incident = declare("declare db latency sev2");
    candor.requests.command(ALICE, "CGENERAL", "declare DB  Latency sev2");
    var notice = json(slack.await("response_url", c -> c.body().contains("just declared")).body());
    assertEquals("ephemeral", notice.get("response_type"));
    candor.requests.command(ALICE, "CGENERAL", "declare other title", "trig-redelivered");
    candor.requests.command(ALICE, "CGENERAL", "declare other title", "trig-redelivered");
    slack.await("response_url", c -> c.body().contains("just declared") && c.param("id").equals("trig-redelivered"));
    assertEquals(2, store.open().size());
    assertEquals(2, slack.calls("conversations.create").size());
    assertTrue(store.byId(incident.id()).isPresent());
  }

  @Test
  void status_setsStateAndAnnouncesTheUpdate_andKeepsWhoAndWhen() {
    Incident incident = declare("declare db latency sev2");
    Answer ack = in(incident, BOB, "status identified the EU cache node is saturated");
    assertEquals(200, ack.status());
    assertEquals("", ack.body());
    announcementContaining(incident.channelId(), "the EU cache node is saturated");
    Incident after = store.byId(incident.id()).orElseThrow();
    assertEquals(IncidentState.IDENTIFIED, after.state());
    IncidentChange change = last(incident);
    assertEquals(IncidentChange.Kind.STATUS, change.kind());
    assertEquals(BOB, change.actor());
    assertEquals("the EU cache node is saturated", change.text());
    assertTrue(Duration.between(change.at(), Instant.now()).abs().getSeconds() < 60);
    slack.await("conversations.setTopic", c -> c.param("topic").startsWith("Identified"));

    in(incident, BOB, "status still looking");
    announcementContaining(incident.channelId(), "still looking");
    assertEquals(IncidentState.IDENTIFIED, store.byId(incident.id()).orElseThrow().state());
  }

  @Test
  void mitigated_sev_role_title_summary_allChangeTheIncidentAndAreAnnounced() {
    Incident incident = declare("declare db latency sev2");
    in(incident, BOB, "mitigated moved traffic to us-east");
    announcementContaining(incident.channelId(), "mitigated");
    in(incident, BOB, "sev 1");
    announcementContaining(incident.channelId(), "SEV1");
    in(incident, BOB, "role comms <@UCAROL|carol>");
    announcementContaining(incident.channelId(), "<@UCAROL>");
    in(incident, BOB, "role commander <@UBOB>");
    in(incident, BOB, "title Checkout latency on EU shards");
    announcementContaining(incident.channelId(), "Checkout latency on EU shards");
    in(incident, BOB, "summary Card payments failed for 20% of EU users");
    announcementContaining(incident.channelId(), "Card payments failed");

    Incident after = store.byId(incident.id()).orElseThrow();
    assertEquals(IncidentState.MONITORING, after.state());
    assertTrue(after.times().mitigated() != null);
    assertEquals(Severity.SEV1, after.severity());
    assertEquals("UCAROL", after.roles().holder(Role.COMMS).orElseThrow());
    assertEquals(BOB, after.roles().commander());
    assertEquals("Checkout latency on EU shards", after.title());
    assertEquals("Card payments failed for 20% of EU users", after.summary());
    assertEquals(7, store.changes(incident.id()).size());
    slack.await("conversations.setTopic", c -> c.param("topic").contains("Commander: <@UBOB>"));
  }

  @Test
  void resolve_reopen_cancel_followTheLifecycle_andEndingsReachTheIncidentsChannel() {
    Incident incident = declare("declare db latency sev2");
    in(incident, BOB, "resolve rolled back the config change");
    announcementContaining(incident.channelId(), "resolved");
    announcementContaining("CINCIDENTS", "was resolved");
    Incident resolved = store.byId(incident.id()).orElseThrow();
    assertEquals(IncidentState.RESOLVED, resolved.state());
    assertEquals("rolled back the config change", resolved.summary());

    Answer twice = in(incident, BOB, "resolve");
    assertTrue(twice.text().contains("reopen"), twice.text());

    in(incident, BOB, "reopen");
    announcementContaining(incident.channelId(), "reopened");
    assertEquals(IncidentState.INVESTIGATING, store.byId(incident.id()).orElseThrow().state());

    in(incident, BOB, "cancel false alarm from a flaky probe");
    announcementContaining(incident.channelId(), "cancelled");
    assertEquals(IncidentState.CANCELLED, store.byId(incident.id()).orElseThrow().state());
    assertTrue(store.open().isEmpty());
  }

  @Test
  void help_listsEverySubcommandWithAnExample_ephemerally() {
    Answer help = candor.requests.command(ALICE, "CGENERAL", "help");
    assertEquals(200, help.status());
    assertEquals("ephemeral", help.json().get("response_type"));
    for (String sub : List.of("declare", "status", "mitigated", "sev", "role", "title", "summary", "resolve",
        "reopen", "cancel", "list")) {
      assertTrue(help.text().contains("/incident " + sub), sub);
    }
  }

  @Test
  void list_showsOnlyOpenIncidentsInChannelsTheCallerIsIn() {
    Incident mine = declare("declare db latency sev2");
    candor.requests.command(ALICE, "CGENERAL", "declare private thing sev4");
    String other = slack.await("conversations.create", c -> c.param("name").endsWith("private-thing")).param("name");
    slack.await("conversations.setTopic", c -> slack.calls("conversations.setTopic").size() >= 2);
    assertTrue(other.endsWith("private-thing"));
    candor.requests.command(BOB, "CGENERAL", "list", "trig-list");
    var list = slack.await("response_url", c -> c.param("id").equals("trig-list"));
    assertEquals("ephemeral", json(list.body()).get("response_type"));
    assertFalse(list.body().contains(mine.title()), "Bob is in no incident channel: " + list.body());

    candor.requests.command(ALICE, "CGENERAL", "list", "trig-list-alice");
    var aliceList = slack.await("response_url", c -> c.param("id").equals("trig-list-alice"));
    assertTrue(aliceList.body().contains("db latency") && aliceList.body().contains("private thing"), aliceList.body());
  }

  @Test
  void badInput_getsAClearEphemeralMessage_andStoresNothing() {
    Incident incident = declare("declare db latency sev2");
    int changes = store.changes(incident.id()).size();
    slack.removeUser("UGHOST");
    Map<String, String> cases = Map.of(
        "frobnicate", "I don't know `frobnicate`",
        "status", "Say what changed",
        "sev 7", "is not a severity",
        "role commander <@UGHOST|ghost>", "can't find that person",
        "role commander @bob", "Pick the person",
        "role pilot <@UBOB>", "Name a role",
        "cancel", "Say why",
        "title", "Give the new title",
        "status " + "x".repeat(3_001), "at most 3,000");
    cases.forEach((text, expected) -> {
      Answer a = in(incident, BOB, text);
      assertEquals(200, a.status());
      assertEquals("ephemeral", a.json().get("response_type"), text);
      assertTrue(a.text().contains(expected), text + " -> " + a.text());
    });
    Answer declareBadSev = candor.requests.command(ALICE, "CGENERAL", "declare db sev9");
    assertTrue(declareBadSev.text().contains("is not a severity"), declareBadSev.text());
    Answer outside = candor.requests.command(ALICE, "CGENERAL", "status all good");
    assertTrue(outside.text().contains("only works in an incident channel"), outside.text());
    assertEquals(changes, store.changes(incident.id()).size());
    assertEquals(1, store.open().size());
  }

  @Test
  void userText_isEscaped_soNoOneCanPingChannelThroughCandor_whileAMentionedPersonStaysMentioned() {
    Incident incident = declare("declare db latency sev2");
    // as Slack sends it: @channel picked from the menu is markup, a typed "<!here>" arrives escaped
    in(incident, BOB, "status <!channel> look &amp; see <@UALICE> &lt;!here&gt; <!subteam^S0SRE|@sre>");
    var post = announcementContaining(incident.channelId(), "look &amp; see");
    assertTrue(post.param("text").contains("@channel look &amp; see <@UALICE> &lt;!here&gt; @sre"),
        post.param("text"));
    for (String live : List.of("<!channel>", "<!here>", "<!subteam")) {
      assertFalse(post.param("text").contains(live), post.param("text"));
      assertFalse(post.json("blocks").contains(live), post.json("blocks"));
    }
  }

  @Test
  void slackEscapedCommandText_isStoredAsTypedAndEscapedOnceWhenShown() {
    Incident incident = declare("declare db &amp; cache &lt;b&gt; sev2");
    assertEquals("db & cache <b>", incident.title());
    in(incident, BOB, "status ask <@UALICE|alice> about &lt;!here&gt; &amp; <!channel>");
    var post = announcementContaining(incident.channelId(), "ask <@UALICE>");
    assertTrue(post.param("text").contains("ask <@UALICE> about &lt;!here&gt; &amp; @channel"), post.param("text"));
    assertEquals("ask <@UALICE> about <!here> & @channel", last(incident).text());
    assertTrue(slack.await("conversations.setTopic", c -> c.param("topic").contains("db &amp; cache &lt;b&gt;"))
        .param("topic").endsWith("db &amp; cache &lt;b&gt;"));
  }

  private static Map<?, ?> json(String body) {
    return new Answer(200, body, Duration.ZERO).json();
  }

  private IncidentChange last(Incident incident) {
    List<IncidentChange> changes = store.changes(incident.id());
    return changes.get(changes.size() - 1);
  }
}
