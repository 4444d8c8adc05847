package dev.candor.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A quiet open incident gets its commander a DM; a resolved one does not. */
class StaleUpdatesIT {
  @TempDir Path dir;
  RunningCandor candor;
  FakeSlack slack;

  @BeforeEach
  void start() {
    candor = RunningCandor.start(dir, Map.of("CANDOR_STATUS_REMINDER", "2s", "CANDOR_JOBS_POLL", "1s"));
    slack = candor.slack;
    slack.addChannel("CGENERAL", "general", false, false, "UALICE");
  }

  @AfterEach
  void stop() {
    candor.close();
  }

  private long staleDms() {
    return slack.calls("chat.postMessage").stream()
        .filter(c -> "DUALICE".equals(c.param("channel")) && c.param("text").contains("No update on")).count();
  }

  @Test
  void aQuietOpenIncident_remindsItsCommanderByDm_untilItIsResolved() throws Exception {
    candor.requests.command("UALICE", "CGENERAL", "declare quiet one sev3");
    String channel = slack.await("conversations.invite").param("channel");
    var dm = slack.await("chat.postMessage", c -> "DUALICE".equals(c.param("channel"))
        && c.param("text").contains("No update on INC-1"), Duration.ofSeconds(15));
    assertTrue(dm.param("text").contains("/incident status"), dm.param("text"));
    assertTrue(dm.json("metadata").contains("candor_job"));

    candor.requests.command("UALICE", channel, "resolve fixed");
    slack.await("chat.postMessage", c -> channel.equals(c.param("channel")) && c.param("text").contains("resolved"));
    long after = staleDms();
    Thread.sleep(4_000);
    assertEquals(after, staleDms(), "no reminders once resolved");
  }
}
