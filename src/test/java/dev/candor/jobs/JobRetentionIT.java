package dev.candor.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.followup.LevelsQuestion;
import dev.candor.store.JdbcFollowUpRepository;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcJobStore;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.TestClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs table stays bounded, through the real server on a clock the test moves: an incident's finished jobs
 * (announcements, the follow-up's DM, the levels question) are deleted once {@code CANDOR_JOBS_RETENTION} has
 * passed — but the levels question's, which is the record that it was asked, so it is still asked only once —
 * and unfinished jobs stay, however old.
 */
class JobRetentionIT {
  static final Map<String, String> ENV = Map.of("CANDOR_JOBS_POLL", "1s", "CANDOR_STATUS_REMINDER", "3650d",
      "CANDOR_JOBS_RETENTION", "10d");
  @TempDir Path dir;
  TestClock clock = TestClock.at("2026-12-01T12:00:00Z");
  RunningCandor candor;
  FakeSlack slack;
  String channel;

  @BeforeEach
  void start() {
    candor = RunningCandor.start(dir, ENV, clock);
    slack = candor.slack;
    slack.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
    slack.dm("UALICE");
    slack.dm("UBOB");
    candor.requests.command("UALICE", "CGENERAL", "declare queue backlog sev3");
    channel = slack.await("conversations.invite").param("channel");
    slack.await("conversations.setTopic", c -> channel.equals(c.param("channel")));
  }

  @AfterEach
  void stop() {
    candor.close();
  }

  @Test
  void finishedJobs_goAfterTheRetention_theLevelsQuestionsRecordStays_andUnfinishedOnesStay() throws Exception {
    followUp("<@UBOB|bob> in 3 weeks fix the retry loop");
    var incident = new JdbcIncidentRepository(candor.candor.database().dataSource()).byChannel(channel).orElseThrow();
    String levels = LevelsQuestion.key(incident.id());
    candor.requests.command("UALICE", channel, "resolve drained the queue");
    clock.advance(Duration.ofHours(4));
    Eventually.await(() -> asked() == 1, "the levels question, once");
    Eventually.await(() -> jobs().find(levels).map(j -> j.status() == Job.Status.DONE).orElse(false), "its job done");
    candor.awaitJobsIdle();
    Instant finishedBy = clock.instant();
    int finished = count("status IN ('DONE', 'FAILED', 'CANCELLED') AND done_at <= ?", finishedBy);
    assertTrue(finished >= 4, "announcements, the owner's DM, the levels question: " + finished);
    assertTrue(count("status = 'PENDING'", finishedBy) > 0, "the follow-up's reminders are still to come");

    clock.set(finishedBy.plus(Duration.ofDays(10)).plus(Duration.ofHours(1)));
    candor.awaitJobsIdle();
    candor.awaitJobsIdle();

    assertEquals(0, count("status IN ('DONE', 'FAILED', 'CANCELLED') AND done_at <= ? AND kind <> '"
        + LevelsQuestion.KIND + "'", finishedBy), "every job finished before the retention is deleted");
    assertEquals(List.of(), jobs().list("announce:").stream()
        .filter(j -> j.status() != Job.Status.PENDING && j.status() != Job.Status.CLAIMED).toList());
    assertEquals(Job.Status.DONE, jobs().find(levels).orElseThrow().status(), "the levels question's record stays");
    assertTrue(count("status IN ('PENDING', 'CLAIMED')", finishedBy) > 0, "unfinished jobs stay");

    // another software-level follow-up: had the record gone, the question would be asked again
    followUp("<@UBOB|bob> in 3 weeks make retries idempotent");
    clock.advance(Duration.ofHours(5));
    candor.awaitJobsIdle();
    candor.awaitJobsIdle();
    assertEquals(1, asked(), "asked once per incident, after the retention too");
  }

  void followUp(String text) {
    var repo = new JdbcFollowUpRepository(candor.candor.database().dataSource());
    var incident = new JdbcIncidentRepository(candor.candor.database().dataSource()).byChannel(channel).orElseThrow();
    int before = repo.forIncident(incident.id()).size();
    assertEquals("", candor.requests.command("UALICE", channel, "followup " + text).body());
    Eventually.await(() -> repo.forIncident(incident.id()).size() > before, "the follow-up is stored: " + text);
  }

  long asked() {
    return slack.channel("DUALICE").history.stream()
        .filter(m -> m.path("text").asText().contains("What organization, culture or process")).count();
  }

  JdbcJobStore jobs() {
    return new JdbcJobStore(candor.candor.database().dataSource(), clock);
  }

  int count(String where, Instant at) throws SQLException {
    String sql = "SELECT count(*) FROM jobs WHERE " + where;
    try (Connection c = candor.candor.database().dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      if (sql.contains("?")) {
        s.setLong(1, at.toEpochMilli());
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
