package dev.candor.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.testing.CandorProcess;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeGitHub;
import dev.candor.testing.FakeSlack;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One issue, not two, across a crash between making it and marking it made: the packaged jar in a child JVM is killed
 * with SIGKILL while GitHub holds its answer to the create (the issue made, Candor not told); started again on the
 * same database, Candor resumes the sync job, finds the issue by the mark in its body, links it and says so, and a
 * later edit updates that issue.
 */
class TrackerCrashIT {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String TOKEN = "github_pat_test_0123456789";
  @TempDir Path dir;
  FakeSlack fake;
  FakeGitHub github;
  CandorProcess candor;

  @AfterEach
  void cleanUp() throws InterruptedException {
    if (candor != null) {
      candor.close();
    }
    github.close();
    fake.close();
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS) // two starts and a resumed sync, at most
  void anIssueMadeWhenCandorIsKilled_isFoundAfterTheRestart_notMadeAgain() throws Exception {
    fake = new FakeSlack();
    fake.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
    github = new FakeGitHub("octo-org/ops", TOKEN, Clock.systemUTC(), "bob-gh");
    candor = CandorProcess.in(fake, dir, Map.of("CANDOR_JOBS_POLL", "1s", "CANDOR_JOBS_LEASE", "2s",
        "CANDOR_STATUS_REMINDER", "3650d", "CANDOR_TRACKER", "github", "GITHUB_TOKEN", TOKEN,
        "GITHUB_REPO", "octo-org/ops", "GITHUB_API_URL", github.apiUrl(), "GITHUB_WEBHOOK_SECRET",
        "hook-secret-0123456789abcdef", "GITHUB_USERS", "UBOB=bob-gh"));
    candor.start("first");
    candor.requests().command("UALICE", "CGENERAL", "declare checkout errors sev2");
    Eventually.await(() -> !fake.calls("conversations.invite").isEmpty(), "the incident channel", WAIT);
    String channel = fake.calls("conversations.invite").get(0).param("channel");
    github.holdNextCreate();
    candor.requests().command("UALICE", channel, "followup <@UBOB|bob> 2026-12-30 add a canary stage");
    assertTrue(github.awaitHeld(WAIT), "the create reached GitHub");
    assertEquals(1, github.issues().size(), "GitHub made the issue");

    candor.kill9();
    github.release();
    assertEquals(0, links(), "Candor died before it learned the issue");
    candor.start("after-kill");
    Eventually.await(() -> {
      try {
        return links() == 1;
      } catch (Exception e) {
        return false;
      }
    }, "the issue found and linked after the restart", WAIT);
    Eventually.await(() -> fake.calls("chat.postMessage").stream().anyMatch(c -> channel.equals(c.param("channel"))
        && c.param("text").contains("is GitHub issue")), "the channel told", WAIT);
    assertEquals(1, github.issues().size(), "one issue, not two: " + github.calls());
    List<String> calls = new ArrayList<>();
    github.calls().forEach(c -> calls.add(c.method() + " " + c.answered()));
    assertEquals("POST 201", calls.get(0), calls.toString());
    assertEquals(1, calls.stream().filter(c -> c.startsWith("POST")).count(), "made once: " + calls);
    assertTrue(calls.contains("GET 200"), "looked for it before making another: " + calls);
  }

  private int links() throws Exception {
    try (Connection c = candor.readOnly(); ResultSet rs = c.createStatement()
        .executeQuery("SELECT COUNT(*) FROM tracker_issues")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
