package dev.candor.slack.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.jobs.Job;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcJobStore;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SlackLimits;
import dev.candor.testing.SlackPayloads;
import dev.candor.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quiet open incident gets its commander a DM; a resolved one does not. On a clock the test moves: a
 * reminder is due only when the test says so, so none can be on its way while the incident is resolved.
 */
class StaleUpdatesIT {
  @TempDir Path dir;
  TestClock clock;
  RunningCandor candor;
  FakeSlack slack;

  @BeforeEach
  void start() {
    clock = TestClock.at("2026-12-01T12:00:00Z");
    candor = RunningCandor.start(dir, Map.of("CANDOR_STATUS_REMINDER", "2s", "CANDOR_JOBS_POLL", "1s"), clock);
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
    var incident = new JdbcIncidentRepository(candor.candor.database().dataSource()).byChannel(channel).orElseThrow();
    var jobs = new JdbcJobStore(candor.candor.database().dataSource(), clock);
    String key = StaleUpdates.key(incident.id());
    Eventually.await(() -> jobs.find(key).filter(j -> j.status() == Job.Status.PENDING).isPresent(),
        "the quiet timer started");
    clock.set(jobs.find(key).orElseThrow().runAt()); // two quiet seconds
    var dm = slack.await("chat.postMessage", c -> "DUALICE".equals(c.param("channel"))
        && c.param("text").contains("No update on INC-1"), Duration.ofSeconds(15));
    assertTrue(dm.param("text").contains("/incident status"), dm.param("text"));
    assertTrue(dm.json("metadata").contains("candor_job"));
    assertEquals(List.of(), SlackLimits.problems(dm), "its placeholder escaped, within Slack's limits");

    // [Post update] in the DM opens the App Home's status form, whose update is posted in the channel
    assertTrue(dm.json("blocks").contains("\"action_id\":\"home_post_update\",\"value\":\"INC-1\""),
        dm.json("blocks"));
    candor.requests.interaction(SlackPayloads.button(slack, "UALICE", "home_post_update", "INC-1", "stale-dm"));
    var form = slack.await("views.open", c -> c.json("view").contains("home_status_form"));
    assertEquals("trig-home_post_update-UALICE", form.param("trigger_id"));
    var values = new LinkedHashMap<String, Object>();
    values.put("state", SlackPayloads.chosen("IDENTIFIED"));
    values.put("update", SlackPayloads.typed("a bad deploy, rolling back"));
    assertEquals(200, candor.requests.interaction(SlackPayloads.followUpForm("home_status_form", "1|INVESTIGATING",
        "UALICE", values)).status());
    slack.await("chat.postMessage", c -> channel.equals(c.param("channel"))
        && c.param("text").contains("a bad deploy, rolling back"));

    candor.requests.command("UALICE", channel, "resolve fixed");
    slack.await("chat.postMessage", c -> channel.equals(c.param("channel")) && c.param("text").contains("resolved"));
    long after = staleDms();
    clock.advance(Duration.ofDays(1)); // past every reminder a quiet incident would get (at most 8 h apart)
    candor.awaitJobsIdle(); // the runner looks at least twice at that time, and finds nothing more to run
    candor.awaitJobsIdle();
    assertEquals(after, staleDms(), "no reminders once resolved");
  }
}
