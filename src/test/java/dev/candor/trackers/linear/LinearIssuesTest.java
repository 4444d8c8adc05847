package dev.candor.trackers.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.hooks.WebhookTransport;
import dev.candor.outbound.OkHttpTransport;
import dev.candor.testing.FakeLinear;
import dev.candor.testing.TestClock;
import dev.candor.trackers.IssueDraft;
import dev.candor.trackers.Tracker;
import dev.candor.trackers.TrackerBusy;
import dev.candor.trackers.TrackerChanges;
import dev.candor.trackers.TrackerIssue;
import dev.candor.trackers.TrackerRefused;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Linear's GraphQL API as Candor calls it, against the fake Linear on a local port; and its webhook's checks. */
class LinearIssuesTest {
  static final String TEAM = "team-1";
  static final String KEY = "lin_api_test";
  TestClock clock = TestClock.at("2026-12-01T12:00:00Z");
  FakeLinear fake = new FakeLinear(TEAM, "OPS", KEY, clock, "bob@example.com");
  LinearIssues linear = new LinearIssues(new OkHttpTransport(clock), URI.create(fake.apiUrl()), TEAM, KEY);

  @AfterEach
  void close() {
    fake.close();
  }

  static IssueDraft draft(String title, String marker, Optional<String> assignee, boolean open, boolean dropped) {
    return new IssueDraft(title, "body\n\n" + marker, List.of("candor"), assignee, open, dropped, marker);
  }

  @Test
  void create_find_update_andListTheChanged() {
    String marker = "<!-- candor-follow-up:INC-1:7 -->";
    assertEquals(Optional.empty(), linear.find(marker));
    TrackerIssue made = linear.create(draft("one", marker, Optional.of("bob@example.com"), true, false));
    assertEquals("linear", made.tracker());
    assertEquals("OPS-1", made.key());
    assertEquals("body\n\ncandor-follow-up:INC-1:7;", fake.issue("OPS-1").path("description").asText());
    assertEquals("- **Owner:** bob@example.com\n\ncandor-follow-up:INC-1:8;", LinearIssues.description(new IssueDraft(
        "t", "- **Owner:** @bob@example.com\n\n<!-- candor-follow-up:INC-1:8 -->", List.of(),
        Optional.of("bob@example.com"), true, false, "<!-- candor-follow-up:INC-1:8 -->")), "no GitHub @mention");
    assertEquals(fake.userId("bob@example.com"), fake.issue("OPS-1").path("assignee").path("id").asText());
    assertEquals(Optional.of(made), linear.find(marker), "found by the mark in its description");
    assertEquals(Optional.empty(), linear.find("<!-- candor-follow-up:INC-1:70 -->"));
    assertEquals(Optional.empty(), linear.find("<!-- candor-follow-up:INC-1:77 -->"));
    assertEquals(Optional.empty(), new LinearIssues(new OkHttpTransport(clock), URI.create(fake.apiUrl()), "team-2",
        KEY).find(marker), "another team's issues are not Candor's here");

    clock.advance(Duration.ofMinutes(1));
    linear.update(made, draft("one, renamed", marker, Optional.empty(), false, false));
    assertEquals("completed", fake.issue("OPS-1").path("state").path("type").asText());
    assertEquals("one, renamed", fake.issue("OPS-1").path("title").asText());
    linear.update(made, draft("one, renamed", marker, Optional.empty(), false, true));
    assertEquals("canceled", fake.issue("OPS-1").path("state").path("type").asText(), "done, then dropped");
    linear.update(made, draft("one, renamed", marker, Optional.empty(), true, false));
    assertEquals("unstarted", fake.issue("OPS-1").path("state").path("type").asText(), "reopened: to Todo");

    List<Tracker.IssueState> changed = linear.changedSince(clock.instant().minusSeconds(10));
    assertEquals(1, changed.size());
    assertEquals("OPS-1", changed.get(0).key());
    assertTrue(changed.get(0).open());
    assertEquals(Optional.empty(), linear.state("OPS-99"), "an issue Linear has no more");
  }

  @Test
  void thePoll_readsEveryPageOfTheChanged_oldestFirst() {
    fake.pagesOf(2);
    for (int i = 1; i <= 5; i++) {
      linear.create(draft("issue " + i, "<!-- candor-follow-up:INC-1:" + i + " -->", Optional.empty(), true, false));
      clock.advance(Duration.ofSeconds(1));
    }
    linear.create(draft("not Candor's", "<!-- something else -->", Optional.empty(), true, false));
    List<String> keys = linear.changedSince(clock.instant().minusSeconds(60)).stream().map(Tracker.IssueState::key)
        .toList();
    assertEquals(List.of("OPS-1", "OPS-2", "OPS-3", "OPS-4", "OPS-5"), keys);
    assertEquals(List.of("OPS-3", "OPS-4", "OPS-5"), linear.changedSince(clock.instant().minusSeconds(3)).stream()
        .map(Tracker.IssueState::key).toList());
  }

