package dev.candor.trackers;

import static dev.candor.testing.SlackPayloads.button;
import static dev.candor.testing.SlackPayloads.chosen;
import static dev.candor.testing.SlackPayloads.followUpForm;
import static dev.candor.testing.SlackPayloads.pickedDate;
import static dev.candor.testing.SlackPayloads.pickedUser;
import static dev.candor.testing.SlackPayloads.typed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.followup.FollowUp;
import dev.candor.incident.Incident;
import dev.candor.jobs.Job;
import dev.candor.store.JdbcFollowUpRepository;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcJobStore;
import dev.candor.store.JdbcTrackerLinks;
import dev.candor.testing.CandorProcess;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.FakeTracker;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SlackEvents;
import dev.candor.testing.TestClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every tracker Candor keeps follow-ups in must do, each scenario stated once, end to end: the real server with
 * signed Slack requests, against the tracker's fake written from its public documentation. A follow-up becomes one
 * issue (the incident's link and summary, owner, due date, level), linked wherever Candor shows the follow-up; closing
 * and reopening it in the tracker (its signed webhook) marks it done and open again, a late delivery changes nothing,
 * and nothing is sent back; an edit, Done, a reassignment and a drop in Candor update it, in order; a rate-limited
 * create waits as the tracker asks and makes one issue; a forged, unsigned or tampered webhook is refused and changes
 * nothing; credentials the tracker refuses are said once and stop nothing else; a project the tracker does not know
 * is said and that sync given up; with the webhook an hourly poll finds what no delivery brought, and without its
 * secret Candor polls, reading every page; and an issue made while Candor is killed (SIGKILL, the packaged jar in a
 * child JVM, the tracker holding its answer to the create) is found after the restart, not made again.
 *
 * <p>Each tracker's test is a subclass: the adapter below (its fake, its settings, how it signs a webhook, how a
 * person closes an issue in it, how it reads its issues) and what only that tracker does. Each test pays for the
 * servers it starts: the fake tracker and Candor (with its {@link FakeSlack}) in {@link #start}, or the fake, a
 * {@link FakeSlack} and the jar's child JVM in the crash drill.
 *
 * @param <F> the tracker's fake
 */
public abstract class TrackerContract<F extends FakeTracker> {
  /** The person who adds the follow-ups, who owns them, and who reopens the issue in the tracker. */
  protected static final String BOB = "bob";

  protected static final String CAROL = "carol";
  static final Duration WAIT = Duration.ofSeconds(60);
  @TempDir protected Path dir;
  protected TestClock clock = TestClock.at("2026-12-01T12:00:00Z");
  protected F fake;
  protected RunningCandor candor;
  protected FakeSlack slack;
  protected Incident incident;

  /**
   * What each tracker is called and how it refuses, as its IT gives them.
   *
   * @param name how people call it in Slack: {@code GitHub}
   * @param id its webhook's path on Candor, and its id in the links table: {@code github}
   * @param secretSetting the setting that holds the webhook's secret
   * @param refusedCredentials the settings with credentials the tracker refuses (whose words say "revoked")
   * @param refusedStatus the status the tracker answers credentials it refuses
   * @param unknownProject the settings naming a repository, team or project the tracker does not have
   * @param malformedSignature a signature header that is not even of the tracker's form
   */
  public record About(String name, String id, String secretSetting, Map<String, String> refusedCredentials,
      int refusedStatus, Map<String, String> unknownProject, String malformedSignature) {}

  private final About about;

  protected TrackerContract(About about) {
    this.about = about;
  }

  // --- the adapter: what each tracker says its own way ---

  /** The tracker's fake on a local port, on {@code clock}, knowing bob and carol. */
  protected abstract F fake(Clock clock);

  /** Candor's settings for this tracker and {@link #fake}, its webhook's secret and the owners' logins included. */
  protected abstract Map<String, String> settings();

  /** The key Candor shows for the {@code n}th issue made: {@code octo-org/ops#1}, {@code ENG-1}. */
  protected abstract String key(int n);

  /** How the tracker knows {@code person} ({@link #BOB}, {@link #CAROL}): by default an email. */
  protected String login(String person) {
    return person + "@example.com";
  }

  protected int issueCount() {
    return fake.issues().size();
  }

  protected abstract String title(int n);

  /** The issue's description, as text. */
  protected abstract String text(int n);

  /** Where the {@code n}th issue stands: {@code open}, {@code done} or {@code dropped}. */
  protected abstract String state(int n);

  /** The issue's assignees, as {@link #login} gives them. */
  protected abstract List<String> assignees(int n);

  /** {@code person} closes the {@code n}th issue in the tracker; answers the webhook's body about it (not sent). */
  protected abstract String closeIn(int n, String person);

  /** {@code person} reopens the {@code n}th issue in the tracker; answers the webhook's body about it (not sent). */
  protected abstract String reopenIn(int n, String person);

  /** The signature the tracker puts on {@code body} with {@code secret}. */
  protected abstract String sign(String secret, String body);

  /** Delivers {@code body} to Candor's webhook as the tracker does, with {@code signature} (none if null). */
  protected abstract int deliver(String url, String body, String signature);

  /** Delivers a signed event of a kind Candor does not act on (a ping, a comment, an issue created). */
  protected abstract int deliverAnotherKind(String url);

  /** The tracker's next answer is its rate limit, with a wait of {@code wait} as it says waits. */
  protected abstract void rateLimitNext(Duration wait);

  /** The statuses the fake answered, in order. */
  protected abstract List<Integer> answered();

  /** The calls that write (make, update, move an issue), in order, each as a word and the issue it was about. */
  protected abstract List<String> writes();

  /**
   * What {@link #editDoneReassignAndDropInCandor_updateTheIssue_inOrder} writes, as {@link #writes} says it: by
   * default one update each for the edit, the reassignment, Done and the drop.
   */
  protected List<String> writesOfTheEdits() {
    return List.of("create 1", "update 1", "update 1", "update 1", "create 2", "update 2");
  }

  /** How many times Candor asked for the issues changed (a page each). */
  protected abstract int pollsAsked();

  /** How many times an issue was made. */
  protected abstract long creates();

  /** Every request to make an issue, whatever its answer (a retried or doubled create counts twice). */
  protected abstract long createsAsked();

  /** Whether Candor looked for the issue (by its mark) after the create it never heard the answer to. */
  protected abstract boolean lookedForItAfterTheCreate();

  // --- what only some trackers say: by default nothing more ---

  /** The first issue as only this tracker has it (labels, assignee, auth, the mark); follow-up {@code f}'s. */
  protected void madeAsTheTrackerHasIt(FollowUp f) {}

  /** A person adds something of their own to the first issue in the tracker, which Candor's edits must keep. */
  protected void peopleAddToTheIssue() {}

  /** After the edit in Candor: the first issue as only this tracker has it. */
  protected void editedAsTheTrackerHasIt() {}

  /** After the edits, Done, the reassignment and the drop: the issues as only this tracker has them. */
  protected void editsWrittenAsTheTrackerHasThem() {}

  /** What else this tracker refuses of a delivery signed with the secret ({@code body}): say, a stale one. */
  protected void refusedToo(String body) {}

  // --- the scenarios ---

  protected void start(Map<String, String> extra) {
    fake = fake(clock);
    Map<String, String> env = new HashMap<>(settings());
    env.putAll(Map.of("CANDOR_JOBS_POLL", "1s", "CANDOR_STATUS_REMINDER", "3650d", about.secretSetting(), SECRET));
    env.putAll(extra);
    candor = RunningCandor.start(dir, env, clock);
    slack = candor.slack;
    slack.keepPostsInNewChannels();
    slack.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
    candor.requests.command("UALICE", "CGENERAL", "declare checkout errors sev2");
    String channel = slack.await("conversations.invite").param("channel");
    incident = new JdbcIncidentRepository(candor.candor.database().dataSource()).byChannel(channel).orElseThrow();
    candor.requests.command("UALICE", channel, "summary card payments fail for @channel users");
  }

  /** The webhook's secret in these tests. */
  protected static final String SECRET = "hook-secret-0123456789abcdef";

  @AfterEach
  void stop() throws Exception {
    if (candor != null) {
      candor.close();
    }
    if (fake != null) {
      fake.close();
    }
  }

  protected FollowUp followUp(String text) {
    int before = followUps().forIncident(incident.id()).size();
    candor.requests.command("UALICE", incident.channelId(), "followup " + text);
    Eventually.await(() -> followUps().forIncident(incident.id()).size() == before + 1, "the follow-up added");
    return followUps().forIncident(incident.id()).stream().max((a, b) -> Long.compare(a.id(), b.id())).orElseThrow();
  }

  protected JdbcFollowUpRepository followUps() {
    return new JdbcFollowUpRepository(candor.candor.database().dataSource());
  }

  protected JdbcJobStore jobs() {
    return new JdbcJobStore(candor.candor.database().dataSource(), clock);
  }

  protected void awaitIssue(int n) {
    Eventually.await(() -> issueCount() >= n, key(n) + " made: " + answered());
  }

  protected String posted(String words) {
    return slack.await("chat.postMessage", c -> incident.channelId().equals(c.param("channel"))
        && c.param("text").contains(words)).param("text");
  }

  protected long postsSaying(String words) {
    return slack.calls("chat.postMessage").stream()
        .filter(c -> incident.channelId().equals(c.param("channel")) && c.param("text").contains(words)).count();
  }

  protected String url() {
    return "http://127.0.0.1:" + candor.candor.port() + "/trackers/" + about.id();
  }

  protected int webhook(String body) {
    return deliver(url(), body, sign(SECRET, body));
  }

  private FollowUp.Status status(FollowUp f) {
    return followUps().byId(f.id()).orElseThrow().status();
  }

  @Test
  void aFollowUp_becomesOneIssue_withTheIncidentsLinkSummaryOwnerDueDateAndLevel_linkedWhereverItIsShown() {
    start(Map.of());
    FollowUp f = followUp("<@UBOB|bob> 2026-12-15 add a pre-deploy schema check #process");
    awaitIssue(1);
    assertEquals("add a pre-deploy schema check", title(1));
    String body = text(1);
    assertTrue(body.contains(incident.id() + "") && body.contains(": checkout errors"), body);
    assertTrue(body.contains("card payments fail"), body);
    assertFalse(body.contains("@channel"), "no one is pinged from the summary: " + body);
    assertTrue(body.contains("Due:** 2026-12-15") || body.contains("Due: 2026-12-15"), body);
    assertTrue(body.contains("Level:** process") || body.contains("Level: process"), body);
    assertEquals(List.of(login(BOB)), assignees(1));
    assertEquals("open", state(1));
    madeAsTheTrackerHasIt(f);

    String said = posted("is " + about.name() + " issue");
    TrackerIssue link = new JdbcTrackerLinks(candor.candor.database().dataSource()).of(f.id()).orElseThrow();
    assertEquals(new TrackerIssue(about.id(), key(1), link.url()), link);
    assertTrue(said.contains("<" + link.url() + "|" + key(1) + ">"), said);
    candor.awaitJobsIdle();
    assertEquals(1, issueCount());
    assertEquals(1, createsAsked(), "asked once");
    assertEquals(List.of("create 1"), writes(), "made once, with no look-up needed");

    // the link wherever Candor shows the follow-up: the list, the owner's App Home and reminders, the draft
    String list = candor.requests.command("UBOB", incident.channelId(), "followups").text();
    assertTrue(list.contains("add a pre-deploy schema check") && list.contains("|" + key(1) + ">"), list);
    var opened = Map.<String, Object>of("type", "app_home_opened", "user", "UBOB", "channel", "DUBOB", "tab", "home",
        "event_ts", "1700000000.1");
    assertEquals(200, candor.requests.event(SlackEvents.envelope(SlackEvents.newEventId(), opened), Map.of()).status());
    String home = slack.await("views.publish", c -> "UBOB".equals(c.param("user_id"))).json("view");
    assertTrue(home.contains("add a pre-deploy schema check") && home.contains(key(1)), home);
    candor.requests.command("UALICE", incident.channelId(), "resolve all clear");
    posted("*resolved* " + incident.id());
    assertEquals(200, candor.requests.command("UALICE", incident.channelId(), "postmortem").status());
    slack.await("conversations.canvases.create", c -> incident.channelId().equals(c.param("channel_id")));
    String draft = slack.canvases.get(slack.channel(incident.channelId()).canvasId);
    assertTrue(draft.contains("add a pre-deploy schema check") && draft.contains("(" + link.url() + "))"),
        "the post-mortem draft links the issue: " + draft);
    clock.advance(Duration.ofDays(12)); // to the reminder two days before the due date, 09:00 in Berlin
    String reminder = slack.await("chat.postMessage", c -> "DUBOB".equals(c.param("channel"))
        && c.param("text").contains("Reminder")).param("text");
    assertTrue(reminder.contains("Tracked as <" + link.url() + "|" + key(1) + ">"), reminder);
  }

  @Test
  void closingTheIssueInTheTracker_marksTheFollowUpDone_andReopeningItReopensIt_sendingNothingBack() {
    start(Map.of());
    FollowUp f = followUp("<@UBOB|bob> 2026-12-15 add a canary stage");
    awaitIssue(1);
    posted("is " + about.name() + " issue");
    candor.awaitJobsIdle();
    List<String> writes = writes();

    String closed = closeIn(1, BOB);
    assertEquals(200, webhook(closed));
    Eventually.await(() -> status(f) == FollowUp.Status.DONE, "done");
    assertEquals(200, webhook(closed), "a redelivery is answered and changes nothing");
    // a late "reopened" (an old delivery, sent again) is checked against the issue, closed again since
    String late = reopenIn(1, CAROL);
    closeIn(1, BOB);
    assertEquals(200, webhook(late));
    candor.awaitJobsIdle();
    assertEquals(FollowUp.Status.DONE, status(f));

    clock.advance(Duration.ofSeconds(5));
    assertEquals(200, webhook(reopenIn(1, CAROL)));
    Eventually.await(() -> followUps().byId(f.id()).orElseThrow().isOpen(), "open again");
    String said = posted("is open again");
    assertTrue(said.contains("<@UCAROL> reopened it"), "the login is the Slack user the settings name: " + said);
    assertEquals(Job.Status.PENDING, jobs().find("followup:" + f.id() + ":remind").orElseThrow().status(),
        "its reminders start again");
    candor.awaitJobsIdle();
    assertEquals(writes, writes(), "what the tracker did is not sent back to it");
  }

  @Test
  void aForgedUnsignedOrTamperedWebhook_isRefusedWith401_andChangesNothing() {
    start(Map.of());
    FollowUp f = followUp("<@UBOB|bob> 2026-12-15 add a canary stage");
    awaitIssue(1);
    String body = closeIn(1, BOB);

    assertEquals(401, deliver(url(), body, sign("not-the-secret-at-all", body)));
    assertEquals(401, deliver(url(), body, null));
    assertEquals(401, deliver(url(), body, about.malformedSignature()));
    String tampered = body.replace(login(BOB), login(CAROL));
    assertTrue(!tampered.equals(body));
    assertEquals(401, deliver(url(), tampered, sign(SECRET, body)));
    refusedToo(body);
    candor.awaitJobsIdle();
    assertEquals(FollowUp.Status.OPEN, status(f));
    assertTrue(jobs().list("tracker:check:").isEmpty(), "a refused delivery schedules nothing");
    assertEquals(200, deliverAnotherKind(url()), "a signed event of another kind is answered and ignored");
  }

  @Test
  void editDoneReassignAndDropInCandor_updateTheIssue_inOrder() {
    start(Map.of());
    FollowUp f = followUp("<@UBOB|bob> 2026-12-15 rotate the keys #process");
    awaitIssue(1);
    candor.awaitJobsIdle();
    peopleAddToTheIssue();

    Map<String, Object> edit = new HashMap<>();
    edit.put("title", typed("rotate all the signing keys"));
    edit.put("due_date", pickedDate(null));
    edit.put("due_text", typed("2026-12-20"));
    edit.put("level", chosen("ENGINEERING"));
    assertEquals("", candor.requests.interaction(followUpForm("followup_edit_form", f.id() + ":1:dm", "UBOB", edit))
        .body(), "the form closes");
    Eventually.await(() -> title(1).equals("rotate all the signing keys"), "the edit in " + about.name());
    String body = text(1);
    assertTrue(body.contains("2026-12-20") && body.contains("engineering practice"), body);
    assertEquals("open", state(1), "still open");
    editedAsTheTrackerHasIt();

    candor.requests.interaction(followUpForm("followup_reassign_form", f.id() + ":2:dm", "UBOB",
        Map.of("owner", pickedUser("UCAROL"))));
    Eventually.await(() -> assignees(1).contains(login(CAROL)) && !assignees(1).contains(login(BOB)),
        "the new owner assigned in the old one's place: " + assignees(1));

    candor.requests.interaction(button(slack, "UCAROL", "followup_done", Long.toString(f.id()), "done-1"));
    Eventually.await(() -> state(1).equals("done"), "Done");

    FollowUp other = followUp("<@UCAROL|carol> 2026-12-18 write the runbook");
    awaitIssue(2);
    assertEquals(List.of(login(CAROL)), assignees(2), "the owner's login or email as the tracker has it");
    candor.requests.command("UALICE", incident.channelId(), "followup drop " + other.id() + " covered by the migration");
    Eventually.await(() -> state(2).equals("dropped"), "dropped");
    assertTrue(text(2).contains("covered by the migration"), text(2));
    candor.awaitJobsIdle();
    assertEquals(2, issueCount());
    assertEquals(writesOfTheEdits(), writes());
    editsWrittenAsTheTrackerHasThem();
  }

  @Test
  void aRateLimitedCreate_waitsAsTheTrackerAsks_andMakesOneIssue() {
    start(Map.of());
    rateLimitNext(Duration.ofSeconds(30));
    followUp("<@UBOB|bob> 2026-12-15 add a canary stage");
    Eventually.await(() -> jobs().list("tracker:").stream().anyMatch(e -> e.attempts() == 1),
        "its failed run recorded");
    assertTrue(jobs().list("tracker:").get(0).runAt().isAfter(clock.instant().plus(Duration.ofSeconds(25))),
        "waits as asked: " + jobs().list("tracker:"));
    int before = answered().size();
    clock.advance(Duration.ofSeconds(20));
    candor.awaitJobsIdle();
    assertEquals(before, answered().size(), "nothing asked before the wait is over");
    clock.advance(Duration.ofSeconds(11));
    awaitIssue(1);
    candor.awaitJobsIdle();
    assertTrue(answered().get(0) >= 400, "the first answer was the limit: " + answered());
    assertEquals(1, issueCount(), "one issue: the look-up found none before making it");
    assertEquals(1, creates());
    assertEquals(1, postsSaying("is " + about.name() + " issue"));
  }

  @Test
  void credentialsTheTrackerRefuses_areSaidOnceInTheChannel_andNothingElseStops() {
    start(about.refusedCredentials());
    followUp("<@UBOB|bob> 2026-12-15 add a canary stage");
    String said = posted(about.name() + " refused Candor's token");
    assertFalse(said.contains("revoked"), "the credentials are never said: " + said);
    followUp("<@UBOB|bob> 2026-12-16 write the runbook");
    slack.await("chat.postMessage", c -> "DUBOB".equals(c.param("channel")) && c.param("text").contains("runbook"));
    candor.requests.command("UALICE", incident.channelId(), "status identified bad deploy");
    posted("bad deploy");
    candor.awaitJobsIdle();
    assertEquals(1, postsSaying(about.name() + " refused"), "said once");
    assertEquals(0, issueCount());
    assertTrue(answered().stream().allMatch(s -> s == about.refusedStatus()), answered().toString());
  }

  @Test
  void aProjectTheTrackerDoesNotKnow_isSaidInTheChannel_andThatFollowUpsSyncIsGivenUp() {
    start(about.unknownProject());
    FollowUp f = followUp("<@UBOB|bob> 2026-12-15 add a canary stage");
    posted(about.name() + " refused follow-up #" + f.id());
    Eventually.await(() -> jobs().list(TrackerSync.queue(f.id()) + ":").stream()
        .allMatch(e -> e.status() == Job.Status.FAILED), "given up: " + jobs().list("tracker:"));
    candor.requests.command("UALICE", incident.channelId(), "status identified bad deploy");
    posted("bad deploy");
    assertEquals(0, issueCount());
  }

  @Test
  void withTheWebhook_anHourlyPoll_findsAnIssueClosedWhileNoDeliveryCame() {
    start(Map.of());
    FollowUp f = followUp("<@UBOB|bob> 2026-12-15 add a canary stage");
    awaitIssue(1);
    candor.awaitJobsIdle();
    assertEquals(0, pollsAsked(), "no poll yet: the webhook comes first");
    clock.advance(Duration.ofMinutes(5));
    closeIn(1, BOB); // the tracker's delivery never reached Candor
    clock.advance(Duration.ofMinutes(56));
    Eventually.await(() -> status(f) == FollowUp.Status.DONE, "the hourly poll found it closed: " + answered());
  }

  @Test
  void withoutAWebhookSecret_candorPolls_everyPage_andAnIssueClosedInTheTrackerClosesTheFollowUp() {
    start(Map.of(about.secretSetting(), "", "CANDOR_TRACKER_POLL", "1m"));
    fake.pagesOf(1);
    FollowUp f = followUp("<@UBOB|bob> 2026-12-15 add a canary stage");
    FollowUp other = followUp("<@UBOB|bob> 2026-12-16 write the runbook");
    awaitIssue(2);
    candor.awaitJobsIdle();
    String event = reopenIn(1, BOB);
    assertEquals(404, deliver(url(), event, sign(SECRET, event)), "no webhook without its secret");

    clock.advance(Duration.ofSeconds(5));
    int before = pollsAsked();
    closeIn(1, BOB); // changed last: on the second page where the oldest change comes first
    clock.advance(Duration.ofSeconds(61));
    Eventually.await(() -> status(f) == FollowUp.Status.DONE, "the poll found it closed: " + answered());
    assertTrue(pollsAsked() - before >= 2, "both pages of one issue read: " + (pollsAsked() - before));
    assertEquals(FollowUp.Status.OPEN, status(other));
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS) // two starts and a resumed sync, at most
  void anIssueMadeWhenCandorIsKilled_isFoundAfterTheRestart_notMadeAgain() throws Exception {
    fake = fake(Clock.systemUTC());
    try (FakeSlack slack = new FakeSlack()) {
      slack.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
      Map<String, String> env = new HashMap<>(settings());
      env.putAll(Map.of("CANDOR_JOBS_POLL", "1s", "CANDOR_JOBS_LEASE", "2s", "CANDOR_STATUS_REMINDER", "3650d",
          about.secretSetting(), SECRET));
      try (CandorProcess process = CandorProcess.in(slack, dir, env)) {
        process.start("first");
        process.requests().command("UALICE", "CGENERAL", "declare checkout errors sev2");
        Eventually.await(() -> !slack.calls("conversations.invite").isEmpty(), "the incident channel", WAIT);
        String channel = slack.calls("conversations.invite").get(0).param("channel");
        fake.holdNextCreate();
        process.requests().command("UALICE", channel, "followup <@UBOB|bob> 2026-12-30 add a canary stage");
        assertTrue(fake.awaitHeld(WAIT), "the create reached " + about.name());
        assertEquals(1, issueCount(), about.name() + " made the issue");

        process.kill9();
        fake.release();
        assertEquals(0, links(process), "Candor died before it learned the issue");
        process.start("after-kill");
        Eventually.await(() -> {
          try {
            return links(process) == 1;
          } catch (Exception e) {
            return false;
          }
        }, "the issue found and linked after the restart", WAIT);
        Eventually.await(() -> slack.calls("chat.postMessage").stream().anyMatch(c -> channel.equals(c.param(
            "channel")) && c.param("text").contains("is " + about.name() + " issue")), "the channel told", WAIT);
        assertEquals(1, issueCount(), "one issue, not two: " + answered());
        assertEquals(1, createsAsked(), "asked once: the restart looked for it instead of asking again");
        assertTrue(lookedForItAfterTheCreate(), "looked for it before making another");
      }
    }
  }

  private static int links(CandorProcess process) throws Exception {
    try (Connection c = process.readOnly(); ResultSet rs = c.createStatement()
        .executeQuery("SELECT COUNT(*) FROM tracker_issues")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
