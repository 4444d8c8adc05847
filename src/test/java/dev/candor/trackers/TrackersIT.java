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

import com.fasterxml.jackson.databind.JsonNode;
import dev.candor.followup.FollowUp;
import dev.candor.incident.Incident;
import dev.candor.store.JdbcFollowUpRepository;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcJobStore;
import dev.candor.store.JdbcTrackerLinks;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeGitHub;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SlackEvents;
import dev.candor.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follow-ups kept in GitHub Issues, through the real server with signed Slack requests, against a fake GitHub written
 * from its REST documentation: a follow-up becomes one issue (title, the incident's link and summary, owner, due date,
 * level label); closing and reopening it in GitHub (its signed webhook) marks it done and open again; an edit, Done,
 * a reassignment and a drop in Candor update it; a 429 is waited out and makes one issue; a forged webhook is refused
 * and changes nothing; a token GitHub refuses is said once and stops nothing else; without the webhook's secret,
 * Candor polls.
 */
class TrackersIT {
  static final String REPO = "octo-org/ops";
  static final String TOKEN = "github_pat_test_0123456789";
  static final String SECRET = "hook-secret-0123456789abcdef";
  @TempDir Path dir;
  TestClock clock = TestClock.at("2026-12-01T12:00:00Z");
  FakeGitHub github = new FakeGitHub(REPO, TOKEN, clock, "bob-gh", "carol-gh", "dana-gh");
  RunningCandor candor;
  FakeSlack slack;
  Incident incident;

  void start(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of("CANDOR_JOBS_POLL", "1s", "CANDOR_STATUS_REMINDER", "3650d",
        "CANDOR_TRACKER", "github", "GITHUB_TOKEN", TOKEN, "GITHUB_REPO", REPO, "GITHUB_API_URL", github.apiUrl(),
        "GITHUB_WEBHOOK_SECRET", SECRET, "GITHUB_USERS", "UBOB=bob-gh,UCAROL=@carol-gh"));
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

  @AfterEach
  void stop() {
    if (candor != null) {
      candor.close();
    }
    github.close();
  }

  FollowUp followUp(String text) {
    int before = followUps().forIncident(incident.id()).size();
    candor.requests.command("UALICE", incident.channelId(), "followup " + text);
    Eventually.await(() -> followUps().forIncident(incident.id()).size() == before + 1, "the follow-up added");
    return followUps().forIncident(incident.id()).stream().max((a, b) -> Long.compare(a.id(), b.id())).orElseThrow();
  }

  JdbcFollowUpRepository followUps() {
    return new JdbcFollowUpRepository(candor.candor.database().dataSource());
  }

  JsonNode awaitIssue(long number) {
    Eventually.await(() -> github.issues().containsKey(number), "issue " + number + " made: " + github.calls());
    return github.issue(number);
  }

  String posted(String words) {
    return slack.await("chat.postMessage", c -> incident.channelId().equals(c.param("channel"))
        && c.param("text").contains(words)).param("text");
  }

  long postsSaying(String words) {
    return slack.calls("chat.postMessage").stream()
        .filter(c -> incident.channelId().equals(c.param("channel")) && c.param("text").contains(words)).count();
  }

  int webhook(String action, long number, String login, String signature) {
    String body = github.issuesEvent(action, number, login);
    return github.deliver("http://127.0.0.1:" + candor.candor.port() + "/trackers/github", "issues", body,
        signature == null ? FakeGitHub.signature(SECRET, body) : signature);
  }

  static List<String> names(JsonNode issue, String field, String name) {
    List<String> out = new ArrayList<>();
    issue.path(field).forEach(n -> out.add(n.path(name).asText()));
    return out;
  }

  List<FakeGitHub.Call> calls(String method) {
    return github.calls().stream().filter(c -> c.method().equals(method)).toList();
  }

