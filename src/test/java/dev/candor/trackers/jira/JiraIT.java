package dev.candor.trackers.jira;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.candor.followup.FollowUp;
import dev.candor.testing.FakeJira;
import dev.candor.trackers.TrackerContract;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Follow-ups kept in Jira Cloud ({@link TrackerContract}), against a fake Jira written from its REST v3
 * documentation: a Task with an ADF description, Candor's labels (the level and the follow-up's own, by which a sync
 * finds an issue it may have made) and the owner assigned by account; Basic auth; Done, a reopen and a drop as
 * workflow transitions (a drop: Won't Do).
 */
class JiraIT extends TrackerContract<FakeJira> {
  static final String EMAIL = "candor-bot@example.com";
  static final String TOKEN = "ATATT3xFfGF0test0123456789";

  JiraIT() {
    super(new About("Jira", "jira", "JIRA_WEBHOOK_SECRET", Map.of("JIRA_API_TOKEN", "revoked-token"), 401,
        Map.of("JIRA_PROJECT", "GONE"), "sha256=zz"));
  }

  @Override
  protected FakeJira fake(Clock clock) {
    return new FakeJira("OPS", EMAIL, TOKEN, clock, "bob@example.com", "carol@example.com");
  }

  @Override
  protected Map<String, String> settings() {
    return Map.of("CANDOR_TRACKER", "jira", "JIRA_URL", fake.siteUrl(), "JIRA_EMAIL", EMAIL, "JIRA_API_TOKEN", TOKEN,
        "JIRA_PROJECT", "OPS", "JIRA_USERS", "UBOB=bob@example.com,UCAROL=carol@example.com");
  }

  @Override
  protected String key(int n) {
    return "OPS-" + n;
  }

  @Override
  protected String title(int n) {
    return fake.issue(key(n)).path("fields").path("summary").asText();
  }

  @Override
  protected String text(int n) {
    List<String> out = new ArrayList<>();
    fake.issue(key(n)).path("fields").path("description").path("content")
        .forEach(p -> p.path("content").forEach(t -> out.add(t.path("text").asText())));
    return String.join("\n", out);
  }

  @Override
  protected String state(int n) {
    if (!fake.category(key(n)).equals("done")) {
      return "open";
    }
    return status(n).equals("Won't Do") ? "dropped" : "done";
  }

  String status(int n) {
    return fake.issue(key(n)).path("fields").path("status").path("name").asText();
  }

  @Override
  protected List<String> assignees(int n) {
    String account = fake.issue(key(n)).path("fields").path("assignee").path("accountId").asText(null);
    return List.of(BOB, CAROL).stream().map(this::login).filter(e -> fake.accountId(e).equals(account)).toList();
  }

  static List<String> labels(JsonNode issue) {
    List<String> out = new ArrayList<>();
    issue.path("fields").path("labels").forEach(l -> out.add(l.asText()));
    return out;
  }

  @Override
  protected String closeIn(int n, String person) {
    return fake.moveTo(key(n), "Done", login(person));
  }

  @Override
  protected String reopenIn(int n, String person) {
    return fake.moveTo(key(n), "To Do", login(person));
  }

  @Override
  protected String sign(String secret, String body) {
    return FakeJira.signature(secret, body);
  }

  @Override
  protected int deliver(String url, String body, String signature) {
    return fake.deliver(url, body, signature);
  }

  @Override
  protected int deliverAnotherKind(String url) {
    String created = "{\"timestamp\":" + clock.instant().toEpochMilli() + ",\"webhookEvent\":\"jira:issue_created\","
        + "\"issue\":{\"key\":\"OPS-1\"}}";
    return fake.deliver(url, created, FakeJira.signature(SECRET, created));
  }

  @Override
  protected void rateLimitNext(Duration wait) {
    fake.failNext(FakeJira.tooMany((int) wait.toSeconds()));
  }

  @Override
  protected List<Integer> answered() {
    return fake.calls().stream().map(FakeJira.Call::answered).toList();
  }

  @Override
  protected List<String> writes() {
    List<String> out = new ArrayList<>();
    for (FakeJira.Call c : fake.calls()) {
      String n = c.path().replaceAll(".*/issue/OPS-(\\d+).*", "$1");
      if (c.method().equals("POST") && c.path().equals("/rest/api/3/issue")) {
        out.add("create " + (out.stream().filter(w -> w.startsWith("create")).count() + 1));
      } else if (c.method().equals("PUT")) {
        out.add("update " + n);
      } else if (c.method().equals("POST") && c.path().endsWith("/transitions")) {
        out.add("move " + n);
      }
    }
    return out;
  }

  @Override
  protected List<String> writesOfTheEdits() {
    return List.of("create 1", "update 1", "update 1", "update 1", "move 1", "create 2", "update 2", "move 2");
  }

  List<FakeJira.Call> searches() {
    return fake.calls().stream().filter(c -> c.path().equals("/rest/api/3/search/jql")).toList();
  }

  @Override
  protected int pollsAsked() {
    return (int) searches().stream().filter(c -> c.body().path("jql").asText().contains("updated >=")).count();
  }

  @Override
  protected long creates() {
    return fake.calls().stream().filter(c -> c.method().equals("POST") && c.path().equals("/rest/api/3/issue")
        && c.answered() == 201).count();
  }

  @Override
  protected long createsAsked() {
    return fake.calls().stream().filter(c -> c.method().equals("POST") && c.path().equals("/rest/api/3/issue")).count();
  }

  @Override
  protected boolean lookedForItAfterTheCreate() {
    List<FakeJira.Call> calls = fake.calls();
    int made = calls.indexOf(calls.stream().filter(c -> c.path().equals("/rest/api/3/issue")).findFirst()
        .orElseThrow());
    return calls.subList(made, calls.size()).stream().anyMatch(c -> c.path().equals("/rest/api/3/search/jql")
        && c.body().path("jql").asText().contains("labels = \"candor-"));
  }

  @Override
  protected void madeAsTheTrackerHasIt(FollowUp f) {
    String text = text(1);
    assertTrue(text.contains(incident.id() + ": checkout errors") && text.contains("Due: 2026-12-15")
        && text.contains("Level: process"), text);
    assertEquals(List.of("candor", "candor-level-process", "candor-" + incident.id() + "-" + f.id()),
        labels(fake.issue("OPS-1")));
    assertEquals(fake.accountId("bob@example.com"),
        fake.issue("OPS-1").path("fields").path("assignee").path("accountId").asText());
    assertTrue(fake.calls().get(0).authorization().startsWith("Basic "));
    assertTrue(posted("is Jira issue").contains("<" + fake.siteUrl() + "/browse/OPS-1|OPS-1>"));
  }

  @Override
  protected void editedAsTheTrackerHasIt() {
    assertTrue(labels(fake.issue("OPS-1")).contains("candor-level-engineering"), labels(fake.issue("OPS-1"))
        .toString());
    assertEquals("new", fake.category("OPS-1"));
  }

  @Override
  protected void editsWrittenAsTheTrackerHasThem() {
    assertEquals("Done", status(1));
    assertEquals("Won't Do", status(2));
  }
}
