package dev.candor.trackers.jira;

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
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeJira;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follow-ups kept in Jira Cloud, through the real server with signed Slack requests, against a fake Jira written from
 * its REST v3 documentation: a follow-up becomes one Task (ADF description, labels, assignee by email); moving it to
 * Done and back to To Do in Jira (its signed admin webhook) marks the follow-up done and open again; an edit, Done and
 * a drop in Candor update it (a drop: Won't Do); a 429 is waited out; a forged webhook is refused; a token Jira
 * refuses is said once; without the webhook's secret, Candor polls.
 */
class JiraIT {
  static final String EMAIL = "candor-bot@example.com";
  static final String TOKEN = "ATATT3xFfGF0test0123456789";
  static final String SECRET = "jira-hook-secret-0123456789";
  @TempDir Path dir;
  TestClock clock = TestClock.at("2026-12-01T12:00:00Z");
  FakeJira jira = new FakeJira("OPS", EMAIL, TOKEN, clock, "bob@example.com", "carol@example.com");
  RunningCandor candor;
  FakeSlack slack;
  Incident incident;

  void start(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of("CANDOR_JOBS_POLL", "1s", "CANDOR_STATUS_REMINDER", "3650d",
        "CANDOR_TRACKER", "jira", "JIRA_URL", jira.siteUrl(), "JIRA_EMAIL", EMAIL, "JIRA_API_TOKEN", TOKEN,
        "JIRA_PROJECT", "OPS", "JIRA_WEBHOOK_SECRET", SECRET, "JIRA_USERS",
        "UBOB=bob@example.com,UCAROL=carol@example.com"));
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
    jira.close();
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

  JsonNode awaitIssue(String key) {
    Eventually.await(() -> jira.issues().containsKey(key), key + " made: " + jira.calls());
    return jira.issue(key);
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
    return "http://127.0.0.1:" + candor.candor.port() + "/trackers/jira";
  }

  int webhook(String body) {
    return jira.deliver(url(), body, FakeJira.signature(SECRET, body));
  }

  long writes() {
    return jira.calls().stream().filter(c -> !c.method().equals("GET") && !c.path().endsWith("/search/jql")).count();
  }

  static List<String> texts(JsonNode issue) {
    List<String> out = new ArrayList<>();
    issue.path("fields").path("description").path("content")
        .forEach(p -> p.path("content").forEach(t -> out.add(t.path("text").asText())));
    return out;
  }

  static List<String> labels(JsonNode issue) {
    List<String> out = new ArrayList<>();
    issue.path("fields").path("labels").forEach(l -> out.add(l.asText()));
    return out;
  }

  @Test
  void aFollowUp_becomesOneTask_withTheIncidentsLinkSummaryOwnerDueDateAndLevel() {
    start(Map.of());
    FollowUp f = followUp("<@UBOB|bob> 2026-12-15 add a pre-deploy schema check #process");
    JsonNode issue = awaitIssue("OPS-1");
    assertEquals("add a pre-deploy schema check", issue.path("fields").path("summary").asText());
    String text = String.join("\n", texts(issue));
    assertTrue(text.contains(incident.id() + ": checkout errors") && text.contains("card payments fail"), text);
    assertTrue(text.contains("Due: 2026-12-15") && text.contains("Level: process"), text);
    assertEquals(List.of("candor", "candor-level-process", "candor-" + incident.id() + "-" + f.id()), labels(issue));
    assertEquals(jira.accountId("bob@example.com"), issue.path("fields").path("assignee").path("accountId").asText());
    assertTrue(jira.calls().get(0).authorization().startsWith("Basic "));
    String said = posted("is Jira issue");
    assertTrue(said.contains("/browse/OPS-1|OPS-1>"), said);
    candor.awaitJobsIdle();
    assertEquals(1, jira.issues().size());
  }

  @Test
  void doneInJira_marksTheFollowUpDone_andToDoReopensIt_sendingNothingBack() {
    start(Map.of());
    FollowUp f = followUp("<@UBOB|bob> 2026-12-15 add a canary stage");
    awaitIssue("OPS-1");
    posted("is Jira issue");
    candor.awaitJobsIdle();
    long writes = writes();
    assertEquals(200, webhook(jira.moveTo("OPS-1", "Done", "bob@example.com")));
    Eventually.await(() -> followUps().byId(f.id()).orElseThrow().status() == FollowUp.Status.DONE, "done");
    clock.advance(Duration.ofSeconds(5));
    assertEquals(200, webhook(jira.moveTo("OPS-1", "To Do", "carol@example.com")));
    Eventually.await(() -> followUps().byId(f.id()).orElseThrow().isOpen(), "open again");
    assertTrue(posted("is open again").contains("<@UCAROL> reopened it"));
    candor.awaitJobsIdle();
    assertEquals(writes, writes(), "what Jira did is not sent back to it: " + jira.calls());
  }

  @Test
  void aForgedOrUnsignedWebhook_isRefusedWith401_andChangesNothing() {
    start(Map.of());
    FollowUp f = followUp("<@UBOB|bob> 2026-12-15 add a canary stage");
    awaitIssue("OPS-1");
    String body = jira.moveTo("OPS-1", "Done", "bob@example.com");
    assertEquals(401, jira.deliver(url(), body, FakeJira.signature("not-the-secret-at-all", body)));
    assertEquals(401, jira.deliver(url(), body, null));
    assertEquals(401, jira.deliver(url(), body.replace("bob@", "eve@"), FakeJira.signature(SECRET, body)));
    candor.awaitJobsIdle();
    assertEquals(FollowUp.Status.OPEN, followUps().byId(f.id()).orElseThrow().status());
    assertTrue(new JdbcJobStore(candor.candor.database().dataSource(), clock).list("tracker:check:").isEmpty());
  }

  @Test
  void editDoneAndDropInCandor_updateTheIssue() {
    start(Map.of());
    FollowUp f = followUp("<@UBOB|bob> 2026-12-15 rotate the keys #process");
    awaitIssue("OPS-1");
    candor.awaitJobsIdle();
    Map<String, Object> edit = new HashMap<>();
    edit.put("title", typed("rotate all the signing keys"));
    edit.put("due_date", pickedDate(null));
    edit.put("due_text", typed("2026-12-20"));
    edit.put("level", chosen("ENGINEERING"));
    candor.requests.interaction(followUpForm("followup_edit_form", f.id() + ":1:dm", "UBOB", edit));
    Eventually.await(() -> jira.issue("OPS-1").path("fields").path("summary").asText()
        .equals("rotate all the signing keys"), "the edit in Jira: " + jira.calls());
    assertTrue(labels(jira.issue("OPS-1")).contains("candor-level-engineering"));
    assertEquals("new", jira.category("OPS-1"));

    candor.requests.interaction(button(slack, "UBOB", "followup_done", Long.toString(f.id()), "done-1"));
    Eventually.await(() -> jira.category("OPS-1").equals("done"), "Done: " + jira.issue("OPS-1"));
    assertEquals("Done", jira.issue("OPS-1").path("fields").path("status").path("name").asText());

    FollowUp other = followUp("<@UCAROL|carol> 2026-12-18 write the runbook");
    awaitIssue("OPS-2");
    candor.requests.command("UALICE", incident.channelId(), "followup drop " + other.id() + " covered by the migration");
    Eventually.await(() -> jira.category("OPS-2").equals("done"), "dropped: " + jira.issue("OPS-2"));
    assertEquals("Won't Do", jira.issue("OPS-2").path("fields").path("status").path("name").asText());
    assertTrue(String.join(" ", texts(jira.issue("OPS-2"))).contains("covered by the migration"));
  }

  @Test
  void aThrottledCreate_isTriedAgainAfterItsRetryAfter_andMakesOneIssue() {
    start(Map.of());
    jira.failNext(FakeJira.tooMany(30));
    followUp("<@UBOB|bob> 2026-12-15 add a canary stage");
    var jobs = new JdbcJobStore(candor.candor.database().dataSource(), clock);
    Eventually.await(() -> jobs.list("tracker:").stream().anyMatch(e -> e.attempts() == 1), "its failed run recorded");
    long before = jira.calls().size();
    clock.advance(Duration.ofSeconds(20));
    candor.awaitJobsIdle();
    assertEquals(before, jira.calls().size(), "not before Retry-After");
    clock.advance(Duration.ofSeconds(11));
    awaitIssue("OPS-1");
    candor.awaitJobsIdle();
    assertEquals(429, jira.calls().get(0).answered());
    assertEquals(1, jira.issues().size());
    assertEquals(1, postsSaying("is Jira issue"));
  }

  @Test
  void aTokenJiraRefuses_isSaidOnceInTheChannel_andNothingElseStops() {
    start(Map.of("JIRA_API_TOKEN", "revoked-token"));
    followUp("<@UBOB|bob> 2026-12-15 add a canary stage");
    String said = posted("Jira refused Candor's token");
    assertFalse(said.contains("revoked"), said);
    followUp("<@UBOB|bob> 2026-12-16 write the runbook");
    candor.requests.command("UALICE", incident.channelId(), "status identified bad deploy");
    posted("bad deploy");
    candor.awaitJobsIdle();
    assertEquals(1, postsSaying("Jira refused"), "said once");
    assertEquals(Map.of(), jira.issues());
  }

  @Test
  void withoutAWebhookSecret_candorPolls_andAnIssueDoneInJiraClosesTheFollowUp() {
    start(Map.of("JIRA_WEBHOOK_SECRET", "", "CANDOR_TRACKER_POLL", "1m"));
    FollowUp f = followUp("<@UBOB|bob> 2026-12-15 add a canary stage");
    awaitIssue("OPS-1");
    candor.awaitJobsIdle();
    String event = jira.moveTo("OPS-1", "In Progress", "bob@example.com");
    assertEquals(404, webhook(event), "no webhook without its secret");
    clock.advance(Duration.ofSeconds(5));
    jira.moveTo("OPS-1", "Done", "bob@example.com");
    clock.advance(Duration.ofSeconds(61));
    Eventually.await(() -> followUps().byId(f.id()).orElseThrow().status() == FollowUp.Status.DONE,
        "the poll found it done: " + jira.calls());
  }
}
