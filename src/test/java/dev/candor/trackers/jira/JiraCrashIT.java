package dev.candor.trackers.jira;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.testing.CandorProcess;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeJira;
import dev.candor.testing.FakeSlack;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One Jira issue, not two, across a crash between making it and marking it made: the packaged jar in a child JVM is
 * killed with SIGKILL while Jira holds its answer to {@code POST /rest/api/3/issue}; started again on the same
 * database, Candor resumes the sync job, finds the issue by the follow-up's own label, links it and says so.
 */
class JiraCrashIT {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String EMAIL = "candor-bot@example.com";
  static final String TOKEN = "ATATT3xFfGF0test0123456789";
  @TempDir Path dir;
  FakeSlack fake;
  FakeJira jira;
  CandorProcess candor;

  @AfterEach
  void cleanUp() throws InterruptedException {
    if (candor != null) {
      candor.close();
    }
    jira.close();
    fake.close();
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS) // two starts and a resumed sync, at most
  void anIssueMadeWhenCandorIsKilled_isFoundByItsLabelAfterTheRestart_notMadeAgain() throws Exception {
    fake = new FakeSlack();
    fake.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
    jira = new FakeJira("OPS", EMAIL, TOKEN, Clock.systemUTC(), "bob@example.com");
    candor = CandorProcess.in(fake, dir, Map.of("CANDOR_JOBS_POLL", "1s", "CANDOR_JOBS_LEASE", "2s",
        "CANDOR_STATUS_REMINDER", "3650d", "CANDOR_TRACKER", "jira", "JIRA_URL", jira.siteUrl(), "JIRA_EMAIL", EMAIL,
        "JIRA_API_TOKEN", TOKEN, "JIRA_PROJECT", "OPS", "JIRA_WEBHOOK_SECRET", "jira-hook-secret-0123456789",
        "JIRA_USERS", "UBOB=bob@example.com"));
    candor.start("first");
    candor.requests().command("UALICE", "CGENERAL", "declare checkout errors sev2");
    Eventually.await(() -> !fake.calls("conversations.invite").isEmpty(), "the incident channel", WAIT);
    String channel = fake.calls("conversations.invite").get(0).param("channel");
    jira.holdNextCreate();
    candor.requests().command("UALICE", channel, "followup <@UBOB|bob> 2026-12-30 add a canary stage");
    assertTrue(jira.awaitHeld(WAIT), "the create reached Jira");
    assertEquals(1, jira.issues().size(), "Jira made the issue");

    candor.kill9();
    jira.release();
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
        && c.param("text").contains("is Jira issue")), "the channel told", WAIT);
    assertEquals(1, jira.issues().size(), "one issue, not two: " + jira.calls());
    List<FakeJira.Call> calls = jira.calls();
    List<String> asked = calls.stream().map(c -> c.method() + " " + c.path()).toList();
    assertEquals(1, asked.stream().filter(a -> a.equals("POST /rest/api/3/issue")).count(), "made once: " + asked);
    int made = asked.indexOf("POST /rest/api/3/issue");
    int lookedFor = -1;
    for (int i = made + 1; i < calls.size(); i++) {
      FakeJira.Call c = calls.get(i);
      if (c.path().equals("/rest/api/3/search/jql") && c.body().path("jql").asText().contains("labels = \"candor-")) {
        lookedFor = i;
        break;
      }
    }
    assertTrue(lookedFor > made, "looked for it by its label before making another: " + asked);
  }

  private int links() throws Exception {
    try (Connection c = candor.readOnly(); ResultSet rs = c.createStatement()
        .executeQuery("SELECT COUNT(*) FROM tracker_issues")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