  @Test
  void aFollowUp_becomesOneIssue_withTheIncidentsLinkSummaryOwnerDueDateAndLevel_andTheChannelLinksIt() {
    start(Map.of());
    FollowUp f = followUp("<@UBOB|bob> 2026-12-15 add a pre-deploy schema check #process");
    JsonNode issue = awaitIssue(1);
    assertEquals("add a pre-deploy schema check", issue.path("title").asText());
    String body = issue.path("body").asText();
    assertTrue(body.contains(incident.id() + "**: checkout errors"), body);
    assertTrue(body.contains("https://slack.com/app_redirect?channel=" + incident.channelId()), body);
    assertTrue(body.contains("card payments fail"), body);
    assertFalse(body.contains("@channel"), "no one is pinged from the summary: " + body);
    assertTrue(body.contains("**Due:** 2026-12-15") && body.contains("**Level:** process") && body.contains("@bob-gh"),
        body);
    assertTrue(body.contains("<!-- candor-follow-up:" + incident.id() + ":" + f.id() + " -->"), body);
    List<String> labels = new ArrayList<>();
    issue.path("labels").forEach(l -> labels.add(l.path("name").asText()));
    assertEquals(List.of("candor", "level: process"), labels);
    assertEquals("bob-gh", issue.path("assignee").path("login").asText());
    FakeGitHub.Call create = calls("POST").get(0);
    assertEquals("Bearer " + TOKEN, create.authorization());

    String said = posted("is GitHub issue");
    assertTrue(said.contains("<https://github.com/octo-org/ops/issues/1|octo-org/ops#1>"), said);
    assertEquals(new TrackerIssue("github", REPO + "#1", "https://github.com/octo-org/ops/issues/1"),
        new JdbcTrackerLinks(candor.candor.database().dataSource()).of(f.id()).orElseThrow());
    candor.awaitJobsIdle();
    assertEquals(1, github.issues().size());
    assertEquals(1, calls("POST").size(), "made once, with no look-up needed: " + github.calls());

    // the link wherever Candor shows the follow-up: the list, the owner's App Home and reminders, the draft
    String list = candor.requests.command("UBOB", incident.channelId(), "followups").text();
    assertTrue(list.contains("add a pre-deploy schema check") && list.contains("|octo-org/ops#1>"), list);
    var opened = Map.<String, Object>of("type", "app_home_opened", "user", "UBOB", "channel", "DUBOB", "tab", "home",
        "event_ts", "1700000000.1");
    assertEquals(200, candor.requests.event(SlackEvents.envelope(SlackEvents.newEventId(), opened), Map.of()).status());
    String home = slack.await("views.publish", c -> "UBOB".equals(c.param("user_id"))).json("view");
    assertTrue(home.contains("add a pre-deploy schema check") && home.contains("octo-org/ops#1"), home);
    candor.requests.command("UALICE", incident.channelId(), "resolve all clear");
    posted("*resolved* " + incident.id());
    assertEquals(200, candor.requests.command("UALICE", incident.channelId(), "postmortem").status());
    slack.await("conversations.canvases.create", c -> incident.channelId().equals(c.param("channel_id")));
    String draft = slack.canvases.get(slack.channel(incident.channelId()).canvasId);
    assertTrue(draft.contains("add a pre-deploy schema check") && draft.contains(
        "(https://github.com/octo-org/ops/issues/1))"), "the post-mortem draft links the issue: " + draft);
    clock.advance(Duration.ofDays(12)); // to the reminder two days before the due date, 09:00 in Berlin
    String reminder = slack.await("chat.postMessage", c -> "DUBOB".equals(c.param("channel"))
        && c.param("text").contains("Reminder")).param("text");
    assertTrue(reminder.contains("Tracked as <https://github.com/octo-org/ops/issues/1|octo-org/ops#1>"), reminder);
  }