  @Test
  void anOwnerLinearDoesNotKnow_leavesTheIssueUnassigned() {
    linear.create(draft("one", "<!-- m -->", Optional.of("nobody@example.com"), true, false));
    assertTrue(fake.issue("OPS-1").path("assignee").isNull());
  }

  @Test
  void errorsInA200Answer_areErrors_RateLimitsWaitUntilTheirReset_andARefusedKeyIsSaidSo() {
    fake.failNext(FakeLinear.rateLimited(clock.instant().plus(Duration.ofSeconds(40))));
    TrackerBusy busy = assertThrows(TrackerBusy.class, () -> linear.state("OPS-1"));
    assertTrue(busy.after().compareTo(Duration.ofSeconds(39)) >= 0 && busy.after().compareTo(Duration.ofSeconds(40))
        <= 0, busy.after().toString());

    fake.failNext(new MockResponse.Builder().code(400).body("{\"errors\":[{\"message\":\"Rate limit exceeded\","
        + "\"extensions\":{\"code\":\"RATELIMITED\"}}]}").build());
    assertEquals(LinearIssues.UNSAID_WAIT, assertThrows(TrackerBusy.class, () -> linear.state("OPS-1")).after(),
        "no reset said: a minute");

    fake.failNext(new MockResponse.Builder().code(200).body("{\"data\":{\"issueCreate\":null},\"errors\":[{\"message\":"
        + "\"Argument Validation Error\",\"extensions\":{\"code\":\"INVALID_INPUT\"}}]}").build());
    TrackerRefused refused = assertThrows(TrackerRefused.class,
        () -> linear.create(draft("one", "<!-- m -->", Optional.empty(), true, false)));
    assertFalse(refused.credentials());
    assertTrue(refused.getMessage().contains("Argument Validation Error"), refused.getMessage());

    fake.failNext(new MockResponse.Builder().code(200).body("{\"data\":{\"issueCreate\":{\"success\":false}}}")
        .build());
    assertThrows(TrackerBusy.class, () -> linear.create(draft("one", "<!-- m -->", Optional.empty(), true, false)),
        "success false is no issue made");
    fake.failNext(new MockResponse.Builder().code(502).body("<html>Bad gateway</html>").build());
    assertThrows(TrackerBusy.class, () -> linear.state("OPS-1"));

    LinearIssues bearer = new LinearIssues(new OkHttpTransport(clock), URI.create(fake.apiUrl()), TEAM,
        "Bearer " + KEY);
    assertTrue(assertThrows(TrackerRefused.class, () -> bearer.state("OPS-1")).credentials(),
        "a personal key is sent as it is");
    assertTrue(fake.issues().isEmpty());
  }

  @Test
  void theWebhook_takesOnlyAFreshSignedStateChange() {
    List<String> heard = new java.util.ArrayList<>();
    WebhookTransport none = (url, headers, body) -> {
      throw new java.io.IOException("unused");
    };
    LinearIssues tracker = new LinearIssues(none, URI.create("http://localhost/graphql"), TEAM, KEY);
    var links = new dev.candor.trackers.TrackerLinks() {
      @Override
      public Optional<TrackerIssue> of(long followUp) {
        return Optional.empty();
      }

      @Override
      public Optional<Long> followUpOf(String tracker, String key) {
        heard.add(key);
        return Optional.empty();
      }

      @Override
      public void link(long followUp, TrackerIssue issue, java.time.Instant at) {}
    };
    TrackerChanges changes = new TrackerChanges(tracker, links, null, null, null, Map.of(), Duration.ofMinutes(2),
        clock);
    LinearWebhook hook = new LinearWebhook("secret-0123456789abcdef", TEAM, changes, clock);
    linear.create(draft("one", "<!-- m -->", Optional.empty(), true, false));
    String body = fake.moveTo("OPS-1", "completed", "bob@example.com");
    String sig = FakeLinear.signature("secret-0123456789abcdef", body);
    assertEquals(401, hook.receive(Map.of("linear-signature", (sig.charAt(0) == '0' ? "1" : "0") + sig.substring(1)), body).status());
    assertEquals(401, hook.receive(Map.of(), body).status());
    assertEquals(200, hook.receive(Map.of("linear-signature", sig), body).status());
    assertEquals(List.of("OPS-1"), heard);
    clock.advance(Duration.ofSeconds(61));
    assertEquals(401, hook.receive(Map.of("linear-signature", sig), body).status(), "older than a minute");
    String other = body.replace("\"" + TEAM + "\"", "\"team-2\"");
    clock.set(clock.instant().minusSeconds(61));
    assertEquals("another team", hook.receive(Map.of("linear-signature",
        FakeLinear.signature("secret-0123456789abcdef", other)), other).message());
    assertEquals(List.of("OPS-1"), heard);
  }
}
