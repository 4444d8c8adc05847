package dev.candor.followup;

import static dev.candor.testing.SlackPayloads.chosen;
import static dev.candor.testing.SlackPayloads.followUpForm;
import static dev.candor.testing.SlackPayloads.pickedDate;
import static dev.candor.testing.SlackPayloads.pickedUser;
import static dev.candor.testing.SlackPayloads.typed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentState;
import dev.candor.jobs.Job;
import dev.candor.store.JdbcFollowUpRepository;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcJobStore;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SignedSlack;
import dev.candor.testing.SlackEvents;
import dev.candor.testing.SlackPayloads;
import dev.candor.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private incident never shows up anywhere else, through the real server: its follow-ups are owned only by
 * members of its channel, and someone who left it hears nothing more of them — no DM, no App Home entry,
 * no levels question, no line in the weekly digest.
 */
class PrivateFollowUpsIT {
  static final Map<String, String> ENV = Map.of("CANDOR_JOBS_POLL", "1s", "CANDOR_STATUS_REMINDER", "3650d");
  @TempDir Path dir;
  TestClock clock;
  RunningCandor candor;
  FakeSlack slack;
  JdbcFollowUpRepository followUps;
  Incident secret;

  @BeforeEach
  void start() {
    clock = TestClock.at("2026-12-01T12:00:00Z"); // a Tuesday
    candor = RunningCandor.start(dir, ENV, clock);
    slack = candor.slack;
    slack.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB", "UCAROL");
    List.of("UALICE", "UBOB", "UCAROL").forEach(slack::dm);
    candor.requests.interaction(SlackPayloads.declareSubmission("VDECL", "CGENERAL", "payroll export leak", "SEV2",
        "", "private", "new"));
    String channel = slack.await("conversations.invite").param("channel");
    assertTrue(channel.startsWith("G"), channel);
    slack.await("conversations.setTopic", c -> channel.equals(c.param("channel")));
    candor.joins(channel, "UBOB"); // Bob is in the private channel, Carol is not
    followUps = new JdbcFollowUpRepository(candor.candor.database().dataSource());
    secret = new JdbcIncidentRepository(candor.candor.database().dataSource()).byChannel(channel).orElseThrow();
  }

  @AfterEach
  void stop() {
    candor.close();
  }

  @Test
  void aFollowUpForSomeoneOutsideThePrivateChannel_isRefusedEverywhere_andNothingIsStored() {
    candor.requests.command("UALICE", secret.channelId(), "followup <@UCAROL|carol> friday rotate the keys", "trig-c");
    var told = new SignedSlack.Answer(200, slack.await("response_url", c -> "trig-c".equals(c.param("id"))).body(),
        Duration.ZERO);
    assertEquals("ephemeral", told.json().get("response_type"), told.body());
    assertTrue(told.text().contains("<@UCAROL> isn't in this private channel; invite them first"), told.body());

    Map<?, ?> e = errors(addForm("UALICE", "UCAROL"));
    assertTrue(e.get("owner").toString().contains("isn't in this private channel; invite them first"), e.toString());
    e = errors(addForm("UCAROL", "UBOB")); // say from the levels question's [Add a follow-up]
    assertTrue(e.get("title").toString().contains("You aren't in this incident's private channel"), e.toString());
    assertEquals(List.of(), followUps.forIncident(secret.id()), "nothing stored");

    candor.requests.command("UALICE", secret.channelId(), "followup <@UBOB|bob> friday rotate the keys");
    await(() -> !dms("UBOB", "You own a follow-up").isEmpty(), "Bob, a member, is told");
    FollowUp f = followUps.forIncident(secret.id()).get(0);
    e = errors(candor.requests.interaction(followUpForm("followup_reassign_form", f.id() + ":1:dm", "UBOB",
        Map.of("owner", pickedUser("UCAROL")))));
    assertTrue(e.get("owner").toString().contains("isn't in this private channel; invite them first"), e.toString());
    assertEquals("UBOB", followUps.byId(f.id()).orElseThrow().owner(), "not handed over");
    assertTrue(slack.calls("chat.postMessage").stream().noneMatch(c -> "DUCAROL".equals(c.param("channel"))),
        "Carol hears nothing of the private incident");
  }

