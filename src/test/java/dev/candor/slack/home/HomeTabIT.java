package dev.candor.slack.home;

import static dev.candor.testing.SlackPayloads.button;
import static dev.candor.testing.SlackPayloads.chosen;
import static dev.candor.testing.SlackPayloads.followUpForm;
import static dev.candor.testing.SlackPayloads.pickedUser;
import static dev.candor.testing.SlackPayloads.typed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.followup.FollowUp;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentState;
import dev.candor.store.JdbcFollowUpRepository;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcTimelineStore;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SignedSlack;
import dev.candor.testing.SlackEvents;
import dev.candor.testing.SlackPayloads;
import dev.candor.timeline.TimelineEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The App Home's buttons through the real server: [Post update] and the channel link on an open incident,
 * [Open post-mortem] and [Reschedule] on a post-mortem its facilitator runs — each for members of the incident
 * channel only, each publishing the home again with what came of it on top — and a follow-up's buttons clicked by
 * someone who no longer owns it.
 */
class HomeTabIT {
  static final String ALICE = "UALICE";
  static final String BOB = "UBOB";
  static final String CAROL = "UCAROL";

  @TempDir Path dir;
  RunningCandor candor;
  FakeSlack slack;
  Incident incident;

  @BeforeEach
  void start() {
    candor = RunningCandor.start(dir, Map.of("CANDOR_JOBS_POLL", "1s"));
    slack = candor.slack;
    slack.addChannel("CGENERAL", "general", false, false, ALICE, BOB, CAROL);
    List.of(ALICE, BOB, CAROL).forEach(slack::dm);
    candor.requests.command(ALICE, "CGENERAL", "declare checkout errors sev2");
    String channel = slack.await("conversations.invite").param("channel");
    slack.await("conversations.setTopic", c -> channel.equals(c.param("channel")));
    candor.joins(channel, BOB); // Alice and Bob are in the incident channel; Carol is not
    incident = incidents().byChannel(channel).orElseThrow();
  }

  @AfterEach
  void stop() {
    candor.close();
  }

  // ---- an open incident: [Post update] and the link to its channel

  @Test
  void postUpdate_opensAForm_whoseUpdateIsTheOneTheCommandPosts_andTheHomeIsPublishedAgain() {
    String view = home(ALICE);
    assertTrue(view.contains("\"action_id\":\"home_post_update\",\"value\":\"INC-1\""), view);
    assertTrue(view.contains("https://slack.com/app_redirect?channel=" + incident.channelId() + "&team="
        + FakeSlack.TEAM), view);

    candor.requests.interaction(button(slack, ALICE, "home_post_update", "INC-1", null));
    var open = slack.await("views.open", c -> c.json("view").contains("home_status_form"));
    assertEquals("trig-home_post_update-UALICE", open.param("trigger_id"));
    assertTrue(open.json("view").contains("\"private_metadata\":\"1|INVESTIGATING\""), open.json("view"));

    var ack = submitStatus(ALICE, "1|INVESTIGATING", "IDENTIFIED", "the EU cache node is saturated <b> & co");
    assertEquals("", ack.body(), "the form closes");
    var fromForm = slack.await("chat.postMessage", c -> incident.channelId().equals(c.param("channel"))
        && c.param("text").contains("the EU cache node"));
    published(ALICE, v -> v.contains("Posted your update in <#" + incident.channelId() + "> (INC-1, identified)"));

    candor.requests.command(BOB, incident.channelId(), "status identified the EU cache node is saturated &lt;b&gt; &amp; co");
    var fromCommand = slack.await("chat.postMessage", c -> incident.channelId().equals(c.param("channel"))
        && c.param("text").contains("the EU cache node") && c.param("text").contains(BOB));
    assertEquals(fromCommand.param("text").replace(BOB, ALICE), fromForm.param("text"), "the same update, the same words");
    assertEquals(fromCommand.json("blocks").replace(BOB, ALICE), fromForm.json("blocks"));
    List<TimelineEntry> updates = statusEntries();
    assertEquals(2, updates.size());
    assertEquals(updates.get(1).detail(), updates.get(0).detail());
    assertEquals(updates.get(1).text(), updates.get(0).text());
    assertEquals(ALICE, updates.get(0).actor());
    assertEquals(IncidentState.IDENTIFIED, incident().state());
  }

