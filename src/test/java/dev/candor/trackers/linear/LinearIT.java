package dev.candor.trackers.linear;

import static dev.candor.testing.SlackPayloads.button;
import static dev.candor.testing.SlackPayloads.chosen;
import static dev.candor.testing.SlackPayloads.followUpForm;
import static dev.candor.testing.SlackPayloads.pickedDate;
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
import dev.candor.testing.FakeLinear;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.TestClock;
import dev.candor.trackers.TrackerIssue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follow-ups kept in Linear, through the real server with signed Slack requests, against a fake Linear written from
 * its GraphQL documentation: a follow-up becomes one issue in the team (title, the incident's link and summary,
 * owner as assignee by email, due date and level in the description); moving it to Done or back to Todo in Linear
 * (its signed webhook) marks the follow-up done and open again; an edit, Done and a drop in Candor update it; a
 * RATELIMITED answer is waited out until its reset and makes one issue; a forged or stale webhook is refused and
 * changes nothing; a key Linear refuses is said once and stops nothing else; without the webhook's secret, Candor
 * polls.
 */
class LinearIT {
  static final String TEAM = "9cfb482a-81e3-4154-b5b9-2c805e70a02d";
  static final String KEY = "lin_api_test0123456789abcdef";
  static final String SECRET = "lin_wh_secret0123456789abcdef";
  @TempDir Path dir;
  TestClock clock = TestClock.at("2026-12-01T12:00:00Z");
  FakeLinear linear = new FakeLinear(TEAM, "ENG", KEY, clock, "bob@example.com", "carol@example.com");
  RunningCandor candor;
  FakeSlack slack;
  Incident incident;

  void start(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of("CANDOR_JOBS_POLL", "1s", "CANDOR_STATUS_REMINDER", "3650d",
        "CANDOR_TRACKER", "linear", "LINEAR_API_KEY", KEY, "LINEAR_TEAM_ID", TEAM, "LINEAR_API_URL",
        linear.apiUrl(), "LINEAR_WEBHOOK_SECRET", SECRET, "LINEAR_USERS",
        "UBOB=bob@example.com,UCAROL=Carol@Example.com,UDANA=dana@example.com"));
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
    linear.close();
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

  JsonNode awaitIssue(String identifier) {
    Eventually.await(() -> linear.issues().containsKey(identifier), identifier + " made: " + linear.calls());
    return linear.issue(identifier);
  }

  String posted(String words) {
    return slack.await("chat.postMessage", c -> incident.channelId().equals(c.param("channel"))
        && c.param("text").contains(words)).param("text");
  }

  long postsSaying(String words) {
    return slack.calls("chat.postMessage").stream()
        .filter(c -> incident.channelId().equals(c.param("channel")) && c.param("text").contains(words)).count();
  }

  String url() {
    return "http://127.0.0.1:" + candor.candor.port() + "/trackers/linear";
  }

  int webhook(String body) {
    return linear.deliver(url(), body, FakeLinear.signature(SECRET, body));
  }

  List<FakeLinear.Call> calls(String field) {
    return linear.calls().stream().filter(c -> c.field().equals(field)).toList();
  }

  long writes() {
    return linear.calls().stream().filter(c -> c.field().startsWith("issueCreate")
        || c.field().startsWith("issueUpdate")).count();
  }

  @Test
  void aFollowUp_becomesOneIssueInTheTeam_withTheIncidentsLinkSummaryOwnerDueDateAndLevel() {
    start(Map.of());
    FollowUp f = followUp("<@UBOB|bob> 2026-12-15 add a pre-deploy schema check #process");
    JsonNode issue = awaitIssue("ENG-1");
    assertEquals("add a pre-deploy schema check", issue.path("title").asText());
    String body = issue.path("description").asText();
    assertTrue(body.contains(incident.id() + "**: checkout errors"), body);
    assertTrue(body.contains("https://slack.com/app_redirect?channel=" + incident.channelId()), body);
    assertTrue(body.contains("card payments fail") && !body.contains("@channel"), body);
    assertTrue(body.contains("**Due:** 2026-12-15") && body.contains("**Level:** process"), body);
    assertTrue(body.contains("candor-follow-up:" + incident.id() + ":" + f.id()) && !body.contains("<!--"),
        "the mark is visible text, which Linear keeps: " + body);
    assertEquals(linear.userId("bob@example.com"), issue.path("assignee").path("id").asText());
    assertEquals("unstarted", issue.path("state").path("type").asText());
    assertEquals(KEY, calls("issueCreate").get(0).authorization(), "a personal key, as it is: no Bearer");
    assertEquals(TEAM, calls("issueCreate").get(0).variables().path("input").path("teamId").asText());

    String said = posted("is Linear issue");
    assertTrue(said.contains("|ENG-1>") && said.contains("https://linear.app/acme/issue/eng-1/"), said);
    TrackerIssue link = new JdbcTrackerLinks(candor.candor.database().dataSource()).of(f.id()).orElseThrow();
    assertEquals("linear", link.tracker());
    assertEquals("ENG-1", link.key());
    candor.awaitJobsIdle();
    assertEquals(1, linear.issues().size());
    assertEquals(1, calls("issueCreate").size());
    assertEquals(0, calls("issues").size(), "made once, with no look-up needed: " + linear.calls());
  }

