package dev.candor.trackers.jira;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.candor.outbound.OkHttpTransport;
import dev.candor.testing.FakeJira;
import dev.candor.testing.TestClock;
import dev.candor.trackers.IssueDraft;
import dev.candor.trackers.Tracker;
import dev.candor.trackers.TrackerBusy;
import dev.candor.trackers.TrackerIssue;
import dev.candor.trackers.TrackerRefused;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Jira Cloud's REST API v3 as Candor calls it, against the fake Jira on a local port. */
class JiraIssuesTest {
  TestClock clock = TestClock.at("2026-12-01T12:00:00Z");
  FakeJira fake = new FakeJira("OPS", "bot@example.com", "tok", clock, "bob@example.com");
  JiraIssues jira = new JiraIssues(new OkHttpTransport(clock), URI.create(fake.siteUrl()), "OPS",
      "bot@example.com:tok", clock);

  @AfterEach
  void close() {
    fake.close();
  }

  static IssueDraft draft(String title, String marker, boolean open, boolean dropped) {
    return new IssueDraft(title, "- **Owner:** someone\n\n" + marker, List.of("candor", "level: process"),
        Optional.of("bob@example.com"), open, dropped, marker);
  }

  @Test
  void create_findByTheFollowUpsLabel_moveThroughTransitions_andListTheChanged() {
    String marker = "<!-- candor-follow-up:INC-1:7 -->";
    assertEquals("candor-INC-1-7", JiraIssues.markLabel(marker));
    assertEquals(Optional.empty(), jira.find(marker));
    TrackerIssue made = jira.create(draft("one", marker, true, false));
    assertEquals(new TrackerIssue("jira", "OPS-1", fake.siteUrl() + "/browse/OPS-1"), made);
    assertEquals(Optional.of(made), jira.find(marker));
    assertEquals(Optional.empty(), jira.find("<!-- candor-follow-up:INC-1:70 -->"), "7 is not 70");
    assertEquals(fake.accountId("bob@example.com"),
        fake.issue("OPS-1").path("fields").path("assignee").path("accountId").asText());
    assertFalse(fake.issue("OPS-1").path("fields").path("description").toString().contains("candor-follow-up"));

    clock.advance(Duration.ofMinutes(3));
    jira.update(made, draft("one", marker, false, true));
    assertEquals("Won't Do", fake.issue("OPS-1").path("fields").path("status").path("name").asText());
    jira.update(made, draft("one", marker, true, false));
    assertEquals("To Do", fake.issue("OPS-1").path("fields").path("status").path("name").asText());
    jira.update(made, draft("one", marker, false, false));
    assertEquals("Done", fake.issue("OPS-1").path("fields").path("status").path("name").asText());
    jira.update(made, draft("one", marker, false, true));
    assertEquals("Won't Do", fake.issue("OPS-1").path("fields").path("status").path("name").asText(),
        "done, then dropped");
    jira.update(made, draft("one", marker, false, true));
    assertEquals("Won't Do", fake.issue("OPS-1").path("fields").path("status").path("name").asText());

    List<Tracker.IssueState> changed = jira.changedSince(clock.instant().minusSeconds(30));
    assertEquals(1, changed.size());
    assertFalse(changed.get(0).open());
    assertEquals(List.of(), jira.changedSince(clock.instant().plusSeconds(1)), "to the second, not the minute");
    assertEquals(Optional.empty(), jira.state("OPS-99"));
  }

  @Test
  void thePoll_readsEveryPageOfTheChanged_byNextPageToken_oldestFirst() {
    fake.pagesOf(2);
    for (int i = 1; i <= 5; i++) {
      jira.create(draft("issue " + i, "<!-- candor-follow-up:INC-1:" + i + " -->", true, false));
      clock.advance(Duration.ofSeconds(1));
    }
    fake.moveTo("OPS-1", "Done", "bob@example.com"); // the oldest issue changes last: on the last page
    List<Tracker.IssueState> changed = jira.changedSince(clock.instant().minusSeconds(60));
    assertEquals(List.of("OPS-2", "OPS-3", "OPS-4", "OPS-5", "OPS-1"), changed.stream().map(Tracker.IssueState::key)
        .toList());
    assertFalse(changed.get(4).open(), "the change on the last page is seen");
    List<JsonNode> searches = fake.calls().stream().filter(c -> c.path().equals("/rest/api/3/search/jql"))
        .map(FakeJira.Call::body).toList();
    assertEquals(3, searches.size(), "three pages: " + searches);
    assertFalse(searches.get(0).has("nextPageToken"));
    assertTrue(searches.get(1).path("nextPageToken").isTextual() && searches.get(2).path("nextPageToken").isTextual()
        && !searches.get(1).path("nextPageToken").equals(searches.get(2).path("nextPageToken")), searches.toString());
  }

  @Test
  void a429Waits_and401IsARefusedToken() {
    fake.failNext(FakeJira.tooMany(17));
    assertEquals(Duration.ofSeconds(17), assertThrows(TrackerBusy.class, () -> jira.state("OPS-1")).after());
    JiraIssues wrong = new JiraIssues(new OkHttpTransport(clock), URI.create(fake.siteUrl()), "OPS",
        "bot@example.com:nope", clock);
    assertTrue(assertThrows(TrackerRefused.class, () -> wrong.state("OPS-1")).credentials());
  }
}