  @Test
  void postUpdate_withTheStateLeftAsShown_keepsAStateSomeoneSetMeanwhile_andAnEmptyUpdateIsRefusedInTheForm() {
    candor.requests.command(BOB, incident.channelId(), "status monitoring failover done");
    var empty = errors(submitStatus(ALICE, "1|INVESTIGATING", "INVESTIGATING", "   "));
    assertTrue(empty.get("update").toString().contains("Say what changed"), empty.toString());
    assertEquals(1, statusEntries().size(), "nothing posted for an empty update");

    assertEquals("", submitStatus(ALICE, "1|INVESTIGATING", "INVESTIGATING", "error rate falling").body());
    assertEquals(IncidentState.MONITORING, incident().state(), "as `/incident status error rate falling` would");
    assertEquals("STATUS MONITORING", statusEntries().get(1).detail());
  }

  @Test
  void postUpdate_onAnIncidentResolvedMeanwhile_saysSo_atTheClickAndInAFormOpenedBefore() {
    assertTrue(home(ALICE).contains("home_post_update"));
    candor.requests.interaction(button(slack, ALICE, "home_post_update", "INC-1", null));
    slack.await("views.open", c -> c.json("view").contains("home_status_form"));
    candor.requests.command(ALICE, incident.channelId(), "resolve rolled back");

    candor.requests.interaction(button(slack, ALICE, "home_post_update", "INC-1", null));
    String view = published(ALICE, v -> v.contains("INC-1 is resolved now, so there is no status to update"));
    assertFalse(view.contains("home_post_update"), "it has left the open incidents: " + view);
    assertEquals(1, statusForms(), "no second form");

    var stale = errors(submitStatus(ALICE, "1|INVESTIGATING", "IDENTIFIED", "cache node replaced"));
    assertTrue(stale.get("update").toString().contains("Can't post a status update: INC-1 is resolved."),
        stale.toString());
    assertEquals(List.of(), statusEntries(), "nothing posted");
  }

  @Test
  void postUpdate_isForMembersOfTheIncidentChannelOnly_checkedAtTheClickAndAgainAtTheSubmission() {
    assertFalse(home(CAROL).contains("INC-1"), "Carol is not in the channel");
    candor.requests.interaction(button(slack, CAROL, "home_post_update", "INC-1", null));
    String refused = published(CAROL, v -> v.contains("You aren't in the channel of INC-1"));
    assertFalse(refused.contains("checkout errors"), refused);
    var forged = errors(submitStatus(CAROL, "1|INVESTIGATING", "IDENTIFIED", "not my incident"));
    assertTrue(forged.get("update").toString().contains("You aren't in the channel of INC-1"), forged.toString());

    candor.requests.interaction(button(slack, BOB, "home_post_update", "INC-1", null));
    slack.await("views.open", c -> c.json("view").contains("home_status_form"));
    slack.channel(incident.channelId()).members.remove(BOB);
    var left = errors(submitStatus(BOB, "1|INVESTIGATING", "IDENTIFIED", "posted after leaving"));
    assertTrue(left.get("update").toString().contains("You aren't in the channel of INC-1"), left.toString());

    assertEquals(1, statusForms(), "only Bob's, while he was in the channel");
    assertEquals(List.of(), statusEntries(), "nothing posted by anyone outside the channel");
  }

