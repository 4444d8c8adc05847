package dev.candor.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.Incident;
import dev.candor.jobs.Job;
import dev.candor.store.JdbcFollowUpRepository;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcJobStore;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SignedSlack;
import dev.candor.testing.SlackEvents;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Follow-ups through the real server: the command, the owner's DM as a durable job, the list, [Done]. */
class FollowUpIT {
  @TempDir Path dir;
  RunningCandor candor;
  FakeSlack slack;
  Incident incident;
  JdbcFollowUpRepository followUps;

  @BeforeEach
  void start() {
    candor = RunningCandor.start(dir, Map.of("CANDOR_JOBS_POLL", "1s"));
    slack = candor.slack;
    slack.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
    candor.requests.command("UALICE", "CGENERAL", "declare checkout errors sev2");
    String channel = slack.await("conversations.invite").param("channel");
    slack.await("conversations.setTopic");
    incident = new JdbcIncidentRepository(candor.candor.database().dataSource()).byChannel(channel).orElseThrow();
    followUps = new JdbcFollowUpRepository(candor.candor.database().dataSource());
  }

  @AfterEach
  void stop() {
    candor.close();
  }

  @Test
  void aFollowUp_isAnnounced_andItsOwnerGetsADmOnce_withDoneAndSnooze() {
    // "in 2 weeks" counts from Candor's today in the owner's zone, somewhere between these two
    LocalDate todayBefore = LocalDate.now(ZoneId.of("Europe/Berlin"));
    var ack = candor.requests.command("UALICE", incident.channelId(),
        "followup <@UBOB|bob> in 2 weeks add a pre-deploy schema check #process");
    assertEquals(200, ack.status());
    assertEquals("", ack.body());
    slack.await("chat.postMessage", c -> incident.channelId().equals(c.param("channel"))
        && c.param("text").contains("added a follow-up"));
    FollowUp f = followUps.forIncident(incident.id()).get(0);
    assertEquals("add a pre-deploy schema check", f.title());
    assertEquals(Level.PROCESS, f.level());
    assertEquals(ZoneId.of("Europe/Berlin"), f.ownerZone(), "the owner's zone from users.info");
    LocalDate todayAfter = LocalDate.now(ZoneId.of("Europe/Berlin"));
    assertTrue(List.of(todayBefore.plusWeeks(2), todayAfter.plusWeeks(2)).contains(f.due()),
        f.due() + ": two weeks from " + todayBefore + (todayAfter.equals(todayBefore) ? "" : " or " + todayAfter));
    var dm = slack.await("chat.postMessage", c -> "DUBOB".equals(c.param("channel")));
    assertTrue(dm.param("text").contains("You own a follow-up"), dm.param("text"));
    assertTrue(dm.param("text").contains("in <#" + incident.channelId() + ">"), "links the channel: " + dm.param("text"));
    assertTrue(dm.param("text").contains("<@UALICE> assigned it to you"), "says who: " + dm.param("text"));
    assertFalse(dm.param("text").contains("<@UBOB>"), "does not mention its own reader: " + dm.param("text"));
    assertTrue(dm.json("metadata").contains("candor_job"), "the job id travels with the message");
    assertTrue(dm.json("blocks").contains("followup_done") && dm.json("blocks").contains("followup_snooze"));
    var list = candor.requests.command("UBOB", incident.channelId(), "followups");
    assertTrue(list.text().contains("add a pre-deploy schema check") && list.text().contains("process"), list.text());
  }

