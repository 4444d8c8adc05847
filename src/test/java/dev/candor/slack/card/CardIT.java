package dev.candor.slack.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcTimelineStore;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SlackPayloads;
import dev.candor.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The living incident card through the real server, on a clock the test moves: posted as the declaration's message,
 * pinned and bookmarked; edited in place after changes made by commands and by its own buttons (a burst of them is
 * one edit, showing the newest state); posted again once when deleted; kept current when pins and bookmarks are not
 * allowed; asking who takes comms and scribe; refusing people outside the channel; its copy in INCIDENTS_CHANNEL
 * edited too.
 */
class CardIT {
  static final Map<String, String> ENV = Map.of("CANDOR_JOBS_POLL", "1s", "CANDOR_STATUS_REMINDER", "3650d",
      "INCIDENTS_CHANNEL", "CINCIDENTS", "CANDOR_CALL_URL", "https://meet.example.com/inc-{number}-{slug}");
  @TempDir Path dir;
  TestClock clock = TestClock.at("2026-12-01T12:00:00Z");
  RunningCandor candor;
  FakeSlack slack;
  String channel;
  String cardTs;

  @BeforeEach
  void start() {
    candor = RunningCandor.start(dir, ENV, clock);
    slack = candor.slack;
    slack.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
    slack.addChannel("CINCIDENTS", "incidents", false, true);
    candor.requests.command("UALICE", "CGENERAL", "declare checkout errors sev2");
    channel = slack.await("conversations.invite").param("channel");
    slack.channel(channel).members.add("UBOB");
    cardTs = slack.await("pins.add", c -> channel.equals(c.param("channel"))).param("timestamp");
  }

  @AfterEach
  void stop() {
    candor.close();
  }

  /** Lets the edits due one second after a change go out. */
  void settle() {
    candor.awaitJobsIdle();
    clock.advance(Duration.ofSeconds(1));
    candor.awaitJobsIdle();
    candor.awaitJobsIdle();
  }

  List<FakeSlack.Call> updatesIn(String where) {
    return slack.calls("chat.update").stream().filter(c -> where.equals(c.param("channel"))).toList();
  }

  String lastCard() {
    List<FakeSlack.Call> updates = updatesIn(channel);
    return updates.get(updates.size() - 1).json("blocks");
  }

  void command(String user, String text) {
    assertEquals("", candor.requests.command(user, channel, text).body(), "acked without a word: " + text);
  }