  @Test
  void aPrivateIncident_isNeitherShownToNorActedOnByANonMember_andTheRefusalSaysNothingOfIt() {
    candor.requests.interaction(SlackPayloads.declareSubmission("VDECL", "CGENERAL", "payroll export leak", "SEV2", "",
        "private", "new"));
    String secret = slack.await("conversations.invite", c -> c.param("channel").startsWith("G")).param("channel");
    slack.await("conversations.setTopic", c -> secret.equals(c.param("channel")));
    assertTrue(home(ALICE).contains("payroll export leak"), "shown to a member");

    assertFalse(home(CAROL).contains("payroll"));
    candor.requests.interaction(button(slack, CAROL, "home_post_update", "INC-2", null));
    String refused = published(CAROL, v -> v.contains("You aren't in the channel of INC-2"));
    assertFalse(refused.contains("payroll") || refused.contains(secret), refused);
    var forged = errors(submitStatus(CAROL, "2|INVESTIGATING", "IDENTIFIED", "nothing to see"));
    assertFalse(forged.toString().contains("payroll"), forged.toString());
    assertEquals(0, statusForms());
    assertTrue(slack.calls("chat.postMessage").stream().noneMatch(c -> secret.equals(c.param("channel"))
        && c.param("text").contains("nothing to see")));
  }

  @Test
  void theChannelLink_isAcknowledged_andDoesNothingElse() throws Exception {
    home(ALICE);
    int before = slack.calls().size();
    var ack = candor.requests.interaction(button(slack, ALICE, "home_open_channel", "INC-1", null));
    assertEquals(200, ack.status());
    assertEquals("", ack.body());
    Thread.sleep(500);
    // (announcement jobs of the setup may still be posting: only what a click could cause is counted)
    var calls = slack.calls();
    var answers = calls.subList(before, calls.size()).stream()
        .filter(c -> Set.of("views.publish", "views.open", "chat.postEphemeral")
            .contains(c.method()) || ("chat.postMessage".equals(c.method()) && ALICE.equals(c.param("channel"))))
        .toList();
    assertEquals(List.of(), answers, "the link opens the channel; Candor has nothing to add");
  }

  // ---- a post-mortem its facilitator runs: [Open post-mortem] and [Reschedule]

  @Test
  void openPostmortem_fromTheHome_takesTheChannelsPath_andSaysWhereTheDraftIs() {
    scheduledWithBob();
    String view = home(BOB);
    assertTrue(view.contains("home_postmortem_open") && view.contains("\"text\":\"Reschedule\""), view);

    candor.requests.interaction(button(slack, BOB, "home_postmortem_open", "INC-1", null));
    slack.await("conversations.canvases.create", c -> incident.channelId().equals(c.param("channel_id")),
        Duration.ofSeconds(15));
    slack.await("chat.postMessage", c -> incident.channelId().equals(c.param("channel"))
        && c.param("text").contains("<@UBOB> opened the post-mortem draft"));
    String opened = published(BOB, v -> v.contains("The post-mortem draft of INC-1 is open"));
    assertTrue(opened.contains("https://candor-test.slack.com/docs/"), opened);

    candor.requests.interaction(button(slack, BOB, "home_postmortem_open", "INC-1", null));
    published(BOB, v -> v.contains("The post-mortem draft is the channel's canvas"));
    candor.requests.interaction(button(slack, CAROL, "home_postmortem_open", "INC-1", null));
    published(CAROL, v -> v.contains("You aren't in the channel of INC-1"));
    assertEquals(1, slack.calls("conversations.canvases.create").size(), "one draft, made once");
  }

  @Test
  void reschedule_fromTheHome_opensTheChannelsForm_whoseSubmissionMovesTheMeeting_andRepublishesTheHome() {
    scheduledWithBob();
    candor.requests.interaction(button(slack, BOB, "home_postmortem_schedule", "INC-1", null));
    String form = slack.await("views.open", c -> c.json("view").contains("postmortem_schedule_form")
        && "trig-home_postmortem_schedule-UBOB".equals(c.param("trigger_id"))).json("view");
    assertTrue(form.contains("\"private_metadata\":\"1|Europe/Berlin|1|home\""), form);
    assertTrue(form.contains("Already scheduled by <@UALICE>"), form);

    LocalDate later = LocalDate.now(ZoneId.of("UTC")).plusDays(4);
    assertEquals("", candor.requests.interaction(schedule(BOB, "1|UTC|1|home", later, BOB)).body());
    published(BOB, v -> v.contains("The post-mortem of INC-1 is moved to"));
    slack.await("chat.postMessage", c -> incident.channelId().equals(c.param("channel"))
        && c.param("text").contains("*moved* to"));
    assertEquals(2, steps("SCHEDULED"));

    slack.channel(incident.channelId()).members.remove(BOB);
    int forms = slack.calls("views.open").size();
    candor.requests.interaction(button(slack, BOB, "home_postmortem_schedule", "INC-1", null));
    published(BOB, v -> v.contains("You aren't in the channel of INC-1"));
    assertEquals(forms, slack.calls("views.open").size(), "no form for someone who left");
    var e = errors(candor.requests.interaction(schedule(BOB, "1|UTC|2|home", later.plusDays(1), BOB)));
    assertTrue(e.get("facilitator").toString().contains("You aren't in the channel of INC-1"), e.toString());
    assertEquals(2, steps("SCHEDULED"), "not moved by someone outside the channel");
  }