  @Test
  void done_closesIt_onlyForItsOwner_andTellsAnyoneElsePrivatelyWhoOwnsIt() {
    candor.requests.command("UALICE", incident.channelId(), "followup <@UBOB|bob> tomorrow fix the alert threshold");
    slack.await("chat.postMessage", c -> "DUBOB".equals(c.param("channel")));
    FollowUp f = followUps.forIncident(incident.id()).get(0);
    candor.requests.interaction(click("UALICE", f.id(), "stranger"));
    var refused = new SignedSlack.Answer(200,
        slack.await("response_url", c -> "stranger".equals(c.param("id"))).body(), Duration.ZERO);
    assertTrue(refused.text().contains("belongs to <@UBOB> now, so only they can"), refused.body());
    assertEquals("ephemeral", refused.json().get("response_type"), "only the clicker sees it");
    assertEquals(false, refused.json().get("replace_original"), "beside the message, which stays");
    assertEquals(FollowUp.Status.OPEN, followUps.byId(f.id()).orElseThrow().status(), "a stranger's click changes nothing");
    candor.requests.interaction(click("UBOB", f.id(), "owner"));
    var replaced = slack.await("response_url", c -> "owner".equals(c.param("id")));
    assertTrue(replaced.body().contains("Done"), replaced.body());
    assertEquals(FollowUp.Status.DONE, followUps.byId(f.id()).orElseThrow().status());
  }

  @Test
  void drop_needsAReason_isAnnounced_andEndsTheReminders() {
    candor.requests.command("UALICE", incident.channelId(), "followup <@UBOB|bob> in 1 week rewrite the runbook");
    slack.await("chat.postMessage", c -> "DUBOB".equals(c.param("channel")));
    FollowUp f = followUps.forIncident(incident.id()).get(0);
    var noReason = candor.requests.command("UALICE", incident.channelId(), "followup drop " + f.id());
    assertTrue(noReason.text().contains("say why"), noReason.text());
    var unknown = candor.requests.command("UALICE", incident.channelId(), "followup drop 999 nothing");
    assertTrue(unknown.text().contains("no follow-up #999"), unknown.text());
    var dropped = candor.requests.command("UALICE", incident.channelId(),
        "followup drop #" + f.id() + " covered by the platform migration");
    assertEquals("", dropped.body());
    slack.await("chat.postMessage", c -> incident.channelId().equals(c.param("channel"))
        && c.param("text").contains("dropped follow-up #" + f.id()));
    FollowUp after = followUps.byId(f.id()).orElseThrow();
    assertEquals(FollowUp.Status.DROPPED, after.status());
    assertEquals("covered by the platform migration", after.dropReason());
    var jobs = new JdbcJobStore(candor.candor.database().dataSource(), Clock.systemUTC());
    assertTrue(jobs.list("followup:" + f.id() + ":").stream()
        .noneMatch(j -> j.status() == Job.Status.PENDING), "no reminder is left pending");
    var list = candor.requests.command("UALICE", incident.channelId(), "followups");
    assertTrue(list.text().contains("dropped: covered by the platform migration"), list.text());
  }

  @Test
  void badFollowUps_getAClearMessage_andStoreNothing() {
    Map<String, String> cases = Map.of(
        "followup bob friday do a thing", "Start with the owner",
        "followup <@UBOB|bob> someday do a thing", "can't read the due date",
        "followup <@UBOB|bob> friday do a thing #vibes", "is not a level",
        "followup <@UBOB|bob> friday", "Say what is to be done");
    cases.forEach((text, expected) -> {
      var answer = candor.requests.command("UALICE", incident.channelId(), text);
      assertTrue(answer.text().contains(expected), text + " -> " + answer.text());
    });
    // checked once the owner is looked up, after Slack was answered: said privately through response_url
    slack.removeUser("UGHOST");
    candor.requests.command("UALICE", incident.channelId(), "followup <@UBOB|bob> 2020-01-01 do a thing", "trig-past");
    candor.requests.command("UALICE", incident.channelId(), "followup <@UGHOST|ghost> friday do a thing", "trig-ghost");
    var past = new SignedSlack.Answer(200,
        slack.await("response_url", c -> "trig-past".equals(c.param("id"))).body(), Duration.ZERO);
    assertTrue(past.text().contains("in the past") && "ephemeral".equals(past.json().get("response_type")),
        past.body());
    var ghost = new SignedSlack.Answer(200,
        slack.await("response_url", c -> "trig-ghost".equals(c.param("id"))).body(), Duration.ZERO);
    assertTrue(ghost.text().contains("can't find that person"), ghost.body());
    assertEquals(List.of(), followUps.forIncident(incident.id()));
    var outside = candor.requests.command("UALICE", "CGENERAL", "followup <@UBOB|bob> friday do a thing");
    assertTrue(outside.text().contains("only works in an incident channel"), outside.text());
  }