  @Test
  void closingTheIssueInGitHub_marksTheFollowUpDone_andReopeningItReopensIt_sendingNothingBack() {
    start(Map.of());
    FollowUp f = followUp("<@UBOB|bob> 2026-12-15 add a canary stage");
    awaitIssue(1);
    posted("is GitHub issue");
    candor.awaitJobsIdle();
    long writes = github.calls().stream().filter(c -> !c.method().equals("GET")).count();

    github.setState(1, false, "bob-gh");
    assertEquals(200, webhook("closed", 1, "bob-gh", null));
    Eventually.await(() -> followUps().byId(f.id()).orElseThrow().status() == FollowUp.Status.DONE, "done");
    assertEquals(200, webhook("closed", 1, "bob-gh", null), "a redelivery is answered and changes nothing");
    // a late "reopened" (say an old delivery sent again) is checked against the issue, still closed
    assertEquals(200, webhook("reopened", 1, "mallory", null));
    candor.awaitJobsIdle();
    assertEquals(FollowUp.Status.DONE, followUps().byId(f.id()).orElseThrow().status());

    github.setState(1, true, "carol-gh");
    assertEquals(200, webhook("reopened", 1, "carol-gh", null));
    Eventually.await(() -> followUps().byId(f.id()).orElseThrow().isOpen(), "open again");
    String said = posted("is open again");
    assertTrue(said.contains("<@UCAROL> reopened it"), "the login is the Slack user GITHUB_USERS names: " + said);
    assertTrue(new JdbcJobStore(candor.candor.database().dataSource(), clock).find("followup:" + f.id() + ":remind")
        .orElseThrow().status() == dev.candor.jobs.Job.Status.PENDING, "its reminders start again");
    candor.awaitJobsIdle();
    assertEquals(writes, github.calls().stream().filter(c -> !c.method().equals("GET")).count(),
        "what GitHub did is not sent back to it: " + github.calls());
  }

  @Test
  void aForgedOrUnsignedWebhook_isRefusedWith401_andChangesNothing() {
    start(Map.of());
    FollowUp f = followUp("<@UBOB|bob> 2026-12-15 add a canary stage");
    awaitIssue(1);
    github.setState(1, false, "mallory");
    String body = github.issuesEvent("closed", 1, "mallory");
    String url = "http://127.0.0.1:" + candor.candor.port() + "/trackers/github";

    assertEquals(401, github.deliver(url, "issues", body, FakeGitHub.signature("not-the-secret-at-all", body)));
    assertEquals(401, github.deliver(url, "issues", body, null));
    assertEquals(401, github.deliver(url, "issues", body, "sha256=zz"));
    String tampered = body.replace("mallory", "bob-gh");
    assertEquals(401, github.deliver(url, "issues", tampered, FakeGitHub.signature(SECRET, body)));
    candor.awaitJobsIdle();
    assertEquals(FollowUp.Status.OPEN, followUps().byId(f.id()).orElseThrow().status());
    assertTrue(new JdbcJobStore(candor.candor.database().dataSource(), clock).list("tracker:check:").isEmpty(),
        "a refused delivery schedules nothing");
    assertEquals(200, github.deliver(url, "ping", "{\"zen\":\"Keep it logically awesome.\"}",
        FakeGitHub.signature(SECRET, "{\"zen\":\"Keep it logically awesome.\"}")), "a signed ping is answered");
  }