  @Test
  void doneInLinear_marksTheFollowUpDone_andBackToTodoReopensIt_sendingNothingBack() {
    start(Map.of());
    FollowUp f = followUp("<@UBOB|bob> 2026-12-15 add a canary stage");
    awaitIssue("ENG-1");
    posted("is Linear issue");
    candor.awaitJobsIdle();
    long writes = writes();

    String closed = linear.moveTo("ENG-1", "completed", "bob@example.com");
    assertEquals(200, webhook(closed));
    Eventually.await(() -> followUps().byId(f.id()).orElseThrow().status() == FollowUp.Status.DONE, "done");
    assertEquals(200, webhook(closed), "a redelivery is answered and changes nothing");
    candor.awaitJobsIdle();
    assertEquals(FollowUp.Status.DONE, followUps().byId(f.id()).orElseThrow().status());

    clock.advance(Duration.ofSeconds(5));
    String reopened = linear.moveTo("ENG-1", "unstarted", "carol@example.com");
    assertEquals(200, webhook(reopened));
    Eventually.await(() -> followUps().byId(f.id()).orElseThrow().isOpen(), "open again");
    String said = posted("is open again");
    assertTrue(said.contains("<@UCAROL> reopened it"), "the email is the Slack user LINEAR_USERS names: " + said);
    candor.awaitJobsIdle();
    assertEquals(writes, writes(), "what Linear did is not sent back to it: " + linear.calls());
  }

  @Test
  void aForgedUnsignedOrStaleWebhook_isRefusedWith401_andChangesNothing() {
    start(Map.of());
    FollowUp f = followUp("<@UBOB|bob> 2026-12-15 add a canary stage");
    awaitIssue("ENG-1");
    String body = linear.moveTo("ENG-1", "completed", "bob@example.com");

    assertEquals(401, linear.deliver(url(), body, FakeLinear.signature("not-the-secret-at-all", body)));
    assertEquals(401, linear.deliver(url(), body, null));
    assertEquals(401, linear.deliver(url(), body, "zz"));
    String tampered = body.replace("bob@example.com", "carol@example.com");
    assertEquals(401, linear.deliver(url(), tampered, FakeLinear.signature(SECRET, body)));
    clock.advance(Duration.ofMinutes(2));
    assertEquals(401, webhook(body), "signed, but two minutes old: a replay");
    candor.awaitJobsIdle();
    assertEquals(FollowUp.Status.OPEN, followUps().byId(f.id()).orElseThrow().status());
    assertTrue(new JdbcJobStore(candor.candor.database().dataSource(), clock).list("tracker:check:").isEmpty(),
        "a refused delivery schedules nothing");
    String comment = "{\"action\":\"create\",\"type\":\"Comment\",\"data\":{},\"webhookTimestamp\":"
        + clock.instant().toEpochMilli() + "}";
    assertEquals(200, webhook(comment), "a signed event of another kind is answered and ignored");
  }