  @Test
  void appHome_showsMyIncidentsOnlyWhereIAmAMember_andMyFollowUpsOverdueFirst() {
    candor.requests.command("UBOB", incident.channelId(), "followup <@UALICE|alice> in 3 weeks later thing #culture");
    candor.requests.command("UBOB", incident.channelId(), "followup <@UALICE|alice> today urgent thing");
    slack.await("chat.postMessage", c -> "DUALICE".equals(c.param("channel")) && c.param("text").contains("urgent"));
    slack.await("chat.postMessage", c -> "DUALICE".equals(c.param("channel")) && c.param("text").contains("later"));
    home("UALICE");
    var alice = slack.await("views.publish", c -> "UALICE".equals(c.param("user_id")));
    String view = alice.json("view");
    assertTrue(view.contains("checkout errors"), view);
    assertTrue(view.contains("urgent thing") && view.indexOf("urgent thing") < view.indexOf("later thing"),
        "soonest due first: " + view);
    FollowUp urgent = followUps.forIncident(incident.id()).stream().filter(f -> f.title().equals("urgent thing"))
        .findFirst().orElseThrow();
    Map<String, Object> fromHome = Map.of("type", "block_actions", "team", Map.of("id", FakeSlack.TEAM),
        "user", Map.of("id", "UALICE", "name", "alice"), "api_app_id", "ACANDOR", "token", "deprecated",
        "trigger_id", "trig-home", "container", Map.of("type", "view", "view_id", "VHOME"),
        "view", Map.of("id", "VHOME", "type", "home", "hash", "h"),
        "actions", List.of(Map.of("action_id", "followup_done", "block_id", "b", "value", Long.toString(urgent.id()),
            "type", "button", "action_ts", "1700000000.4")));
    candor.requests.interaction(fromHome);
    // published again: the list without it, and on top what came of the click (the App Home has no response_url)
    slack.await("views.publish", c -> "UALICE".equals(c.param("user_id"))
        && c.json("view").contains("Done: *urgent thing*") && !c.json("view").contains("*urgent thing*\\nINC-1"));
    assertEquals(FollowUp.Status.DONE, followUps.byId(urgent.id()).orElseThrow().status());
    home("UCAROL");
    String carol = slack.await("views.publish", c -> "UCAROL".equals(c.param("user_id"))).json("view");
    assertTrue(!carol.contains("checkout errors"), "not a member, so not shown: " + carol);
  }

  private void home(String user) {
    var event = Map.<String, Object>of("type", "app_home_opened", "user", user, "channel", "D" + user, "tab", "home",
        "event_ts", "1700000000.1");
    assertEquals(200, candor.requests.event(SlackEvents.envelope(
        SlackEvents.newEventId(), event), Map.of()).status());
  }

  private Map<String, Object> click(String user, long id, String responseId) {
    return Map.of("type", "block_actions", "team", Map.of("id", FakeSlack.TEAM),
        "user", Map.of("id", user, "name", user.toLowerCase()), "api_app_id", "ACANDOR", "token", "deprecated",
        "trigger_id", "trig-" + responseId, "response_url", slack.responseUrl(responseId),
        "container", Map.of("type", "message", "channel_id", "DUBOB"),
        "actions", List.of(Map.of("action_id", "followup_done", "block_id", "b", "value", Long.toString(id),
            "type", "button", "action_ts", "1700000000.3")));
  }
}