  @Test
  void editDoneReassignAndDropInCandor_updateTheIssue_inOrder() {
    start(Map.of());
    FollowUp f = followUp("<@UBOB|bob> 2026-12-15 rotate the keys #process");
    awaitIssue(1);
    candor.awaitJobsIdle();
    github.labelAndAssign(1, "needs-design", "dana-gh"); // what people add in GitHub stays

    Map<String, Object> edit = new HashMap<>();
    edit.put("title", typed("rotate all the signing keys"));
    edit.put("due_date", pickedDate(null));
    edit.put("due_text", typed("2026-12-20"));
    edit.put("level", chosen("ENGINEERING"));
    assertEquals("", candor.requests.interaction(followUpForm("followup_edit_form", f.id() + ":1:dm", "UBOB", edit))
        .body(), "the form closes");
    Eventually.await(() -> github.issue(1).path("title").asText().equals("rotate all the signing keys"),
        "the edit in GitHub: " + github.calls());
    String body = github.issue(1).path("body").asText();
    assertTrue(body.contains("**Due:** 2026-12-20") && body.contains("engineering practice"), body);
    assertEquals(List.of("needs-design", "candor", "level: engineering"), names(github.issue(1), "labels", "name"));
    assertEquals(List.of("dana-gh", "bob-gh"), names(github.issue(1), "assignees", "login"));

    candor.requests.interaction(followUpForm("followup_reassign_form", f.id() + ":2:dm", "UBOB",
        Map.of("owner", pickedUser("UCAROL"))));
    Eventually.await(() -> names(github.issue(1), "assignees", "login").equals(List.of("dana-gh", "carol-gh")),
        "the new owner assigned in the old one's place: " + github.issue(1));

    candor.requests.interaction(button(slack, "UCAROL", "followup_done", Long.toString(f.id()), "done-1"));
    Eventually.await(() -> github.issue(1).path("state").asText().equals("closed"), "closed: " + github.issue(1));
    assertEquals("completed", github.issue(1).path("state_reason").asText());

    FollowUp other = followUp("<@UBOB|bob> 2026-12-18 write the runbook");
    awaitIssue(2);
    candor.requests.command("UALICE", incident.channelId(), "followup drop " + other.id() + " covered by the migration");
    Eventually.await(() -> github.issue(2).path("state").asText().equals("closed"), "dropped: " + github.issue(2));
    assertEquals("not_planned", github.issue(2).path("state_reason").asText());
    assertTrue(github.issue(2).path("body").asText().contains("covered by the migration"));
    candor.awaitJobsIdle();
    assertEquals(2, github.issues().size());
    List<String> order = new ArrayList<>();
    github.calls().stream().filter(c -> !c.method().equals("GET")).forEach(c -> order.add(c.method() + " "
        + c.path().replaceAll(".*/issues", "issues")));
    assertEquals(List.of("POST issues", "PATCH issues/1", "PATCH issues/1", "PATCH issues/1", "POST issues",
        "PATCH issues/2"), order);
  }

  @Test
  void aThrottledCreate_isTriedAgainAfterItsRetryAfter_andMakesOneIssue() {
    start(Map.of());
    github.failNext(FakeGitHub.tooMany(30));
    followUp("<@UBOB|bob> 2026-12-15 add a canary stage");
    Eventually.await(() -> calls("POST").size() == 1, "the throttled create");
    var jobs = new JdbcJobStore(candor.candor.database().dataSource(), clock);
    Eventually.await(() -> jobs.list("tracker:").stream().anyMatch(e -> e.attempts() == 1), "its failed run recorded");
    clock.advance(Duration.ofSeconds(20));
    candor.awaitJobsIdle();
    assertEquals(1, calls("POST").size(), "not before Retry-After");
    clock.advance(Duration.ofSeconds(11));
    awaitIssue(1);
    candor.awaitJobsIdle();
    assertEquals(List.of(429, 201), calls("POST").stream().map(FakeGitHub.Call::answered).toList());
    assertEquals(1, github.issues().size(), "one issue: the look-up found none before making it");
    assertEquals(1, postsSaying("is GitHub issue"));
  }

  @Test
  void theHoursLimitUsedUp_isWaitedOutUntilItsReset() {
    start(Map.of());
    github.failNext(FakeGitHub.hourUsedUp(clock.instant().plus(Duration.ofMinutes(10))));
    followUp("<@UBOB|bob> 2026-12-15 add a canary stage");
    Eventually.await(() -> calls("POST").size() == 1, "the refused create");
    var jobs = new JdbcJobStore(candor.candor.database().dataSource(), clock);
    Eventually.await(() -> jobs.list("tracker:").stream().anyMatch(e -> e.attempts() == 1), "its failed run recorded");
    assertTrue(jobs.list("tracker:").get(0).runAt().isAfter(clock.instant().plus(Duration.ofMinutes(9))),
        "waits for x-ratelimit-reset: " + jobs.list("tracker:"));
    clock.advance(Duration.ofMinutes(11));
    awaitIssue(1);
  }