  // ---- a follow-up's buttons, clicked by its former owner

  @Test
  void aFormerOwnersOldButtons_sayPrivatelyWhoOwnsItNow_inTheDmAndInTheHome_andChangeNothing() {
    FollowUp f = handedFromBobTo(CAROL);
    String id = Long.toString(f.id());
    for (String action : List.of("followup_done", "followup_snooze", "followup_edit", "followup_reassign")) {
      candor.requests.interaction(button(slack, BOB, action, id, "old-" + action));
      var told = said("old-" + action);
      assertTrue(told.text().contains("belongs to <@UCAROL> now, so only they can mark it done, snooze, edit or "
          + "hand it on. Nothing was changed."), action + ": " + told.body());
      assertEquals("ephemeral", told.json().get("response_type"));
      assertEquals(false, told.json().get("replace_original"), "the old DM stays as it was");
    }
    candor.requests.interaction(button(slack, BOB, "followup_done", id, null)); // a home published before the change
    published(BOB, v -> v.contains("belongs to <@UCAROL> now") && !v.contains("followup_done"));
    assertEquals(1, slack.calls("views.open").stream().filter(c -> c.json("view").contains("followup_")).count(),
        "only Bob's own reassign form, before he handed it on");
    FollowUp after = followUps().byId(f.id()).orElseThrow();
    assertTrue(after.isOpen());
    assertEquals(CAROL, after.owner());
  }

  @Test
  void aFormerOwnerWhoLeftAPrivateIncident_isNotToldWhoOwnsItNow() {
    candor.requests.interaction(SlackPayloads.declareSubmission("VDECL", "CGENERAL", "payroll export leak", "SEV2", "",
        "private", "new"));
    String secret = slack.await("conversations.invite", c -> c.param("channel").startsWith("G")).param("channel");
    slack.await("conversations.setTopic", c -> secret.equals(c.param("channel")));
    candor.joins(secret, BOB);
    candor.requests.command(ALICE, secret, "followup <@UBOB|bob> in 2 weeks rotate the keys");
    Eventually.await(() -> followUps().openFor(BOB).size() == 1, "Bob's follow-up");
    FollowUp f = followUps().openFor(BOB).get(0);
    assertEquals("", candor.requests.interaction(followUpForm("followup_reassign_form", f.id() + ":1:dm", BOB,
        Map.of("owner", pickedUser(ALICE)))).body());
    candor.leaves(secret, BOB);

    candor.requests.interaction(button(slack, BOB, "followup_done", Long.toString(f.id()), "gone"));
    var told = said("gone");
    assertTrue(told.text().contains("This follow-up isn't yours any more"), told.body());
    assertFalse(told.text().contains(ALICE) || told.text().contains("rotate"), told.body());
    assertTrue(followUps().byId(f.id()).orElseThrow().isOpen());
  }

  // ---- helpers

  /** The App Home Candor publishes for {@code user} when they open it. */
  String home(String user) {
    int before = slack.calls("views.publish").size();
    var event = Map.<String, Object>of("type", "app_home_opened", "user", user, "channel", "D" + user, "tab", "home",
        "event_ts", "1700000000.1");
    assertEquals(200, candor.requests.event(SlackEvents.envelope(SlackEvents.newEventId(), event), Map.of()).status());
    Eventually.await(() -> slack.calls("views.publish").size() > before, "the App Home of " + user);
    return slack.calls("views.publish").get(before).json("view");
  }

