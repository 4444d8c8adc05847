package dev.candor.postmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentState;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobStore;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcJobStore;
import dev.candor.store.JdbcPostmortemRepository;
import dev.candor.store.JdbcTimelineStore;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SlackEvents;
import dev.candor.testing.SlackPayloads;
import dev.candor.testing.TestClock;
import dev.candor.timeline.TimelineEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The post-mortem ceremony through the real server, from resolve to close: the prompt and its buttons, the
 * forms, the meeting's reminders and invite, the document, and closing — in a team of one.
 */
class PostmortemIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String ALICE = "UALICE";
  static final String BOB = "UBOB";
  static final String CAROL = "UCAROL";

  @TempDir Path dir;
  RunningCandor candor;
  FakeSlack slack;
  String channel;

  @BeforeEach
  void start() {
    candor = RunningCandor.start(dir, Map.of("CANDOR_JOBS_POLL", "1s", "POSTMORTEMS_CHANNEL", "CPOSTMORTEMS"));
    slack = candor.slack;
    slack.addChannel("CGENERAL", "general", false, false, ALICE);
    slack.addChannel("CPOSTMORTEMS", "postmortems", false, true);
  }

  @AfterEach
  void stop() {
    candor.close();
  }

  /** Declares and resolves an incident in a new channel whose only member is Alice (a team of one). */
  private String resolvedIncident() {
    candor.requests.command(ALICE, "CGENERAL", "declare checkout errors sev2");
    channel = slack.await("conversations.invite").param("channel");
    assertEquals(200, candor.requests.command(ALICE, channel, "resolve rolled back").status());
    return channel;
  }

  /** Resolving is one message: the news, and the post-mortem's question with its buttons. */
  private static final String RESOLVED_WITH_ITS_QUESTION = "*resolved* INC-1 after";

  private FakeSlack.Call awaitPrompt(String text) {
    return slack.await("chat.postMessage", c -> channel.equals(c.param("channel")) && c.param("text").contains(text),
        Duration.ofSeconds(15));
  }

  @Test
  void resolving_promptsTheChannelOnce_withTheThreeButtons_evenInATeamOfOne() throws Exception {
    resolvedIncident();
    var prompt = awaitPrompt(RESOLVED_WITH_ITS_QUESTION);

    String blocks = prompt.json("blocks");
    assertTrue(blocks.contains("postmortem_schedule") && blocks.contains("postmortem_not_needed")
        && blocks.contains("postmortem_remind_tomorrow"), blocks);
    assertTrue(prompt.json("metadata").contains("candor_job"), "sent once across a crash: " + prompt.json("metadata"));
    candor.awaitJobsIdle(); // the runner looks at least twice more, and finds nothing more to run
    candor.awaitJobsIdle();
    assertEquals(1, prompts(), "one prompt, not one per poll");
  }

  private long prompts() {
    return slack.calls("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel"))
        && c.param("text").contains("A post-mortem turns")).count();
  }

  @Test
  void notNeeded_asksForAReason_recordsIt_andLaterClicksSayItWasDecided() throws Exception {
    resolvedIncident();
    awaitPrompt(RESOLVED_WITH_ITS_QUESTION);

    candor.requests.interaction(SlackPayloads.buttonInChannel(slack, ALICE, channel, "postmortem_not_needed", "INC-1", "r1"));
    var open = slack.await("views.open", c -> c.param("view").contains("postmortem_not_needed_form"));
    assertEquals("trig-r1", open.param("trigger_id"));

    var empty = candor.requests.interaction(submission(ALICE, "postmortem_not_needed_form", "1",
        Map.of("reason", text(" "))));
    assertEquals("errors", empty.json().get("response_action"));
    assertTrue(empty.body().contains("reason"), empty.body());
    assertEquals(0, steps("NOT_NEEDED").size(), "nothing recorded for an empty reason");

    var ok = candor.requests.interaction(submission(ALICE, "postmortem_not_needed_form", "1",
        Map.of("reason", text("same cause as INC-0, its follow-ups cover it"))));
    assertEquals(200, ok.status());
    assertEquals("", ok.body().trim().replace("{}", ""), ok.body());
    var said = slack.await("chat.postMessage", c -> channel.equals(c.param("channel"))
        && c.param("text").contains("decided no post-mortem is needed"));
    assertTrue(said.param("text").contains("same cause as INC-0"), said.param("text"));
    assertEquals(1, steps("NOT_NEEDED").size());
    assertEquals(Decision.NOT_NEEDED, postmortem().decision());

    // a stale prompt: every button now says what was decided, and changes nothing
    candor.requests.interaction(SlackPayloads.buttonInChannel(slack, ALICE, channel, "postmortem_remind_tomorrow", "INC-1", "stale1"));
    String answer = said("stale1");
    assertTrue(answer.contains("already decided"), answer);
    candor.requests.interaction(SlackPayloads.buttonInChannel(slack, ALICE, channel, "postmortem_not_needed", "INC-1", "stale2"));
    assertTrue(said("stale2").contains("already decided"));
    // the same form submitted twice (a double click) records one decision
    var again = candor.requests.interaction(submission(ALICE, "postmortem_not_needed_form", "1",
        Map.of("reason", text("double submit"))));
    assertEquals("errors", again.json().get("response_action"));
    assertEquals(1, steps("NOT_NEEDED").size());
    assertEquals(1, views("postmortem_not_needed_form"), "no second form for a stale button");
  }

  @Test
  void remindMeTomorrow_postsThePromptAgainADayLater_once() throws Exception {
    resolvedIncident();
    awaitPrompt(RESOLVED_WITH_ITS_QUESTION);

    candor.requests.interaction(SlackPayloads.buttonInChannel(slack, ALICE, channel, "postmortem_remind_tomorrow", "INC-1", "t1"));
    slack.await("chat.postMessage", c -> channel.equals(c.param("channel"))
        && c.param("text").contains("asked to be reminded about the post-mortem tomorrow"));
    var job = jobs().find("postmortem:" + incident().id().value() + ":prompt").orElseThrow();
    Duration in = Duration.between(Instant.now(), job.runAt());
    assertTrue(in.compareTo(Duration.ofHours(23)) > 0 && in.compareTo(Duration.ofHours(25)) < 0, "in " + in);
    assertTrue(job.payload().endsWith(":" + PostmortemService.REMINDED), job.payload());

    candor.requests.interaction(SlackPayloads.buttonInChannel(slack, ALICE, channel, "postmortem_remind_tomorrow", "INC-1", "t2"));
    String second = said("t2");
    assertTrue(second.contains("already set"), second);
    assertEquals(1, steps("REMIND_TOMORROW").size(), "a double click asks once");
  }

  @Test
  void withNoDecision_theChannelIsAskedAgain_thenTheCommanderByDm_acrossARestart() throws Exception {
    // a clock that moves only when told: the restart falls between the first prompt and the second however
    // slowly the machine runs, and each later step is due only once the test moves the clock to it
    TestClock clock = TestClock.at("2026-12-01T12:00:00Z");
    Map<String, String> env = Map.of("CANDOR_JOBS_POLL", "1s", "CANDOR_POSTMORTEM_PROMPT_AFTER", "3s");
    candor.close();
    candor = RunningCandor.start(dir, env, clock);
    slack = candor.slack;
    slack.addChannel("CGENERAL", "general", false, false, ALICE);
    resolvedIncident();
    awaitPrompt(RESOLVED_WITH_ITS_QUESTION);
    String key = PostmortemService.promptKey(incident().id());
    Path db = candor.databaseFile;

    candor.close(); // a restart between two prompts loses nothing and repeats nothing
    candor = RunningCandor.start(dir, env, clock);
    FakeSlack second = candor.slack;
    second.addChannel("CGENERAL", "general", false, false, ALICE);
    slack = second;
    clock.set(pendingPrompt(key, PostmortemService.AGAIN).runAt());
    var again = slack.await("chat.postMessage", c -> channel.equals(c.param("channel"))
        && c.param("text").contains("Still undecided"), Duration.ofSeconds(20));
    assertTrue(again.json("blocks").contains("postmortem_schedule"));
    clock.set(pendingPrompt(key, PostmortemService.COMMANDER).runAt());
    var dm = slack.await("chat.postMessage", c -> ("D" + ALICE).equals(c.param("channel"))
        && c.param("text").contains("Nobody has decided yet"), Duration.ofSeconds(20));
    assertTrue(dm.param("text").contains("INC-1"), dm.param("text"));
    Eventually.await(() -> jobs().find(key).map(j -> j.status() == Job.Status.DONE).orElse(false),
        "the DM's job done");
    clock.advance(Duration.ofDays(2)); // long past when any further step would be due
    candor.awaitJobsIdle(); // the runner looks at least twice at that time, and finds nothing more to run
    candor.awaitJobsIdle();
    assertEquals(1, prompts(), "the prompt again, once, after the restart");
    assertEquals(1, slack.calls("chat.postMessage").stream().filter(c -> ("D" + ALICE).equals(c.param("channel"))
        && c.param("text").contains("Nobody has decided yet")).count(), "one DM, then no more");
    assertTrue(db.toFile().exists());
  }

  /** Waits until the prompt job {@code key} is pending for {@code step}, and returns it. */
  private JobStore.Entry pendingPrompt(String key, int step) {
    Eventually.await(() -> jobs().find(key).filter(j -> j.status() == Job.Status.PENDING
        && j.payload().endsWith(":" + step)).isPresent(), "prompt step " + step + " pending as " + key);
    return jobs().find(key).orElseThrow();
  }

  @Test
  void scheduling_showsErrorsInline_thenAnnouncesTheMeeting_remindsTheChannel_andSendsAnInvite() throws Exception {
    slack.timeZone(ALICE, "America/New_York");
    slack.hideEmail(CAROL);
    resolvedIncident();
    awaitPrompt(RESOLVED_WITH_ITS_QUESTION);
    postAs(BOB, "I rolled back the config, errors dropping");

    candor.requests.interaction(SlackPayloads.buttonInChannel(slack, ALICE, channel, "postmortem_schedule", "INC-1", "s1"));
    var open = slack.await("views.open", c -> c.param("view").contains("postmortem_schedule_form"));
    JsonNode view = JSON.readTree(open.param("view"));
    assertEquals("1|America/New_York|0", view.path("private_metadata").asText());
    String blocks = view.path("blocks").toString();
    assertTrue(blocks.contains(ALICE) && blocks.contains(BOB), "attendees prefilled with who took part: " + blocks);
    assertTrue(blocks.contains("America/New_York"), "says which zone the time is in");

    ZoneId ny = ZoneId.of("America/New_York");
    LocalDate yesterday = LocalDate.now(ny).minusDays(1);
    var past = candor.requests.interaction(schedule(ALICE, "America/New_York", yesterday, "14:30", ALICE, List.of(BOB, CAROL)));
    assertEquals("errors", past.json().get("response_action"));
    assertTrue(past.body().contains("in the past"), past.body());
    var nobody = candor.requests.interaction(schedule(ALICE, "America/New_York", LocalDate.now(ny).plusDays(3), "14:30", null,
        List.of(BOB)));
    assertEquals("errors", nobody.json().get("response_action"));
    assertTrue(nobody.body().contains("facilitator"), nobody.body());
    assertEquals(0, slack.calls("chat.scheduleMessage").size(), "nothing happens for a form with errors");

    LocalDate day = LocalDate.now(ny).plusDays(3);
    var ok = candor.requests.interaction(schedule(ALICE, "America/New_York", day, "14:30", ALICE, List.of(BOB, CAROL)));
    assertEquals(200, ok.status());
    assertFalse(ok.body().contains("errors"), ok.body());
    ZonedDateTime start = ZonedDateTime.of(day, LocalTime.of(14, 30), ny);

    var details = slack.await("chat.postMessage", c -> channel.equals(c.param("channel"))
        && c.param("text").contains("scheduled for"), Duration.ofSeconds(15));
    assertTrue(details.param("text").contains("<!date^" + start.toEpochSecond()), details.param("text"));
    assertTrue(details.json("blocks").contains("postmortem_open"), "the document opens from the meeting message");
    var checklist = slack.await("chat.postMessage", c -> ("D" + ALICE).equals(c.param("channel"))
        && c.param("text").contains("You are facilitating"), Duration.ofSeconds(15));
    assertTrue(checklist.param("text").contains("not who to blame"), checklist.param("text"));

    awaitShared(".ics", 1);
    List<Long> postAts = slack.scheduled.values().stream().map(FakeSlack.Scheduled::postAt).sorted().toList();
    assertEquals(List.of(start.minusDays(1).toEpochSecond(), start.minusMinutes(15).toEpochSecond()), postAts);
    for (FakeSlack.Scheduled reminder : slack.scheduled.values()) {
      assertTrue(reminder.text().startsWith(":alarm_clock: The post-mortem of INC-1 ("), reminder.text());
      assertFalse(reminder.text().contains("reminder for"), "no machine tag for people to read: " + reminder.text());
    }

    FakeSlack.SharedFile invite = awaitShared(".ics", 1).get(0);
    assertEquals(channel, invite.channel());
    Map<String, String> ics = unfolded(invite.text());
    String uid = ics.get("UID");
    assertTrue(uid.contains("INC-1"), uid);
    assertEquals("0", ics.get("SEQUENCE"));
    assertEquals(start.format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")), ics.get("DTSTART;TZID=America/New_York"));
    assertTrue(invite.text().contains("mailto:ualice@example.com"), invite.text());
    assertTrue(invite.text().contains("mailto:ubob@example.com"), invite.text());
    assertFalse(invite.text().contains("ucarol@example.com"));
    assertTrue(invite.text().replace("\r\n ", "").contains("Person UCAROL"), "no address: named in the description");
    assertEquals(1, steps("SCHEDULED").size());

    // rescheduling replaces Slack's reminders and sends the same invite with a higher SEQUENCE
    List<String> before = List.copyOf(slack.scheduled.keySet());
    candor.requests.interaction(SlackPayloads.buttonInChannel(slack, ALICE, channel, "postmortem_reschedule", "INC-1", "s2"));
    var reopen = slack.await("views.open", c -> "trig-s2".equals(c.param("trigger_id")));
    assertTrue(reopen.param("view").contains("1|America/New_York|1"), "the form knows which meeting it moves");
    assertTrue(reopen.param("view").contains("Submitting this form moves it"), reopen.param("view"));
    LocalDate later = day.plusDays(1);
    var stale = candor.requests.interaction(schedule(ALICE, "America/New_York", 0, later, "09:00", ALICE,
        List.of(BOB)));
    assertEquals("errors", stale.json().get("response_action"), "a form opened before the meeting was set");
    assertTrue(stale.body().contains("out of date"), stale.body());
    assertEquals(1, steps("SCHEDULED").size(), "a stale form changes nothing");
    candor.requests.interaction(schedule(ALICE, "America/New_York", 1, later, "09:00", ALICE, List.of(BOB)));
    FakeSlack.SharedFile update = awaitShared(".ics", 2).get(1);
    Map<String, String> updated = unfolded(update.text());
    assertEquals(uid, updated.get("UID"));
    assertEquals("1", updated.get("SEQUENCE"));
    for (String id : before) {
      assertFalse(slack.scheduled.containsKey(id), "earlier reminder " + id + " deleted");
    }
    assertEquals(before.size(), slack.calls("chat.deleteScheduledMessage").size());
    assertEquals(2, slack.scheduled.size());
    assertTrue(slack.await("chat.postMessage", c -> channel.equals(c.param("channel"))
        && c.param("text").contains("*moved* to")).param("text").contains("INC-1"));
    assertEquals(2, steps("SCHEDULED").size());
  }

  @Test
  void theFacilitatorsAppHome_listsThePostmortemsTheyFacilitate_onlyInChannelsTheyAreIn() throws Exception {
    resolvedIncident();
    awaitPrompt(RESOLVED_WITH_ITS_QUESTION);
    candor.joins(channel, BOB); // as Slack tells Candor: Bob is in the channel, and later leaves it
    LocalDate day = LocalDate.now(ZoneId.of("UTC")).plusDays(2);
    candor.requests.interaction(schedule(ALICE, "UTC", day, "10:00", BOB, List.of(ALICE)));
    awaitShared(".ics", 1);

    home(BOB);
    var published = slack.await("views.publish", c -> BOB.equals(c.param("user_id")));
    String view = published.param("view");
    assertTrue(view.contains("Post-mortems you facilitate") && view.contains("INC-1"), view);

    candor.leaves(channel, BOB);
    home(BOB);
    Eventually.await(() -> slack.calls("views.publish").stream().filter(c -> BOB.equals(c.param("user_id"))).count() >= 2,
        "Bob's App Home published again");
    var again = slack.calls("views.publish").stream().filter(c -> BOB.equals(c.param("user_id"))).toList();
    assertEquals(2, again.size());
    assertFalse(again.get(1).param("view").contains("INC-1"), "not a member: not shown");
  }

  private void home(String user) {
    var event = Map.<String, Object>of("type", "app_home_opened", "user", user, "channel", "D" + user, "tab", "home",
        "event_ts", "1700000000.1");
    assertEquals(200, candor.requests.event(SlackEvents.envelope(
        SlackEvents.newEventId(), event), Map.of()).status());
  }

  @Test
  void aMeetingSoon_schedulesOnlyTheRemindersStillAhead() throws Exception {
    slack.timeZone(ALICE, "UTC");
    resolvedIncident();
    awaitPrompt(RESOLVED_WITH_ITS_QUESTION);
    ZonedDateTime soon = ZonedDateTime.now(ZoneId.of("UTC")).plusMinutes(40).withSecond(0).withNano(0);
    candor.requests.interaction(schedule(ALICE, "UTC", soon.toLocalDate(), soon.toLocalTime().toString(), ALICE, List.of()));
    awaitShared(".ics", 1);
    assertEquals(List.of(soon.minusMinutes(15).toEpochSecond()),
        slack.scheduled.values().stream().map(FakeSlack.Scheduled::postAt).toList(), "the day-before one is past");
  }

  @Test
  void anInviteSharedBeforeItsJobCouldRecordIt_isNotSharedAgain_whenTheJobRunsAgain() throws Exception {
    TestClock clock = new TestClock(Instant.now());
    candor.close();
    candor = RunningCandor.start(dir, Map.of("CANDOR_JOBS_POLL", "1s"), clock);
    slack = candor.slack;
    slack.useClock(clock); // Slack dates its files on the test's clock
    slack.keepPostsInNewChannels();
    slack.addChannel("CGENERAL", "general", false, false, ALICE);
    resolvedIncident();
    awaitPrompt(RESOLVED_WITH_ITS_QUESTION);
    // Slack shares the invite, but its answer is lost: the job stops after the share, before it records it
    slack.failAfterActing("files.completeUploadExternal", c -> true, FakeSlack.error("internal_error"));

    candor.requests.interaction(schedule(ALICE, "UTC", LocalDate.now(ZoneId.of("UTC")).plusDays(2), "10:00", ALICE,
        List.of(BOB)));
    awaitShared(".ics", 1);
    String key = PostmortemService.announceKey(incident().id());
    Eventually.await(() -> jobs().find(key).orElseThrow().status() == Job.Status.PENDING, "the job put back");
    clock.set(jobs().find(key).orElseThrow().runAt());
    Eventually.await(() -> jobs().find(key).orElseThrow().status() == Job.Status.DONE, "the job run again, and done");
    candor.awaitJobsIdle();

    assertEquals(1, shared(".ics").size(), "shared once: " + slack.describe());
    assertEquals(1, slack.calls("files.completeUploadExternal").size());
    FakeSlack.Call look = slack.await("files.list");
    assertEquals(channel, look.param("channel"));
    assertEquals(1, postmortem().invited(), "the invite recorded as sent");
    assertEquals(1, slack.calls("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel"))
        && c.param("text").contains("scheduled for")).count(), "the meeting's message, once too");
  }

  @Test
  void aStatusUpdateMentioningSomeone_readsInTheDraftsKeyEventsAsTheirName_neitherMarkupNorAMention() {
    candor.requests.command(ALICE, "CGENERAL", "declare checkout errors sev2");
    channel = slack.await("conversations.invite").param("channel");
    assertEquals(200, candor.requests.command(ALICE, channel, "status identified <@UBOB|bob> found the bad deploy")
        .status());
    assertEquals(200, candor.requests.command(ALICE, channel, "resolve rolled back").status());
    assertEquals(200, candor.requests.command(ALICE, channel, "postmortem").status());
    slack.await("conversations.canvases.create", c -> channel.equals(c.param("channel_id")), Duration.ofSeconds(15));

    String markdown = slack.canvases.get(slack.channel(channel).canvasId);
    String line = markdown.lines().filter(l -> l.startsWith("- ") && l.contains("found the bad deploy")).findFirst()
        .orElseThrow(() -> new AssertionError("no key event of the update in:\n" + markdown));
    assertTrue(line.endsWith(": @Person UBOB found the bad deploy"), "the name Slack's profile gives: " + line);
    assertFalse(line.contains("\\<") || line.contains("![](@UBOB)"), line);
  }

  @Test
  void openingThePostmortem_makesTheChannelCanvasOnce_thenLinksToIt() throws Exception {
    resolvedIncident();
    assertEquals(200, candor.requests.command(ALICE, channel, "postmortem").status());
    var create = slack.await("conversations.canvases.create", c -> channel.equals(c.param("channel_id")),
        Duration.ofSeconds(15));
    assertNotNull(create);
    String markdown = slack.canvases.get(slack.channel(channel).canvasId);
    assertTrue(markdown.startsWith("# "), markdown);
    assertTrue(markdown.contains("checkout errors"), markdown);
    for (String level : List.of("Organization", "Culture", "Process", "Engineering practice", "Software")) {
      assertTrue(markdown.contains(level), level + " in " + markdown);
    }
    assertFalse(markdown.lines().anyMatch(l -> l.startsWith("####")), "headings h1-h3 only");
    var told = slack.await("chat.postMessage", c -> channel.equals(c.param("channel"))
        && c.param("text").contains("opened the post-mortem draft"));
    assertTrue(told.param("text").contains("https://candor-test.slack.com/docs/"), told.param("text"));

    candor.requests.interaction(SlackPayloads.buttonInChannel(slack, ALICE, channel, "postmortem_open", "INC-1", "o2"));
    String second = said("o2");
    assertTrue(second.contains("canvas"), second);
    Thread.sleep(500);
    assertEquals(1, slack.calls("conversations.canvases.create").size(), "opening again links, makes none");
    assertEquals(1, steps("DOCUMENT_OPENED").size());
  }

  @Test
  void aChannelThatAlreadyHasACanvas_getsALinkToIt_andTheDraftBesideIt() throws Exception {
    resolvedIncident();
    slack.channel(channel).canvasId = "F0THEIRS";
    candor.requests.command(ALICE, channel, "postmortem");
    var told = slack.await("chat.postMessage", c -> channel.equals(c.param("channel"))
        && c.param("text").contains("opened the post-mortem"), Duration.ofSeconds(15));
    assertTrue(told.param("text").contains("F0THEIRS"), told.param("text"));
    assertTrue(told.param("text").contains("already had a canvas"), told.param("text"));
    assertEquals(1, slack.calls("conversations.info").stream().filter(c -> channel.equals(c.param("channel"))).count());
    FakeSlack.SharedFile draft = awaitShared(".md", 1).get(0);
    assertTrue(draft.text().contains("Contributing factors"), "the draft is not lost: " + draft.text());
    assertEquals(null, slack.canvases.get("F0THEIRS"), "their canvas is not overwritten");
  }

  @Test
  void theDraftWaitsForTheResolution() throws Exception {
    candor.requests.command(ALICE, "CGENERAL", "declare checkout errors sev2");
    channel = slack.await("conversations.invite").param("channel");
    candor.requests.command(ALICE, channel, "postmortem");
    var said = slack.await("response_url", c -> c.body().contains("resolve it first"));
    assertNotNull(said);
    assertEquals(0, slack.calls("conversations.canvases.create").size());
  }

  @Test
  void notYet_takesTheQuestionAway_andClosesNothing() throws Exception {
    resolvedIncident();
    var ask = candor.requests.command(ALICE, channel, "close");
    assertTrue(ask.body().contains("postmortem_not_yet"), ask.body());
    candor.requests.interaction(SlackPayloads.buttonInChannel(slack, ALICE, channel, "postmortem_not_yet", "INC-1", "n1"));
    var gone = slack.await("response_url", c -> "n1".equals(c.param("id")));
    assertTrue(gone.body().contains("delete_original"), gone.body());
    assertEquals(IncidentState.RESOLVED, incident().state());
  }

  @Test
  void aPrivateIncident_tellsAnOutsideFacilitatorNothing_andIsNeverPublished() throws Exception {
    candor.requests.interaction(SlackPayloads.declareSubmission("VDECL", "CGENERAL",
        "payroll export leak", "SEV2", "", "private", "new"));
    channel = slack.await("conversations.invite").param("channel");
    assertTrue(channel.startsWith("G"), channel);
    candor.requests.command(ALICE, channel, "resolve contained");
    awaitPrompt(RESOLVED_WITH_ITS_QUESTION);

    candor.requests.interaction(schedule(ALICE, "UTC", LocalDate.now(ZoneId.of("UTC")).plusDays(2), "10:00", BOB,
        List.of()));
    var note = slack.await("chat.postMessage", c -> channel.equals(c.param("channel"))
        && c.param("text").contains("isn't in this private channel"), Duration.ofSeconds(15));
    assertTrue(note.param("text").contains(BOB), note.param("text"));
    assertTrue(slack.calls("chat.postMessage").stream().noneMatch(c -> ("D" + BOB).equals(c.param("channel"))),
        "nothing about a private incident goes to someone outside it");

    var close = candor.requests.command(ALICE, channel, "close");
    candor.requests.interaction(SlackPayloads.buttonInChannel(slack, ALICE, channel, "postmortem_close_anyway", "INC-1", "p1"));
    assertTrue(said("p1").contains("is closed"));
    candor.awaitJobsIdle(); // the close's jobs have run
    assertTrue(slack.calls("chat.postMessage").stream().noneMatch(c -> "CPOSTMORTEMS".equals(c.param("channel"))),
        "a private incident is never published");
    assertTrue(close.body().contains("postmortem_close_anyway"), close.body());
  }

  /**
   * A notice in the channel whose answer is lost (Slack posted it, a proxy answered 502) is not posted again: the
   * announcement's job is not retried for it, since a retry could not tell that it went out.
   */
  @Test
  void aNoticeWhoseAnswerIsLost_isNotPostedTwice() throws Exception {
    candor.requests.interaction(SlackPayloads.declareSubmission("VDECL", "CGENERAL",
        "payroll export leak", "SEV2", "", "private", "new"));
    channel = slack.await("conversations.invite").param("channel");
    candor.requests.command(ALICE, channel, "resolve contained");
    awaitPrompt(RESOLVED_WITH_ITS_QUESTION);
    slack.failAfterActing("chat.postMessage", c -> channel.equals(c.param("channel"))
        && c.param("text").contains("isn't in this private channel"), FakeSlack.json(502, "{}"));

    candor.requests.interaction(schedule(ALICE, "UTC", LocalDate.now(ZoneId.of("UTC")).plusDays(2), "10:00", BOB,
        List.of()));
    slack.await("chat.postMessage", c -> channel.equals(c.param("channel"))
        && c.param("text").contains("isn't in this private channel"), Duration.ofSeconds(15));
    candor.awaitJobsIdle();

    String key = "postmortem:" + incident().id().value() + ":announce";
    JobStore.Entry announce = new JdbcJobStore(candor.candor.database().dataSource(), Clock.systemUTC()).find(key)
        .orElseThrow();
    assertEquals(Job.Status.DONE, announce.status(), "not put back to post the notice again: " + announce);
    assertEquals(1, slack.calls("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel"))
        && c.param("text").contains("isn't in this private channel")).count(), "the notice, once");
    assertEquals(1, slack.calls("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel"))
        && c.param("text").contains("scheduled for")).count(), "the meeting message, once");
  }

  /**
   * The announcement's job never waits on Slack, and a rate limit is not taken for a refusal: a 429 (Retry-After
   * 20 s) on checking whether a private incident's facilitator is in its channel puts the job off past it, rather
   * than telling the channel the checklist could not be sent; after it, the facilitator is checked and told once.
   */
  @Test
  void aRateLimitOnTheFacilitatorsMembershipCheck_retriesTheJob_ratherThanCallingTheChecklistUndelivered() {
    TestClock clock = new TestClock(Instant.now());
    candor.close();
    candor = RunningCandor.start(dir, Map.of("CANDOR_JOBS_POLL", "1s", "POSTMORTEMS_CHANNEL", "CPOSTMORTEMS"), clock);
    slack = candor.slack;
    slack.keepPostsInNewChannels(); // a retried job reads the channel's history for what it already posted
    slack.addChannel("CGENERAL", "general", false, false, ALICE);
    candor.requests.interaction(SlackPayloads.declareSubmission("VDECL", "CGENERAL",
        "payroll export leak", "SEV2", "", "private", "new"));
    channel = slack.await("conversations.invite").param("channel");
    candor.requests.command(ALICE, channel, "resolve contained");
    awaitPrompt(RESOLVED_WITH_ITS_QUESTION);
    candor.awaitJobsIdle();
    slack.script("conversations.members", c -> channel.equals(c.param("channel")), new MockResponse.Builder()
        .code(429).addHeader("Retry-After", "20").addHeader("Content-Type", "application/json")
        .body("{\"ok\":false,\"error\":\"ratelimited\"}").build());
    Instant limitedAt = clock.instant();

    candor.requests.interaction(schedule(ALICE, "UTC", LocalDate.now(ZoneId.of("UTC")).plusDays(2), "10:00", ALICE,
        List.of()));
    String key = "postmortem:" + incident().id().value() + ":announce";
    JdbcJobStore jobs = new JdbcJobStore(candor.candor.database().dataSource(), clock);
    Eventually.await(() -> jobs.find(key).filter(j -> j.status() == Job.Status.PENDING && j.attempts() == 1)
        .isPresent(), "the announcement, put off by the 429");
    JobStore.Entry limited = jobs.find(key).orElseThrow();
    assertFalse(limited.runAt().isBefore(limitedAt.plusSeconds(20)), "no sooner than Retry-After: " + limited);
    assertTrue(slack.calls("chat.postMessage").stream().noneMatch(c -> channel.equals(c.param("channel"))
        && c.param("text").contains("couldn't DM")), "a rate limit is not a checklist that could not be sent");

    clock.set(limited.runAt());
    Eventually.await(() -> jobs.find(key).filter(j -> j.status() == Job.Status.DONE).isPresent(), "announced");
    candor.awaitJobsIdle();
    assertEquals(1, slack.calls("chat.postMessage").stream().filter(c -> ("D" + ALICE).equals(c.param("channel"))
        && c.param("text").contains("You are facilitating")).count(), "the checklist, once");
    assertEquals(1, slack.calls("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel"))
        && c.param("text").contains("scheduled for")).count(), "the meeting message, once across the retry");
    assertTrue(slack.calls("chat.postMessage").stream().noneMatch(c -> c.param("text").contains("couldn't DM")));
  }

  @Test
  void aWorkspaceWithoutCanvases_getsTheDraftAsAMarkdownFile() throws Exception {
    slack.disableCanvases();
    resolvedIncident();
    candor.requests.command(ALICE, channel, "postmortem");
    FakeSlack.SharedFile file = awaitShared(".md", 1).get(0);
    assertEquals(channel, file.channel());
    assertTrue(file.text().startsWith("# "), file.text());
    assertTrue(file.text().contains("Contributing factors"), file.text());
    assertTrue(file.text().contains("@Person UALICE"), "a file shows people by name: " + file.text());
    var told = slack.await("chat.postMessage", c -> channel.equals(c.param("channel"))
        && c.param("text").contains("a Markdown file in this channel"), Duration.ofSeconds(15));
    assertTrue(told.param("text").contains(file.id()), told.param("text"));
  }

  @Test
  void closingBeforeThePostmortem_asksFirst_andRecordsTheChoice_thenPublishesTheSummary() throws Exception {
    assertEquals(200, candor.requests.command(ALICE, "CGENERAL", "declare checkout errors sev2").status());
    channel = slack.await("conversations.invite").param("channel");
    var early = candor.requests.command(ALICE, channel, "close");
    assertTrue(early.text().contains("Only a resolved incident can be closed"), early.body());

    candor.requests.command(ALICE, channel, "followup <@UBOB|bob> in 3 days review the deploy checklist #process");
    slack.await("chat.postMessage", c -> channel.equals(c.param("channel")) && c.param("text").contains("follow-up"));
    candor.requests.command(ALICE, channel, "resolve rolled back");
    var ask = candor.requests.command(ALICE, channel, "close");
    assertEquals("ephemeral", ask.json().get("response_type"));
    assertTrue(ask.body().contains("postmortem_close_anyway"), ask.body());
    assertEquals(IncidentState.RESOLVED, incident().state(), "nothing closed yet");

    candor.requests.interaction(SlackPayloads.buttonInChannel(slack, ALICE, channel, "postmortem_close_anyway", "INC-1", "c1"));
    String done = said("c1");
    assertTrue(done.contains("is closed"), done);
    assertEquals(IncidentState.CLOSED, incident().state());
    assertTrue(timeline().stream().anyMatch(e -> "CLOSED BEFORE_POSTMORTEM".equals(e.detail())), "the choice is recorded");
    var summary = slack.await("chat.postMessage", c -> "CPOSTMORTEMS".equals(c.param("channel")), Duration.ofSeconds(15));
    assertTrue(summary.param("text").contains("INC-1") && summary.param("text").contains("checkout errors"),
        summary.param("text"));
    String blocks = summary.json("blocks");
    assertTrue(blocks.contains("Process") && blocks.contains("review the deploy checklist"), blocks);

    candor.requests.interaction(SlackPayloads.buttonInChannel(slack, ALICE, channel, "postmortem_close_anyway", "INC-1", "c2"));
    assertTrue(said("c2").contains("closed already"));
    candor.awaitJobsIdle(); // whatever the second click scheduled has run
    assertEquals(1, slack.calls("chat.postMessage").stream().filter(c -> "CPOSTMORTEMS".equals(c.param("channel"))).count());
  }

  @Test
  void closingAfterDecidingNoneIsNeeded_closesAtOnce() throws Exception {
    resolvedIncident();
    awaitPrompt(RESOLVED_WITH_ITS_QUESTION);
    candor.requests.interaction(submission(ALICE, "postmortem_not_needed_form", "1",
        Map.of("reason", text("a known flaky probe, already tracked"))));
    var close = candor.requests.command(ALICE, channel, "close");
    assertEquals(200, close.status());
    assertFalse(close.body().contains("postmortem_close_anyway"), close.body());
    assertEquals(IncidentState.CLOSED, incident().state());
    var summary = slack.await("chat.postMessage", c -> "CPOSTMORTEMS".equals(c.param("channel")), Duration.ofSeconds(15));
    assertTrue(summary.param("text").contains("No post-mortem: a known flaky probe"), summary.param("text"));
  }

  @Test
  void aButtonFromAnotherChannel_orForAnotherIncident_doesNothing() throws Exception {
    resolvedIncident();
    awaitPrompt(RESOLVED_WITH_ITS_QUESTION);
    candor.requests.interaction(SlackPayloads.buttonInChannel(slack, ALICE, "CGENERAL", "postmortem_remind_tomorrow", "INC-1", "x1"));
    assertTrue(said("x1").contains("can't find"));
    candor.requests.interaction(SlackPayloads.buttonInChannel(slack, ALICE, channel, "postmortem_not_needed", "INC-99", "x2"));
    assertTrue(said("x2").contains("can't find"));
    assertEquals(0, views("postmortem_not_needed_form"));
    assertEquals(Decision.PENDING, postmortem().decision());
  }

  // ---- helpers

  /** The text posted to response_url {@code id}. */
  private String said(String id) throws IOException {
    return JSON.readTree(slack.await("response_url", c -> id.equals(c.param("id"))).body()).path("text").asText();
  }

  private List<FakeSlack.SharedFile> awaitShared(String suffix, int count) {
    Eventually.await(() -> shared(suffix).size() >= count, count + " " + suffix + " file(s) shared; calls:\n"
        + slack.describe());
    return shared(suffix);
  }

  private List<FakeSlack.SharedFile> shared(String suffix) {
    return slack.shared.stream().filter(f -> f.filename().endsWith(suffix)).toList();
  }

  /** The .ics properties, lines unfolded, by name with parameters (later ones win). */
  static Map<String, String> unfolded(String ics) {
    Map<String, String> props = new LinkedHashMap<>();
    for (String line : ics.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        props.putIfAbsent(line.substring(0, colon), line.substring(colon + 1));
      }
    }
    return props;
  }

  private long views(String callback) {
    return slack.calls("views.open").stream().filter(c -> c.param("view").contains(callback)).count();
  }

  private Incident incident() {
    return new JdbcIncidentRepository(candor.candor.database().dataSource()).byChannel(channel).orElseThrow();
  }

  private Postmortem postmortem() {
    return new JdbcPostmortemRepository(candor.candor.database().dataSource()).find(incident().id())
        .orElse(Postmortem.pending(incident().id()));
  }

  private JdbcJobStore jobs() {
    return new JdbcJobStore(candor.candor.database().dataSource(), Clock.systemUTC());
  }

  private List<TimelineEntry> timeline() {
    return new JdbcTimelineStore(candor.candor.database().dataSource()).entries(incident().id());
  }

  private List<TimelineEntry> steps(String step) {
    return timeline().stream().filter(e -> ("POSTMORTEM " + step).equals(e.detail())).toList();
  }

  private void postAs(String user, String text) {
    slack.channel(channel).members.add(user);
    var event = SlackEvents.message(channel,
        String.format("%d.%06d", Instant.now().getEpochSecond(), 1), user, text);
    assertEquals(200, candor.requests.event(SlackEvents.envelope(
        SlackEvents.newEventId(), event), Map.of()).status());
    Eventually.await(() -> timeline().stream().anyMatch(e -> user.equals(e.actor())),
        user + "'s message in the timeline");
  }

  private static Map<String, Object> text(String value) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("type", "plain_text_input");
    v.put("value", value);
    return Map.of("value", v);
  }

  private Map<String, Object> schedule(String user, String zone, LocalDate date, String time, String facilitator,
      List<String> attendees) {
    return schedule(user, zone, 0, date, time, facilitator, attendees);
  }

  private Map<String, Object> schedule(String user, String zone, int seen, LocalDate date, String time, String facilitator,
      List<String> attendees) {
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, Object> who = new LinkedHashMap<>();
    who.put("type", "users_select");
    who.put("selected_user", facilitator);
    values.put("facilitator", Map.of("value", who));
    values.put("date", Map.of("value", Map.of("type", "datepicker", "selected_date", date.toString())));
    values.put("time", Map.of("value", Map.of("type", "timepicker", "selected_time", time)));
    values.put("length", Map.of("value", Map.of("type", "static_select",
        "selected_option", Map.of("text", Map.of("type", "plain_text", "text", "1 h"), "value", "60"))));
    values.put("attendees", Map.of("value", Map.of("type", "multi_users_select", "selected_users", attendees)));
    values.put("where", text("Room 4 / https://meet.example.com/inc-1"));
    return submission(user, "postmortem_schedule_form", "1|" + zone + "|" + seen, values);
  }

  private Map<String, Object> submission(String user, String callback, String metadata, Map<String, Object> values) {
    return Map.of("type", "view_submission", "team", Map.of("id", FakeSlack.TEAM, "domain", "candor-test"),
        "user", Map.of("id", user, "name", user.toLowerCase(), "team_id", FakeSlack.TEAM), "api_app_id", "ACANDOR",
        "token", "deprecated", "trigger_id", "trig-view",
        "view", Map.of("id", "VPM", "team_id", FakeSlack.TEAM, "type", "modal", "callback_id", callback,
            "private_metadata", metadata, "hash", "h1", "state", Map.of("values", values)));
  }
}