  @Test
  void aTokenGitHubRefuses_isSaidOnceInTheChannel_andNothingElseStops() {
    start(Map.of("GITHUB_TOKEN", "github_pat_revoked"));
    followUp("<@UBOB|bob> 2026-12-15 add a canary stage");
    String said = posted("GitHub refused Candor's token");
    assertFalse(said.contains("revoked"), "the token is never said: " + said);
    followUp("<@UBOB|bob> 2026-12-16 write the runbook");
    slack.await("chat.postMessage", c -> "DUBOB".equals(c.param("channel")) && c.param("text").contains("runbook"));
    candor.requests.command("UALICE", incident.channelId(), "status identified bad deploy");
    posted("bad deploy");
    candor.awaitJobsIdle();
    assertEquals(1, postsSaying("GitHub refused"), "said once");
    assertEquals(Map.of(), github.issues());
    assertTrue(github.calls().stream().allMatch(c -> c.answered() == 401), github.calls().toString());
  }

  @Test
  void aRepositoryGitHubDoesNotKnow_isSaidInTheChannel_andThatFollowUpsSyncIsGivenUp() {
    start(Map.of("GITHUB_REPO", "octo-org/gone"));
    FollowUp f = followUp("<@UBOB|bob> 2026-12-15 add a canary stage");
    String said = posted("GitHub refused follow-up #" + f.id());
    assertTrue(said.contains("404"), said);
    var jobs = new JdbcJobStore(candor.candor.database().dataSource(), clock);
    Eventually.await(() -> jobs.list(TrackerSync.queue(f.id()) + ":").stream()
        .allMatch(e -> e.status() == dev.candor.jobs.Job.Status.FAILED), "given up: " + jobs.list("tracker:"));
    candor.requests.command("UALICE", incident.channelId(), "status identified bad deploy");
    posted("bad deploy");
    assertEquals(Map.of(), github.issues());
  }

  @Test
  void withTheWebhook_anHourlyPoll_findsAnIssueClosedWhileNoDeliveryCame() {
    start(Map.of());
    FollowUp f = followUp("<@UBOB|bob> 2026-12-15 add a canary stage");
    awaitIssue(1);
    candor.awaitJobsIdle();
    assertEquals(0, calls("GET").size(), "no poll yet: the webhook comes first");
    clock.advance(Duration.ofMinutes(5));
    github.setState(1, false, "bob-gh"); // GitHub's delivery never reached Candor
    clock.advance(Duration.ofMinutes(56));
    Eventually.await(() -> followUps().byId(f.id()).orElseThrow().status() == FollowUp.Status.DONE,
        "the hourly poll found it closed: " + github.calls());
  }

  @Test
  void withoutAWebhookSecret_candorPolls_andAnIssueClosedInGitHubClosesTheFollowUp() {
    start(Map.of("GITHUB_WEBHOOK_SECRET", "", "CANDOR_TRACKER_POLL", "1m"));
    FollowUp f = followUp("<@UBOB|bob> 2026-12-15 add a canary stage");
    awaitIssue(1);
    candor.awaitJobsIdle();
    String url = "http://127.0.0.1:" + candor.candor.port() + "/trackers/github";
    String event = github.issuesEvent("closed", 1, "bob-gh");
    assertEquals(404, github.deliver(url, "issues", event, FakeGitHub.signature(SECRET, event)),
        "no webhook without its secret");

    clock.advance(Duration.ofSeconds(5));
    github.setState(1, false, "bob-gh");
    clock.advance(Duration.ofSeconds(61));
    Eventually.await(() -> followUps().byId(f.id()).orElseThrow().status() == FollowUp.Status.DONE,
        "the poll found it closed: " + github.calls());
    JsonNode closedBy = github.issue(1).path("closed_by");
    assertEquals("bob-gh", closedBy.path("login").asText());
    Map<String, Integer> gets = new LinkedHashMap<>();
    calls("GET").forEach(c -> gets.merge(c.query().contains("since=") ? "since" : "other", 1, Integer::sum));
    assertTrue(gets.getOrDefault("since", 0) >= 1, gets.toString());
  }
}