  /** The first App Home published for {@code user} that {@code test} accepts. */
  String published(String user, Predicate<String> test) {
    return slack.await("views.publish", c -> user.equals(c.param("user_id")) && test.test(c.json("view")),
        Duration.ofSeconds(15)).json("view");
  }

  SignedSlack.Answer submitStatus(String user, String metadata, String state, String update) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("state", chosen(state));
    values.put("update", typed(update));
    return candor.requests.interaction(followUpForm("home_status_form", metadata, user, values));
  }

  static Map<?, ?> errors(SignedSlack.Answer a) {
    assertEquals(200, a.status(), a.body());
    assertEquals("errors", a.json().get("response_action"), a.body());
    return (Map<?, ?>) a.json().get("errors");
  }

  SignedSlack.Answer said(String responseId) {
    return new SignedSlack.Answer(200, slack.await("response_url", c -> responseId.equals(c.param("id"))).body(),
        Duration.ZERO);
  }

  long statusForms() {
    return slack.calls("views.open").stream().filter(c -> c.json("view").contains("home_status_form")).count();
  }

  /** Resolved, with its post-mortem scheduled by Alice and facilitated by Bob. */
  void scheduledWithBob() {
    candor.requests.command(ALICE, incident.channelId(), "resolve rolled back");
    var ack = candor.requests.interaction(schedule(ALICE, "1|UTC|0", LocalDate.now(ZoneId.of("UTC")).plusDays(2), BOB));
    assertEquals("", ack.body());
  }

  /** Alice's schedule form (or anyone's), submitted for 10:00 on {@code day} with {@code facilitator}. */
  Map<String, Object> schedule(String user, String metadata, LocalDate day, String facilitator) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("facilitator", pickedUser(facilitator));
    values.put("date", Map.of("type", "datepicker", "selected_date", day.toString()));
    values.put("time", Map.of("type", "timepicker", "selected_time", "10:00"));
    values.put("length", chosen("60"));
    values.put("attendees", Map.of("type", "multi_users_select", "selected_users", List.of(ALICE, BOB)));
    values.put("where", typed("Room 4"));
    return followUpForm("postmortem_schedule_form", metadata, user, values);
  }

  /** A follow-up Alice gave Bob, which Bob then handed to {@code to} through the reassign form. */
  FollowUp handedFromBobTo(String to) {
    candor.requests.command(ALICE, incident.channelId(), "followup <@UBOB|bob> in 2 weeks rotate the keys #process");
    Eventually.await(() -> followUps().openFor(BOB).size() == 1, "Bob's follow-up");
    FollowUp f = followUps().openFor(BOB).get(0);
    candor.requests.interaction(button(slack, BOB, "followup_reassign", Long.toString(f.id()), "mine"));
    slack.await("views.open", c -> c.json("view").contains("followup_reassign_form"));
    assertEquals("", candor.requests.interaction(followUpForm("followup_reassign_form", f.id() + ":1:dm", BOB,
        Map.of("owner", pickedUser(to)))).body());
    assertEquals(to, followUps().byId(f.id()).orElseThrow().owner());
    return f;
  }

  long steps(String step) {
    return timeline().stream().filter(e -> ("POSTMORTEM " + step).equals(e.detail())).count();
  }

  List<TimelineEntry> statusEntries() {
    return timeline().stream().filter(e -> e.detail() != null && e.detail().startsWith("STATUS ")).toList();
  }

  List<TimelineEntry> timeline() {
    return new JdbcTimelineStore(candor.candor.database().dataSource()).entries(incident.id());
  }

  Incident incident() {
    return incidents().byId(incident.id()).orElseThrow();
  }

  JdbcIncidentRepository incidents() {
    return new JdbcIncidentRepository(candor.candor.database().dataSource());
  }

  JdbcFollowUpRepository followUps() {
    return new JdbcFollowUpRepository(candor.candor.database().dataSource());
  }
}
