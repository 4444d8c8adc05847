package dev.candor.trackers.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.candor.followup.FollowUp;
import dev.candor.store.JdbcTrackerLinks;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeGitHub;
import dev.candor.trackers.TrackerContract;
import dev.candor.trackers.TrackerIssue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Follow-ups kept in GitHub Issues ({@link TrackerContract}), against a fake GitHub written from its REST
 * documentation: the issue's labels, assignees and invisible mark; labels and assignees people add in GitHub kept
 * through Candor's edits; a forged webhook refused, a signed {@code ping} answered; the hour's rate limit waited out
 * until its reset.
 */
class GitHubIT extends TrackerContract<FakeGitHub> {
  static final String REPO = "octo-org/ops";
  static final String TOKEN = "github_pat_test_0123456789";

  GitHubIT() {
    super(new About("GitHub", "github", "GITHUB_WEBHOOK_SECRET", Map.of("GITHUB_TOKEN", "github_pat_revoked"), 401,
        Map.of("GITHUB_REPO", "octo-org/gone"), "sha256=zz"));
  }

  @Override
  protected FakeGitHub fake(Clock clock) {
    return new FakeGitHub(REPO, TOKEN, clock, "bob-gh", "carol-gh", "dana-gh");
  }

  @Override
  protected Map<String, String> settings() {
    return Map.of("CANDOR_TRACKER", "github", "GITHUB_TOKEN", TOKEN, "GITHUB_REPO", REPO, "GITHUB_API_URL",
        fake.apiUrl(), "GITHUB_USERS", "UBOB=bob-gh,UCAROL=@carol-gh");
  }

  @Override
  protected String key(int n) {
    return REPO + "#" + n;
  }

  @Override
  protected String login(String person) {
    return person + "-gh";
  }

  @Override
  protected String title(int n) {
    return fake.issue(n).path("title").asText();
  }

  @Override
  protected String text(int n) {
    return fake.issue(n).path("body").asText();
  }

  @Override
  protected String state(int n) {
    JsonNode issue = fake.issue(n);
    if (issue.path("state").asText().equals("open")) {
      return "open";
    }
    return issue.path("state_reason").asText().equals("not_planned") ? "dropped" : "done";
  }

  @Override
  protected List<String> assignees(int n) {
    return names(fake.issue(n), "assignees", "login");
  }

  static List<String> names(JsonNode issue, String field, String name) {
    List<String> out = new ArrayList<>();
    issue.path(field).forEach(x -> out.add(x.path(name).asText()));
    return out;
  }

  @Override
  protected String closeIn(int n, String person) {
    fake.setState(n, false, login(person));
    return fake.issuesEvent("closed", n, login(person));
  }

  @Override
  protected String reopenIn(int n, String person) {
    fake.setState(n, true, login(person));
    return fake.issuesEvent("reopened", n, login(person));
  }

  @Override
  protected String sign(String secret, String body) {
    return FakeGitHub.signature(secret, body);
  }

  @Override
  protected int deliver(String url, String body, String signature) {
    return fake.deliver(url, "issues", body, signature);
  }

  @Override
  protected int deliverAnotherKind(String url) {
    String ping = "{\"zen\":\"Keep it logically awesome.\"}";
    return fake.deliver(url, "ping", ping, FakeGitHub.signature(SECRET, ping));
  }

  @Override
  protected void rateLimitNext(Duration wait) {
    fake.failNext(FakeGitHub.tooMany((int) wait.toSeconds()));
  }

  @Override
  protected List<Integer> answered() {
    return fake.calls().stream().map(FakeGitHub.Call::answered).toList();
  }

  @Override
  protected List<String> writes() {
    List<String> out = new ArrayList<>();
    for (FakeGitHub.Call c : fake.calls()) {
      if (c.method().equals("POST")) {
        out.add("create " + (out.stream().filter(w -> w.startsWith("create")).count() + 1));
      } else if (c.method().equals("PATCH")) {
        out.add("update " + c.path().substring(c.path().lastIndexOf('/') + 1));
      }
    }
    return out;
  }

  @Override
  protected int pollsAsked() {
    return (int) fake.calls().stream().filter(c -> c.method().equals("GET") && c.query() != null
        && c.query().contains("since=")).count();
  }

  @Override
  protected long creates() {
    return fake.calls().stream().filter(c -> c.method().equals("POST") && c.answered() == 201).count();
  }

  @Override
  protected long createsAsked() {
    return fake.calls().stream().filter(c -> c.method().equals("POST")).count();
  }

  @Override
  protected boolean lookedForItAfterTheCreate() {
    List<FakeGitHub.Call> calls = fake.calls();
    int made = calls.indexOf(calls.stream().filter(c -> c.method().equals("POST")).findFirst().orElseThrow());
    return calls.subList(made, calls.size()).stream().anyMatch(c -> c.method().equals("GET") && c.answered() == 200
        && c.path().endsWith("/issues"));
  }

  @Override
  protected void madeAsTheTrackerHasIt(FollowUp f) {
    String body = text(1);
    assertTrue(body.contains(incident.id() + "**: checkout errors"), body);
    assertTrue(body.contains("https://slack.com/app_redirect?channel=" + incident.channelId()), body);
    assertTrue(body.contains("**Due:** 2026-12-15") && body.contains("**Level:** process") && body.contains("@bob-gh"),
        body);
    assertTrue(body.contains("<!-- candor-follow-up:" + incident.id() + ":" + f.id() + " -->"), body);
    assertEquals(List.of("candor", "level: process"), names(fake.issue(1), "labels", "name"));
    assertEquals("bob-gh", fake.issue(1).path("assignee").path("login").asText());
    assertEquals("Bearer " + TOKEN, fake.calls().get(0).authorization());
    posted("is GitHub issue");
    assertEquals(new TrackerIssue("github", REPO + "#1", "https://github.com/octo-org/ops/issues/1"),
        new JdbcTrackerLinks(candor.candor.database().dataSource()).of(f.id()).orElseThrow());
  }

  @Override
  protected void peopleAddToTheIssue() {
    fake.labelAndAssign(1, "needs-design", "dana-gh");
  }

  @Override
  protected void editedAsTheTrackerHasIt() {
    assertTrue(text(1).contains("**Due:** 2026-12-20"), text(1));
    assertEquals(List.of("needs-design", "candor", "level: engineering"), names(fake.issue(1), "labels", "name"));
    assertEquals(List.of("dana-gh", "bob-gh"), assignees(1), "what people added in GitHub stays");
  }

  @Override
  protected void editsWrittenAsTheTrackerHasThem() {
    assertEquals(List.of("dana-gh", "carol-gh"), assignees(1), "the new owner in the old one's place");
    assertEquals("completed", fake.issue(1).path("state_reason").asText());
    assertEquals("not_planned", fake.issue(2).path("state_reason").asText());
  }

  @Test
  void theHoursLimitUsedUp_isWaitedOutUntilItsReset() {
    start(Map.of());
    fake.failNext(FakeGitHub.hourUsedUp(clock.instant().plus(Duration.ofMinutes(10))));
    followUp("<@UBOB|bob> 2026-12-15 add a canary stage");
    Eventually.await(() -> jobs().list("tracker:").stream().anyMatch(e -> e.attempts() == 1),
        "its failed run recorded");
    assertTrue(jobs().list("tracker:").get(0).runAt().isAfter(clock.instant().plus(Duration.ofMinutes(9))),
        "waits for x-ratelimit-reset: " + jobs().list("tracker:"));
    clock.advance(Duration.ofMinutes(11));
    awaitIssue(1);
  }
}
