package dev.candor.trackers.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.testing.CandorProcess;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeLinear;
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
 * One Linear issue, not two, across a crash between making it and marking it made: the packaged jar in a child JVM
 * is killed with SIGKILL while Linear holds its answer to {@code issueCreate}; started again on the same database,
 * Candor resumes the sync job, finds the issue by the mark in its description, links it and says so.
 */
class LinearCrashIT {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String TEAM = "9cfb482a-81e3-4154-b5b9-2c805e70a02d";
  static final String KEY = "lin_api_test0123456789abcdef";
  @TempDir Path dir;
  FakeSlack fake;
  FakeLinear linear;
  CandorProcess candor;

  @AfterEach
  void cleanUp() throws InterruptedException {
    if (candor != null) {
      candor.close();
    }
    linear.close();
    fake.close();
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS) // two starts and a resumed sync, at most
  void anIssueMadeWhenCandorIsKilled_isFoundAfterTheRestart_notMadeAgain() throws Exception {
    fake = new FakeSlack();
    fake.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
    linear = new FakeLinear(TEAM, "ENG", KEY, Clock.systemUTC(), "bob@example.com");
    candor = CandorProcess.in(fake, dir, Map.of("CANDOR_JOBS_POLL", "1s", "CANDOR_JOBS_LEASE", "2s",
        "CANDOR_STATUS_REMINDER", "3650d", "CANDOR_TRACKER", "linear", "LINEAR_API_KEY", KEY, "LINEAR_TEAM_ID", TEAM,
        "LINEAR_API_URL", linear.apiUrl(), "LINEAR_WEBHOOK_SECRET", "lin_wh_secret0123456789abcdef",
        "LINEAR_USERS", "UBOB=bob@example.com"));
    candor.start("first");
    candor.requests().command("UALICE", "CGENERAL", "declare checkout errors sev2");
    Eventually.await(() -> !fake.calls("conversations.invite").isEmpty(), "the incident channel", WAIT);
    String channel = fake.calls("conversations.invite").get(0).param("channel");
    linear.holdNextCreate();
    candor.requests().command("UALICE", channel, "followup <@UBOB|bob> 2026-12-30 add a canary stage");
    assertTrue(linear.awaitHeld(WAIT), "the create reached Linear");
    assertEquals(1, linear.issues().size(), "Linear made the issue");

    candor.kill9();
    linear.release();
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
        && c.param("text").contains("is Linear issue")), "the channel told", WAIT);
    assertEquals(1, linear.issues().size(), "one issue, not two: " + linear.calls());
    List<String> fields = new ArrayList<>();
    linear.calls().forEach(c -> fields.add(c.field()));
    assertEquals(1, fields.stream().filter(f -> f.equals("issueCreate")).count(), "made once: " + fields);
    assertTrue(fields.indexOf("issues") > fields.indexOf("issueCreate"), "looked for it before making another: "
        + fields);
  }

  private int links() throws Exception {
    try (Connection c = candor.readOnly(); ResultSet rs = c.createStatement()
        .executeQuery("SELECT COUNT(*) FROM tracker_issues")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
