package dev.candor.trackers.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.hooks.WebhookTransport;
import dev.candor.outbound.OkHttpTransport;
import dev.candor.testing.FakeGitHub;
import dev.candor.testing.TestClock;
import dev.candor.trackers.IssueDraft;
import dev.candor.trackers.Tracker;
import dev.candor.trackers.TrackerBusy;
import dev.candor.trackers.TrackerChanges;
import dev.candor.trackers.TrackerIssue;
import dev.candor.trackers.TrackerRefused;
import dev.candor.trackers.WebhookSignature;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GitHub Issues' REST API as Candor calls it, against the fake GitHub on a local port; and its webhook's signature. */
class GitHubIssuesTest {
  static final String TOKEN = "github_pat_test";
  TestClock clock = TestClock.at("2026-12-01T12:00:00Z");
  FakeGitHub fake = new FakeGitHub("octo-org/ops", TOKEN, clock, "bob-gh");
  GitHubIssues github = new GitHubIssues(new OkHttpTransport(clock), URI.create(fake.apiUrl().replaceAll("/$", "")),
      "octo-org/ops", TOKEN);

  @AfterEach
  void close() {
    fake.close();
  }

  static IssueDraft draft(String title, String marker, Optional<String> assignee, boolean open) {
    return new IssueDraft(title, "body\n\n" + marker, List.of("candor", "level: process"), assignee, open, false,
        marker);
  }

  @Test
  void create_find_update_andListTheChanged() {
    assertEquals(Optional.empty(), github.find("<!-- m1 -->"));
    TrackerIssue made = github.create(draft("one", "<!-- m1 -->", Optional.of("bob-gh"), true));
    assertEquals(new TrackerIssue("github", "octo-org/ops#1", "https://github.com/octo-org/ops/issues/1"), made);
    assertEquals(Optional.of(made), github.find("<!-- m1 -->"), "found by the mark in its body");
    assertEquals(Optional.empty(), github.find("<!-- m2 -->"));

    clock.advance(Duration.ofMinutes(1));
    github.update(made, draft("one, renamed", "<!-- m1 -->", Optional.of("bob-gh"), false));
    assertEquals("closed", fake.issue(1).path("state").asText());
    assertEquals("completed", fake.issue(1).path("state_reason").asText());
    assertEquals("one, renamed", fake.issue(1).path("title").asText());

    List<Tracker.IssueState> changed = github.changedSince(clock.instant().minusSeconds(10));
    assertEquals(1, changed.size());
    assertEquals("octo-org/ops#1", changed.get(0).key());
    assertFalse(changed.get(0).open());
    assertEquals(List.of(), github.changedSince(clock.instant().plusSeconds(1)));

    assertFalse(github.state("octo-org/ops#1").orElseThrow().open(), "read as it stands now");
    fake.setState(1, true, "bob-gh");
    assertTrue(github.state("octo-org/ops#1").orElseThrow().open());
    assertEquals(Optional.empty(), github.state("octo-org/ops#99"), "an issue gone is nothing to bring back");
  }

  @Test
  void thePoll_readsEveryPageOfTheChanged_followingTheLinkHeader_oldestFirst() {
    fake.pagesOf(2);
    for (int i = 1; i <= 5; i++) {
      github.create(draft("issue " + i, "<!-- m" + i + " -->", Optional.empty(), true));
      clock.advance(Duration.ofSeconds(1));
    }
    fake.setState(1, false, "bob-gh"); // the oldest issue changes last: on the last page
    List<Tracker.IssueState> changed = github.changedSince(clock.instant().minusSeconds(60));
    assertEquals(List.of("octo-org/ops#2", "octo-org/ops#3", "octo-org/ops#4", "octo-org/ops#5", "octo-org/ops#1"),
        changed.stream().map(Tracker.IssueState::key).toList());
    assertFalse(changed.get(4).open(), "the change on the last page is seen");
    Pattern page = Pattern.compile("(?:^|&)page=(\\d+)");
    assertEquals(List.of("1", "2", "3"), fake.calls().stream().filter(c -> c.method().equals("GET"))
        .map(c -> page.matcher(c.query())).map(m -> m.find() ? m.group(1) : "1").toList(),
        "three pages, each asked once: " + fake.calls());
  }