  @Test
  void editDoneAndDropInCandor_updateTheIssue_inOrder() {
    start(Map.of());
    FollowUp f = followUp("<@UBOB|bob> 2026-12-15 rotate the keys #process");
    awaitIssue("ENG-1");
    candor.awaitJobsIdle();

    Map<String, Object> edit = new HashMap<>();
    edit.put("title", typed("rotate all the signing keys"));
    edit.put("due_date", pickedDate(null));
    edit.put("due_text", typed("2026-12-20"));
    edit.put("level", chosen("ENGINEERING"));
    assertEquals("", candor.requests.interaction(followUpForm("followup_edit_form", f.id() + ":1:dm", "UBOB", edit))
        .body(), "the form closes");
    Eventually.await(() -> linear.issue("ENG-1").path("title").asText().equals("rotate all the signing keys"),
        "the edit in Linear: " + linear.calls());
    String body = linear.issue("ENG-1").path("description").asText();
    assertTrue(body.contains("**Due:** 2026-12-20") && body.contains("engineering practice"), body);
    assertEquals("unstarted", linear.issue("ENG-1").path("state").path("type").asText(), "still open");

    candor.requests.interaction(button(slack, "UBOB", "followup_done", Long.toString(f.id()), "done-1"));
    Eventually.await(() -> linear.issue("ENG-1").path("state").path("type").asText().equals("completed"),
        "Done: " + linear.issue("ENG-1"));

    FollowUp other = followUp("<@UCAROL|carol> 2026-12-18 write the runbook");
    JsonNode second = awaitIssue("ENG-2");
    assertEquals(linear.userId("carol@example.com"), second.path("assignee").path("id").asText(),
        "LINEAR_USERS' email matched as Linear has it");
    candor.requests.command("UALICE", incident.channelId(), "followup drop " + other.id() + " covered by the migration");
    Eventually.await(() -> linear.issue("ENG-2").path("state").path("type").asText().equals("canceled"),
        "dropped: " + linear.issue("ENG-2"));
    assertTrue(linear.issue("ENG-2").path("description").asText().contains("covered by the migration"));
    candor.awaitJobsIdle();
    assertEquals(2, linear.issues().size());
    List<String> order = linear.calls().stream().map(FakeLinear.Call::field)
        .filter(c -> c.startsWith("issueCreate") || c.startsWith("issueUpdate")).toList();
    assertEquals(List.of("issueCreate", "issueUpdate", "issueUpdate", "issueCreate", "issueUpdate"), order);
    assertEquals(1, calls("workflowStates").size(), "the team's states asked once");
  }

  @Test
  void aRateLimitedCreate_waitsUntilItsReset_andMakesOneIssue() {
    start(Map.of());
    linear.failNext(FakeLinear.rateLimited(clock.instant().plus(Duration.ofSeconds(30))));
    followUp("<@UBOB|bob> 2026-12-15 add a canary stage");
    Eventually.await(() -> calls("issueCreate").size() + calls("users").size() >= 1, "the limited call");
    var jobs = new JdbcJobStore(candor.candor.database().dataSource(), clock);
    Eventually.await(() -> jobs.list("tracker:").stream().anyMatch(e -> e.attempts() == 1), "its failed run recorded");
    assertTrue(jobs.list("tracker:").get(0).runAt().isAfter(clock.instant().plus(Duration.ofSeconds(25))),
        "waits for X-RateLimit-Requests-Reset: " + jobs.list("tracker:"));
    long before = linear.calls().size();
    clock.advance(Duration.ofSeconds(20));
    candor.awaitJobsIdle();
    assertEquals(before, linear.calls().size(), "nothing asked before the reset");
    clock.advance(Duration.ofSeconds(11));
    awaitIssue("ENG-1");
    candor.awaitJobsIdle();
    assertEquals(400, linear.calls().get(0).answered());
    assertEquals(1, linear.issues().size(), "one issue");
    assertEquals(1, postsSaying("is Linear issue"));
  }

  @Test
  void aKeyLinearRefuses_isSaidOnceInTheChannel_andNothingElseStops() {
    start(Map.of("LINEAR_API_KEY", "lin_api_revoked"));
    followUp("<@UBOB|bob> 2026-12-15 add a canary stage");
    String said = posted("Linear refused Candor's token");
    assertFalse(said.contains("revoked"), "the key is never said: " + said);
    followUp("<@UBOB|bob> 2026-12-16 write the runbook");
    slack.await("chat.postMessage", c -> "DUBOB".equals(c.param("channel")) && c.param("text").contains("runbook"));
    candor.requests.command("UALICE", incident.channelId(), "status identified bad deploy");
    posted("bad deploy");
    candor.awaitJobsIdle();
    assertEquals(1, postsSaying("Linear refused"), "said once");
    assertEquals(Map.of(), linear.issues());
    assertTrue(linear.calls().stream().allMatch(c -> c.answered() == 400), linear.calls().toString());
  }

  @Test
  void withoutAWebhookSecret_candorPolls_andAnIssueDoneInLinearClosesTheFollowUp() {
    start(Map.of("LINEAR_WEBHOOK_SECRET", "", "CANDOR_TRACKER_POLL", "1m"));
    FollowUp f = followUp("<@UBOB|bob> 2026-12-15 add a canary stage");
    awaitIssue("ENG-1");
    candor.awaitJobsIdle();
    String event = linear.moveTo("ENG-1", "unstarted", "bob@example.com");
    assertEquals(404, webhook(event), "no webhook without its secret");

    clock.advance(Duration.ofSeconds(5));
    linear.moveTo("ENG-1", "completed", "bob@example.com");
    clock.advance(Duration.ofSeconds(61));
    Eventually.await(() -> followUps().byId(f.id()).orElseThrow().status() == FollowUp.Status.DONE,
        "the poll found it done: " + linear.calls());
    assertTrue(calls("issues").stream().anyMatch(c -> c.variables().path("filter").path("updatedAt").has("gte")),
        linear.calls().toString());
  }
}