  @Test
  void declaring_postsTheCardFirst_pinsIt_andBookmarksItAndTheCall() {
    FakeSlack.Call first = slack.calls("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel")))
        .findFirst().orElseThrow();
    String blocks = first.json("blocks");
    assertTrue(first.param("text").contains("declared: checkout errors (SEV2, investigating)"), first.param("text"));
    assertTrue(blocks.contains("card_post_update") && blocks.contains("card_resolve"), blocks);
    assertTrue(blocks.contains("Who takes comms?") && blocks.contains("Who takes scribe?"), blocks);
    assertTrue(blocks.contains("https://meet.example.com/inc-1-checkout-errors"), blocks);
    assertTrue(slack.pins.contains(channel + " " + cardTs), slack.pins.toString());
    await(() -> slack.bookmarks.getOrDefault(channel, List.of()).size() == 2, "two bookmarks");
    var titles = slack.bookmarks.get(channel).stream().map(b -> b.get("title").asText()).toList();
    assertEquals(List.of("Incident card", "Call"), titles);
    assertTrue(slack.bookmarks.get(channel).get(0).get("link").asText().endsWith("/p" + cardTs.replace(".", "")));
    assertEquals(1, slack.calls("chat.postMessage").stream().filter(c -> "CINCIDENTS".equals(c.param("channel")))
        .count(), "one copy where every incident is announced");
  }

  @Test
  void aRedactedStatusUpdate_leavesTheCard() {
    command("UBOB", "status restarted the pool for customer bob@example.com");
    settle();
    assertTrue(lastCard().contains("bob@example.com"), lastCard());
    var incident = new JdbcIncidentRepository(candor.candor.database().dataSource()).byChannel(channel).orElseThrow();
    var store = new JdbcTimelineStore(candor.candor.database().dataSource());
    await(() -> store.entries(incident.id()).stream().anyMatch(e -> e.text().contains("bob@example.com")),
        "the update in the timeline");
    long seq = store.entries(incident.id()).stream().filter(e -> e.text().contains("bob@example.com")).findFirst()
        .orElseThrow().seq();
    var done = candor.requests.command("UALICE", channel, "redact " + seq + " a customer's address");
    assertTrue(done.text().contains("redacted"), done.text());
    settle();
    assertFalse(lastCard().contains("bob@example.com"), lastCard());
  }

  @Test
  void theCallLink_isShownInTheListOfOpenIncidents() {
    candor.joins(channel, "UALICE");
    assertEquals(200, candor.requests.command("UALICE", channel, "list").status());
    var reply = slack.await("response_url", c -> c.body().contains("Open incidents"));
    assertTrue(reply.body().contains("https://meet.example.com/inc-1-checkout-errors|call"), reply.body());
  }

  @Test
  void commands_editTheCardInPlace_andTheCopyToo_severityIncluded() {
    command("UBOB", "status identified the EU cache node is saturated");
    settle();
    assertTrue(lastCard().contains("the EU cache node is saturated") && lastCard().contains("Identified"), lastCard());
    assertEquals(cardTs, updatesIn(channel).get(0).param("ts"));

    command("UBOB", "sev 1");
    settle();
    assertTrue(lastCard().contains("SEV1"), lastCard());
    List<FakeSlack.Call> copies = updatesIn("CINCIDENTS");
    assertFalse(copies.isEmpty(), "the copy is edited");
    assertTrue(copies.get(copies.size() - 1).json("blocks").contains("SEV1"), "the copy hears of the severity");
    assertFalse(copies.get(copies.size() - 1).json("blocks").contains("card_post_update"), "the copy has no buttons");

    command("UALICE", "role comms <@UBOB|bob>");
    settle();
    assertTrue(lastCard().contains("*Comms:* <@UBOB>") && !lastCard().contains("Who takes comms?"), lastCard());

    command("UALICE", "resolve failed over to the spare");
    settle();
    assertTrue(lastCard().contains("Resolved") && lastCard().contains("card_reopen"), lastCard());
    assertFalse(lastCard().contains("card_post_update"), lastCard());
  }

  @Test
  void aBurstOfTenUpdates_isOneEdit_showingTheNewest() {
    for (int i = 1; i <= 10; i++) {
      command("UBOB", "status step " + i + " done");
    }
    int before = updatesIn(channel).size();
    settle();
    settle();
    assertEquals(before + 1, updatesIn(channel).size(), slack.describe());
    assertTrue(lastCard().contains("step 10 done"), lastCard());

    command("UBOB", "status step 11 done");
    settle();
    assertTrue(lastCard().contains("step 11 done"), "a newer state follows, never an older one");
    settle();
    assertEquals(before + 2, updatesIn(channel).size(), "an edit that would show the same is not made");
  }

  @Test
  void aRateLimitedEdit_waitsItsRetryAfter_throughTheJobsRetry_thenGoesOut() {
    slack.script("chat.update", c -> channel.equals(c.param("channel")), new mockwebserver3.MockResponse.Builder()
        .code(429).addHeader("Retry-After", "100").addHeader("Content-Type", "application/json")
        .body("{\"ok\":false,\"error\":\"ratelimited\"}").build());
    command("UBOB", "sev 1");
    settle();
    assertEquals(1, updatesIn(channel).size(), "asked once, answered 429");
    clock.advance(Duration.ofSeconds(90));
    candor.awaitJobsIdle();
    assertEquals(1, updatesIn(channel).size(), "not again before Retry-After");
    clock.advance(Duration.ofSeconds(20));
    candor.awaitJobsIdle();
    candor.awaitJobsIdle();
    assertEquals(2, updatesIn(channel).size(), slack.describe());
    assertTrue(lastCard().contains("SEV1"), lastCard());
  }

  @Test
  void anOpenCard_showsItsTimesAnew_everyTwoMinutes() {
    settle();
    int before = updatesIn(channel).size();
    clock.advance(Duration.ofMinutes(2));
    candor.awaitJobsIdle();
    candor.awaitJobsIdle();
    assertEquals(before + 1, updatesIn(channel).size(), slack.describe());
    assertTrue(lastCard().contains("*Started* 2 min"), lastCard());
  }

  @Test
  void aDeletedCard_isPostedAgainOnce_pinnedAndBookmarked() {
    await(() -> slack.bookmarks.getOrDefault(channel, List.of()).size() == 2, "the card and the call bookmarked");
    slack.deleteMessage(channel, cardTs);
    command("UBOB", "status still looking");
    settle();
    settle();
    List<FakeSlack.Call> cards = slack.calls("chat.postMessage").stream()
        .filter(c -> channel.equals(c.param("channel")) && c.param("text").contains("declared")).toList();
    assertEquals(2, cards.size(), slack.describe());
    assertTrue(cards.get(1).json("blocks").contains("still looking"));
    await(() -> slack.pins.stream().anyMatch(p -> p.startsWith(channel + " ") && !p.endsWith(cardTs)), "re-pinned");
    await(() -> slack.bookmarks.get(channel).size() == 3, "the new card bookmarked");

    slack.pins.stream().filter(p -> p.startsWith(channel + " ")).toList()
        .forEach(p -> slack.deleteMessage(channel, p.split(" ")[1]));
    command("UBOB", "status deleted again");
    settle();
    settle();
    assertEquals(2, slack.calls("chat.postMessage").stream()
        .filter(c -> channel.equals(c.param("channel")) && c.param("text").contains("declared")).count(),
        "posted again once only");
  }

  @Test
  void cardButtons_openFormsAndChangeTheIncidentLikeTheCommands() {
    click("UBOB", CardAction.SEVERITY.id());
    var opened = slack.await("views.open");
    assertTrue(opened.json("view").contains("card_severity_form"), opened.json("view"));
    submit("UBOB", CardAction.SEVERITY_FORM.id(), Map.of(CardForms.SEVERITY,
        SlackPayloads.chosen("SEV1")));
    settle();
    assertTrue(lastCard().contains("SEV1"), lastCard());
    assertTrue(updatesIn("CINCIDENTS").get(updatesIn("CINCIDENTS").size() - 1).json("blocks").contains("SEV1"));

    var again = submit("UBOB", CardAction.SEVERITY_FORM.id(), Map.of(CardForms.SEVERITY,
        SlackPayloads.chosen("SEV1")));
    assertTrue(again.body().contains("already is SEV1"), "the command's own refusal: " + again.body());

    click("UBOB", CardAction.POST_UPDATE.id());
    assertTrue(slack.await("views.open", c -> c.json("view").contains("home_status_form")).json("view")
        .contains("What changed"));

    submit("UBOB", CardAction.RESOLVE_FORM.id(), Map.of(CardForms.SUMMARY,
        SlackPayloads.typed("failed over")));
    settle();
    assertTrue(lastCard().contains("card_reopen"), lastCard());

    click("UBOB", CardAction.REOPEN.id());
    awaitIncident(i -> i.isOpen(), "reopened by the button"); // a click is acted on after its ack
    settle();
    assertTrue(lastCard().contains("card_post_update") && lastCard().contains("Investigating"), lastCard());
  }

  @Test
  void theRolesQuestion_assignsThePersonPicked_andTheCardShowsThem() {
    pick("UALICE", CardAction.PICK_SCRIBE.id(), "UBOB");
    awaitIncident(i -> "UBOB".equals(i.roles().scribe()), "the scribe picked"); // acted on after its ack
    settle();
    assertTrue(lastCard().contains("*Scribe:* <@UBOB>"), lastCard());
    assertFalse(lastCard().contains("Who takes scribe?"), lastCard());
    assertTrue(lastCard().contains("Who takes comms?"), lastCard());
  }

  @Test
  void someoneOutsideTheChannel_isRefusedKindly_andNothingChanges() {
    pick("UOUTSIDER", CardAction.PICK_COMMS.id(), "UOUTSIDER");
    var reply = slack.await("response_url", c -> "pick-UOUTSIDER".equals(c.param("id")));
    assertTrue(reply.body().contains("Only people in this incident"), reply.body());
    assertTrue(reply.body().contains("\"replace_original\":false"), reply.body());
    settle();
    assertTrue(updatesIn(channel).stream().noneMatch(c -> c.json("blocks").contains("<@UOUTSIDER>")));
  }

  @Test
  void withoutPinAndBookmarkScopes_theCardIsStillEdited() throws Exception {
    candor.close();
    FakeSlack fresh = new FakeSlack();
    fresh.script("pins.add", FakeSlack.json(200, "{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"pins:write\"}"));
    fresh.script("bookmarks.list", FakeSlack.json(200, "{\"ok\":false,\"error\":\"missing_scope\"}"));
    fresh.script("chat.getPermalink", FakeSlack.json(200, "{\"ok\":false,\"error\":\"missing_scope\"}"));
    candor = RunningCandor.start(fresh, dir.resolve("again"), ENV, clock);
    slack = fresh;
    slack.addChannel("CGENERAL", "general", false, false, "UALICE");
    candor.requests.command("UALICE", "CGENERAL", "declare checkout errors sev2");
    channel = slack.await("conversations.invite").param("channel");
    slack.await("pins.add");
    command("UALICE", "sev 1");
    settle();
    assertTrue(lastCard().contains("SEV1"), lastCard());
    assertTrue(slack.calls("bookmarks.add").isEmpty());
  }

  void awaitIncident(java.util.function.Predicate<dev.candor.incident.Incident> test, String what) {
    var incidents = new JdbcIncidentRepository(candor.candor.database().dataSource());
    await(() -> incidents.byChannel(channel).filter(test).isPresent(), what);
  }

  void click(String user, String actionId) {
    assertEquals(200, candor.requests.interaction(SlackPayloads.buttonInChannel(slack, user, channel, actionId, "1",
        "r-" + actionId + "-" + user)).status());
  }

  void pick(String user, String actionId, String picked) {
    Map<String, Object> p = Map.of("type", "block_actions", "team", Map.of("id", FakeSlack.TEAM),
        "user", Map.of("id", user, "name", user.toLowerCase()), "api_app_id", "ACANDOR", "token", "deprecated",
        "trigger_id", "trig-pick", "response_url", slack.responseUrl("pick-" + user),
        "channel", Map.of("id", channel, "name", "inc"),
        "container", Map.of("type", "message", "channel_id", channel, "message_ts", cardTs),
        "actions", List.of(Map.of("action_id", actionId, "block_id", "card_roles_question", "type", "users_select",
            "selected_user", picked, "action_ts", "1700000000.3")));
    assertEquals(200, candor.requests.interaction(p).status());
  }

  dev.candor.testing.SignedSlack.Answer submit(String user, String callbackId, Map<String, Object> values) {
    return candor.requests.interaction(SlackPayloads.followUpForm(callbackId, "1", user, values));
  }

  static void await(java.util.function.BooleanSupplier done, String what) {
    dev.candor.testing.Eventually.await(done, what);
  }
}
