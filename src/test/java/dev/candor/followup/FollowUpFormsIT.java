package dev.candor.followup;

import static dev.candor.testing.SlackPayloads.button;
import static dev.candor.testing.SlackPayloads.chosen;
import static dev.candor.testing.SlackPayloads.followUpForm;
import static dev.candor.testing.SlackPayloads.pickedDate;
import static dev.candor.testing.SlackPayloads.pickedUser;
import static dev.candor.testing.SlackPayloads.typed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.Incident;
import dev.candor.store.JdbcFollowUpRepository;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcJobStore;
import dev.candor.store.JdbcTimelineStore;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SignedSlack;
import dev.candor.testing.SlackEvents;
import dev.candor.timeline.TimelineEntry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The follow-up forms through the real server: add (the modal), edit and reassign from a DM or the App Home. */
class FollowUpFormsIT {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  @TempDir Path dir;
  RunningCandor candor;
  FakeSlack slack;
  Incident incident;
  JdbcFollowUpRepository followUps;
  JdbcJobStore jobs;

  @BeforeEach
  void start() {
    candor = RunningCandor.start(dir, Map.of("CANDOR_JOBS_POLL", "1s"));
    slack = candor.slack;
    slack.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
    slack.timeZone("UCAROL", "America/New_York");
    candor.requests.command("UALICE", "CGENERAL", "declare checkout errors sev2");
    String channel = slack.await("conversations.invite").param("channel");
    slack.await("conversations.setTopic");
    incident = new JdbcIncidentRepository(candor.candor.database().dataSource()).byChannel(channel).orElseThrow();
    followUps = new JdbcFollowUpRepository(candor.candor.database().dataSource());
    jobs = new JdbcJobStore(candor.candor.database().dataSource(), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    candor.close();
  }

  LocalDate todayInBerlin() {
    return LocalDate.now(BERLIN);
  }

  Map<String, Object> details(String title, String picked, String typedDue, String level) {
    Map<String, Object> values = new HashMap<>();
    values.put("title", typed(title));
    values.put("due_date", pickedDate(picked));
    values.put("due_text", typed(typedDue));
    values.put("level", chosen(level));
    return values;
  }

  SignedSlack.Answer add(String user, String owner, String title, String picked, String typedDue, String level) {
    Map<String, Object> values = details(title, picked, typedDue, level);
    if (owner != null) {
      values.put("owner", pickedUser(owner));
    }
    return candor.requests.interaction(followUpForm("followup_add_form", incident.channelId(), user, values));
  }

  static Map<?, ?> errors(SignedSlack.Answer a) {
    assertEquals(200, a.status(), a.body());
    assertEquals("errors", a.json().get("response_action"), a.body());
    return (Map<?, ?>) a.json().get("errors");
  }

  FollowUp addByCommand(String owner) {
    candor.requests.command("UALICE", incident.channelId(), "followup <@" + owner + "|x> in 2 weeks rotate the keys #process");
    slack.await("chat.postMessage", c -> ("D" + owner).equals(c.param("channel")));
    return followUps.forIncident(incident.id()).get(0);
  }

  List<TimelineEntry> followUpEntries() {
    return new JdbcTimelineStore(candor.candor.database().dataSource()).entries(incident.id()).stream()
        .filter(e -> e.detail() != null && e.detail().startsWith("FOLLOWUP_")).toList();
  }

  @Test
  void followupAlone_opensTheForm_andASubmission_addsItLikeTheCommand() {
    var ack = candor.requests.command("UALICE", incident.channelId(), "followup");
    assertEquals("", ack.body());
    var open = slack.await("views.open");
    String view = open.json("view");
    assertTrue(view.contains("followup_add_form") && view.contains(incident.channelId()), view);
    assertTrue(view.contains("users_select") && view.contains("datepicker") && view.contains("static_select"), view);

    LocalDate due = todayInBerlin().plusDays(10);
    var submitted = add("UALICE", "UBOB", "add a canary stage", due.toString(), "", "PROCESS");
    assertEquals("", submitted.body(), "the form closes");

    FollowUp f = followUps.forIncident(incident.id()).get(0);
    assertEquals("add a canary stage", f.title());
    assertEquals(due, f.due());
    assertEquals(Level.PROCESS, f.level());
    assertEquals("UALICE", f.createdBy());
    slack.await("chat.postMessage", c -> incident.channelId().equals(c.param("channel"))
        && c.param("text").contains("added a follow-up"));
    var dm = slack.await("chat.postMessage", c -> "DUBOB".equals(c.param("channel")));
    assertTrue(dm.param("text").contains("You own a follow-up"), dm.param("text"));
    assertTrue(dm.json("blocks").contains("followup_edit") && dm.json("blocks").contains("followup_reassign"),
        "[Edit] and [Reassign] with [Done] and [Snooze a week]");
    assertEquals("FOLLOWUP_ADDED " + f.id() + " UBOB", followUpEntries().get(0).detail());
  }

  @Test
  void theForm_showsEachProblemInline_andStoresNothing() {
    Map<?, ?> e = errors(add("UALICE", null, "  ", null, "", "SOFTWARE"));
    assertTrue(e.get("owner").toString().contains("Pick the person"), e.toString());
    assertTrue(e.get("title").toString().contains("Say what is to be done"), e.toString());

    e = errors(add("UALICE", "UBOB", "a thing", null, "someday", "SOFTWARE"));
    assertTrue(e.get("due_text").toString().contains("can't read someday"), e.toString());
    e = errors(add("UALICE", "UBOB", "a thing", null, "2020-01-01", "SOFTWARE"));
    assertTrue(e.get("due_text").toString().contains("in the past for that person"), e.toString());
    e = errors(add("UALICE", "UBOB", "a thing", null, "", "SOFTWARE"));
    assertTrue(e.get("due_date").toString().contains("Pick a due date"), e.toString());
    slack.deactivateUser("UGONE");
    e = errors(add("UALICE", "UGONE", "a thing", null, "friday", "SOFTWARE"));
    assertTrue(e.get("owner").toString().startsWith("That person has been deactivated"), e.toString());

    assertEquals(List.of(), followUps.forIncident(incident.id()));
    var outside = candor.requests.command("UALICE", "CGENERAL", "followup");
    assertTrue(outside.text().contains("only works in an incident channel"), outside.text());
  }

  @Test
  void edit_fromTheDm_changesTheDueDate_replacesTheReminder_isAnnouncedAndRecorded_andNeverActsTwice() {
    FollowUp f = addByCommand("UBOB");
    Instant firstReminder = jobs.find("followup:" + f.id() + ":remind").orElseThrow().runAt();

    candor.requests.interaction(button(slack, "UBOB", "followup_edit", Long.toString(f.id()), "edit-1"));
    String view = slack.await("views.open").json("view");
    assertTrue(view.contains("followup_edit_form") && view.contains("rotate the keys")
        && view.contains(f.due().toString()), view);
    String metadata = f.id() + ":1:dm";
    assertTrue(view.contains(metadata), view);

    // the picker shows the old date; the typed one wins ("in 3 weeks" from Candor's today, between these two)
    LocalDate todayBefore = todayInBerlin();
    var saved = candor.requests.interaction(followUpForm("followup_edit_form", metadata, "UBOB",
        details("rotate the keys", f.due().toString(), "in 3 weeks", "ENGINEERING")));
    assertEquals("", saved.body(), "the form closes");
    FollowUp after = followUps.byId(f.id()).orElseThrow();
    LocalDate todayAfter = todayInBerlin();
    assertTrue(List.of(todayBefore.plusWeeks(3), todayAfter.plusWeeks(3)).contains(after.due()),
        after.due() + ": three weeks from " + todayBefore + (todayAfter.equals(todayBefore) ? "" : " or " + todayAfter));
    assertEquals(Level.ENGINEERING, after.level());
    assertEquals(2, after.version());
    Instant newReminder = jobs.find("followup:" + f.id() + ":remind").orElseThrow().runAt();
    assertEquals(new ReminderPlan(2).next(after.due(), BERLIN, Instant.now()), newReminder);
    assertTrue(newReminder.isAfter(firstReminder), "the pending reminder was replaced");
    slack.await("chat.postMessage", c -> incident.channelId().equals(c.param("channel"))
        && c.param("text").contains("changed follow-up #" + f.id()) && c.param("text").contains("engineering practice"));
    TimelineEntry entry = followUpEntries().get(1);
    assertEquals("FOLLOWUP_EDITED " + f.id(), entry.detail());
    assertEquals("UBOB", entry.actor());

    // the same form submitted again: nothing changes a second time
    Map<?, ?> e = errors(candor.requests.interaction(followUpForm("followup_edit_form", metadata, "UBOB",
        details("rotate all the keys", null, "in 4 weeks", "ENGINEERING"))));
    assertTrue(e.get("title").toString().contains("changed since you opened this form"), e.toString());
    assertEquals(after, followUps.byId(f.id()).orElseThrow());

    // once done, [Edit] says so, privately, and opens nothing
    candor.requests.interaction(button(slack, "UBOB", "followup_done", Long.toString(f.id()), "done-1"));
    slack.await("response_url", c -> "done-1".equals(c.param("id")));
    candor.requests.interaction(button(slack, "UBOB", "followup_edit", Long.toString(f.id()), "edit-2"));
    var told = slack.await("response_url", c -> "edit-2".equals(c.param("id")));
    assertTrue(told.body().contains("is done already") && told.body().contains("ephemeral"), told.body());
    assertEquals(1, slack.calls("views.open").size());
    assertEquals(3, followUpEntries().size(), "added, edited, done");
  }

  @Test
  void reassign_handsItOver_dmsTheNewOwner_remindsInTheirZone_andNeverActsTwice() {
    FollowUp f = addByCommand("UBOB");
    candor.requests.interaction(button(slack, "UBOB", "followup_reassign", Long.toString(f.id()), "re-1"));
    String view = slack.await("views.open").json("view");
    assertTrue(view.contains("followup_reassign_form") && view.contains("\"initial_user\":\"UBOB\""), view);
    String metadata = f.id() + ":1:dm";

    Map<?, ?> e = errors(candor.requests.interaction(followUpForm("followup_reassign_form", metadata, "UBOB",
        Map.of("owner", pickedUser("UBOB")))));
    assertTrue(e.get("owner").toString().contains("That is who owns it now"), e.toString());

    var handed = candor.requests.interaction(followUpForm("followup_reassign_form", metadata, "UBOB",
        Map.of("owner", pickedUser("UCAROL"))));
    assertEquals("", handed.body());
    FollowUp after = followUps.byId(f.id()).orElseThrow();
    assertEquals("UCAROL", after.owner());
    assertEquals(ZoneId.of("America/New_York"), after.ownerZone());
    assertEquals(f.due(), after.due(), "the due date stays");
    var dm = slack.await("chat.postMessage", c -> "DUCAROL".equals(c.param("channel")));
    assertTrue(dm.param("text").contains("<@UBOB> handed you a follow-up"), dm.param("text"));
    slack.await("chat.postMessage", c -> incident.channelId().equals(c.param("channel"))
        && c.param("text").contains("handed follow-up #" + f.id()) && c.param("text").contains("to <@UCAROL>"));
    Instant reminder = jobs.find("followup:" + f.id() + ":remind").orElseThrow().runAt();
    assertEquals(9, reminder.atZone(ZoneId.of("America/New_York")).getHour(), "09:00 where the new owner is");
    assertEquals("FOLLOWUP_REASSIGNED " + f.id() + " UBOB UCAROL", followUpEntries().get(1).detail());

    // the same form again, now that Carol owns it
    e = errors(candor.requests.interaction(followUpForm("followup_reassign_form", metadata, "UBOB",
        Map.of("owner", pickedUser("UALICE")))));
    assertTrue(e.get("owner").toString().contains("Someone else owns this follow-up now"), e.toString());
    // and Carol, on a form opened before she owned it
    e = errors(candor.requests.interaction(followUpForm("followup_reassign_form", metadata, "UCAROL",
        Map.of("owner", pickedUser("UALICE")))));
    assertTrue(e.get("owner").toString().contains("changed since you opened this form"), e.toString());
    assertEquals("UCAROL", followUps.byId(f.id()).orElseThrow().owner());
    // the old owner's buttons no longer act
    candor.requests.interaction(button(slack, "UBOB", "followup_done", Long.toString(f.id()), "old-done"));
    assertTrue(followUps.byId(f.id()).orElseThrow().isOpen());
  }

  @Test
  void theAppHome_offersEditAndReassign_andIsRefreshedAfterAChange() {
    FollowUp f = addByCommand("UALICE");
    home("UALICE");
    String view = slack.await("views.publish", c -> "UALICE".equals(c.param("user_id"))).json("view");
    assertTrue(view.contains("followup_edit") && view.contains("followup_reassign"), view);

    candor.requests.interaction(button(slack, "UALICE", "followup_edit", Long.toString(f.id()), null));
    String form = slack.await("views.open").json("view");
    String metadata = f.id() + ":1:home";
    assertTrue(form.contains(metadata), form);
    candor.requests.interaction(followUpForm("followup_edit_form", metadata, "UALICE",
        details("rotate the signing keys", f.due().toString(), "", "PROCESS")));
    slack.await("views.publish", c -> "UALICE".equals(c.param("user_id"))
        && c.json("view").contains("rotate the signing keys"));
    assertEquals("rotate the signing keys", followUps.byId(f.id()).orElseThrow().title());
  }

  private void home(String user) {
    var event = Map.<String, Object>of("type", "app_home_opened", "user", user, "channel", "D" + user, "tab", "home",
        "event_ts", "1700000000.1");
    assertEquals(200, candor.requests.event(SlackEvents.envelope(SlackEvents.newEventId(), event), Map.of()).status());
  }
}