  @Test
  void someoneWhoLeftThePrivateChannel_getsNoReminder_andNoAppHomeEntry_whileTheRemindersGoOn() throws Exception {
    candor.requests.command("UALICE", secret.channelId(), "followup <@UBOB|bob> 2026-12-04 rotate the keys");
    await(() -> !dms("UBOB", "You own a follow-up").isEmpty(), "the assignment DM");
    FollowUp f = followUps.forIncident(secret.id()).get(0);
    assertTrue(home("UBOB").contains("rotate the keys"), "shown while Bob is a member");

    candor.leaves(secret.channelId(), "UBOB");
    assertFalse(home("UBOB").contains("rotate the keys"), "left out once Bob left the channel");

    String key = "followup:" + f.id() + ":remind";
    clock.set(Instant.parse("2026-12-02T08:00:00Z")); // two days before, 09:00 in Berlin
    Instant onTheDay = Instant.parse("2026-12-04T08:00:00Z");
    await(() -> jobs().find(key).map(j -> j.status() == Job.Status.PENDING && j.runAt().equals(onTheDay))
        .orElse(false), "the early reminder ran, and the next is planned");
    assertEquals(List.of(), dms("UBOB", "Reminder"), "nothing sent to someone outside the channel");

    candor.joins(secret.channelId(), "UBOB"); // invited back: the plan carries on
    clock.set(onTheDay);
    await(() -> dms("UBOB", "is due today").size() == 1, "the on-the-day reminder");
  }

  @Test
  void aCommanderWhoLeftThePrivateChannel_isNotAskedAboutIt_andTheDigestLeavesItOut() throws Exception {
    candor.requests.command("UALICE", "CGENERAL", "declare search is slow sev3");
    String open = slack.await("conversations.invite", c -> !secret.channelId().equals(c.param("channel")))
        .param("channel");
    slack.await("conversations.setTopic", c -> open.equals(c.param("channel")));
    candor.requests.command("UALICE", open, "followup <@UBOB|bob> 2026-12-20 add a query timeout #process");
    candor.requests.command("UALICE", secret.channelId(), "followup <@UBOB|bob> 2026-12-20 rotate the keys");
    await(() -> dms("UBOB", "You own a follow-up").size() == 2, "both assignment DMs");
    candor.requests.command("UALICE", secret.channelId(), "resolve contained");
    await(() -> new JdbcIncidentRepository(candor.candor.database().dataSource()).byId(secret.id()).orElseThrow()
        .state() == IncidentState.RESOLVED, "resolved");
    slack.channel(secret.channelId()).members.remove("UALICE");

    String levels = LevelsQuestion.key(secret.id());
    clock.advance(Duration.ofHours(5));
    await(() -> jobs().find(levels).map(j -> j.status() == Job.Status.DONE).orElse(false), "the levels job ran");
    assertEquals(List.of(), dms("UALICE", "What organization"), "not asked about a channel she left");

    clock.set(Instant.parse("2026-12-06T19:00:00Z"));
    await(() -> jobs().find("digest:UALICE:2026-W50").isPresent(), "the sweep scheduled her digest");
    clock.set(Instant.parse("2026-12-07T08:00:00Z"));
    await(() -> dms("UALICE", "Your weekly follow-ups").size() == 1, "Alice's digest");
    String digest = slack.channel("DUALICE").history.stream()
        .filter(m -> m.path("text").asText().contains("Your weekly follow-ups")).findFirst().orElseThrow().toString();
    assertTrue(digest.contains("add a query timeout"), digest);
    assertFalse(digest.contains("rotate the keys") || digest.contains("payroll"), digest);
  }

  SignedSlack.Answer addForm(String user, String owner) {
    Map<String, Object> values = new HashMap<>();
    values.put("title", typed("rotate the keys"));
    values.put("due_date", pickedDate("2026-12-20"));
    values.put("due_text", typed(""));
    values.put("level", chosen("PROCESS"));
    values.put("owner", pickedUser(owner));
    return candor.requests.interaction(followUpForm("followup_add_form", secret.channelId(), user, values));
  }

  static Map<?, ?> errors(SignedSlack.Answer a) {
    assertEquals(200, a.status(), a.body());
    assertEquals("errors", a.json().get("response_action"), a.body());
    return (Map<?, ?>) a.json().get("errors");
  }

  JdbcJobStore jobs() {
    return new JdbcJobStore(candor.candor.database().dataSource(), clock);
  }

  List<String> dms(String user, String words) {
    return slack.channel("D" + user).history.stream().map(m -> m.path("text").asText())
        .filter(t -> t.contains(words)).toList();
  }

  /** The App Home Candor publishes for {@code user} when they open it. */
  String home(String user) {
    int before = slack.calls("views.publish").size();
    var event = Map.<String, Object>of("type", "app_home_opened", "user", user, "channel", "D" + user, "tab", "home",
        "event_ts", "1700000000.1");
    assertEquals(200, candor.requests.event(SlackEvents.envelope(SlackEvents.newEventId(), event), Map.of()).status());
    await(() -> slack.calls("views.publish").size() > before, "the App Home of " + user);
    return slack.calls("views.publish").get(before).json("view");
  }

  static void await(BooleanSupplier done, String what) {
    Eventually.await(done, what);
  }
}