  @Test
  void aNextPageOnAnotherHost_isNotFollowed_theTokenGoesOnlyToGitHub() {
    List<URI> asked = new ArrayList<>();
    WebhookTransport elsewhere = new WebhookTransport() {
      @Override
      public Answer post(URI url, Map<String, String> headers, String body) {
        throw new AssertionError("no POST");
      }

      @Override
      public Answer send(String method, URI url, Map<String, String> headers, String body) {
        asked.add(url);
        return new Answer(200, Optional.empty(), "[]", Optional.of(URI.create("https://evil.test/issues?page=2")));
      }
    };
    GitHubIssues hub = new GitHubIssues(elsewhere, URI.create("https://api.github.com"), "octo-org/ops", TOKEN);
    assertEquals(List.of(), hub.changedSince(clock.instant()));
    assertEquals(1, asked.size(), asked.toString());
    assertEquals("api.github.com", asked.get(0).getHost());
  }

  @Test
  void anOwnerGitHubCannotAssign_isLeftUnassigned_ratherThanLosingTheIssue() {
    TrackerIssue made = github.create(draft("one", "<!-- m1 -->", Optional.of("stranger"), true));
    assertEquals("octo-org/ops#1", made.key());
    assertTrue(fake.issue(1).path("assignees").isEmpty());
    assertEquals(List.of(422, 201), fake.calls().stream().map(FakeGitHub.Call::answered).toList());
  }

  @Test
  void rateLimitsAreBusy_withTheirWait_aBadTokenIsRefusedAsCredentials_andAGoneRepositoryAsTheCall() {
    fake.failNext(FakeGitHub.tooMany(42), FakeGitHub.hourUsedUp(clock.instant().plusSeconds(600)));
    TrackerBusy tooMany = assertThrows(TrackerBusy.class, () -> github.find("<!-- m -->"));
    assertEquals(Duration.ofSeconds(42), tooMany.after());
    TrackerBusy hour = assertThrows(TrackerBusy.class, () -> github.find("<!-- m -->"));
    assertEquals(Duration.ofSeconds(600), hour.after());

    GitHubIssues badToken = new GitHubIssues(new OkHttpTransport(clock), URI.create(fake.apiUrl()), "octo-org/ops",
        "revoked");
    TrackerRefused refused = assertThrows(TrackerRefused.class, () -> badToken.find("<!-- m -->"));
    assertTrue(refused.credentials());
    assertFalse(refused.getMessage().contains("revoked"), refused.getMessage());

    GitHubIssues gone = new GitHubIssues(new OkHttpTransport(clock), URI.create(fake.apiUrl()), "octo-org/gone",
        TOKEN);
    TrackerRefused notFound = assertThrows(TrackerRefused.class,
        () -> gone.create(draft("one", "<!-- m -->", Optional.empty(), true)));
    assertFalse(notFound.credentials());
    assertTrue(notFound.getMessage().startsWith("404"), notFound.getMessage());
  }

  @Test
  void theWebhook_takesOnlyDeliveriesSignedWithItsSecret_comparedWhole() {
    // no follow-up changes here: what a signed closed or reopened event does is TrackersIT's
    GitHubWebhook hook = new GitHubWebhook("a-secret-of-twenty-chars", "octo-org/ops", github, (TrackerChanges) null);
    String body = "{\"action\":\"labeled\"}";
    String good = FakeGitHub.signature("a-secret-of-twenty-chars", body);
    WebhookSignature signature = new WebhookSignature("a-secret-of-twenty-chars", "sha256=");
    assertTrue(signature.signs(good, body));
    assertFalse(signature.signs(good, body + " "), "the body changed");
    assertFalse(signature.signs(FakeGitHub.signature("another-secret-of-20", body), body));
    assertFalse(signature.signs(good.substring(0, good.length() - 2), body), "a prefix of the signature is not it");
    assertFalse(signature.signs(good.replace("sha256=", "sha1="), body));
    assertFalse(signature.signs(null, body));
    assertFalse(signature.signs("sha256=not-hex", body));
    assertEquals(401, hook.receive(Map.of("x-github-event", "issues"), body).status());
    assertEquals(200, hook.receive(Map.of("x-github-event", "issues", "x-hub-signature-256", good), body).status(),
        "a signed event Candor does not act on is acknowledged");
  }
}
