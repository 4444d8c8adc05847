package dev.candor.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.testing.CandorProcess;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.SignedSlack;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sent once across a crash: the packaged jar in a child JVM is killed with SIGKILL at each point of a
 * job's send — after the claim but before the send, after the send but before the job is marked done,
 * and after the mark — and started again on the same database. Each time the owner ends up with exactly
 * one DM from that job. The lease is 2 s ({@code CANDOR_JOBS_LEASE}), so the restarted Candor resumes a
 * claimed job at once.
 */
class JobCrashIT {
  static final Map<String, String> ENV = Map.of("CANDOR_JOBS_POLL", "1s", "CANDOR_JOBS_LEASE", "2s",
      "CANDOR_STATUS_REMINDER", "3650d");
  static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir Path dir;
  FakeSlack fake;
  FakeSlack.Channel bobsDm;
  CandorProcess candor;
  SignedSlack slack;
  String channel;

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeSlack();
    fake.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
    bobsDm = fake.dm("UBOB");
    candor = CandorProcess.in(fake, dir, ENV);
  }

  @AfterEach
  void cleanUp() throws InterruptedException {
    candor.close();
    fake.close();
  }

  @Test
  @Timeout(value = 420, unit = TimeUnit.SECONDS) // four starts and three waits, at most
  void aJobKilledAtAnyPointOfItsSend_sendsItsDmExactlyOnce() throws Exception {
    try {
      run();
    } catch (Throwable t) {
      System.err.println("JobCrashIT failed; Candor's output:\n" + candor.logTail() + "\nSlack calls:\n" + fake.describe());
      throw t;
    }
  }

  private void run() throws Exception {
    candor.start("first");
    slack = candor.requests();
    assertEquals(200, slack.command("UALICE", "CGENERAL", "declare crash test sev2").status());
    channel = fake.await("conversations.invite", c -> true, WAIT).param("channel");
    fake.await("conversations.setTopic", c -> channel.equals(c.param("channel")), WAIT);

    // 1. Killed after the claim, before the send: the DM channel is being opened.
    FakeSlack.Gate opening = fake.hold("conversations.open", c -> "UBOB".equals(c.param("users")));
    String first = addFollowUp("rotate the keys");
    assertTrue(opening.awaitReached(WAIT), "the assignment job never ran");
    assertEquals("CLAIMED", status(first));
    assertEquals(0, bobsDm.fromJob(first).size());
    long killedAt = System.nanoTime();
    candor.kill9();
    opening.release();
    candor.start("second");
    await(() -> "DONE".equals(status(first)), first + " done after the restart");
    System.out.printf("JobCrashIT: killed before the send; resumed and sent %d ms after the kill%n",
        (System.nanoTime() - killedAt) / 1_000_000);
    assertEquals(1, bobsDm.fromJob(first).size(), "sent once, by the restarted Candor");

    // 2. Killed after the send, before the mark: the DM is in Slack, its answer never came back.
    FakeSlack.Gate posting = fake.hold("chat.postMessage", c -> "DUBOB".equals(c.param("channel")));
    String second = addFollowUp("add a canary");
    assertTrue(posting.awaitReached(WAIT), "the assignment job never posted");
    assertEquals(1, bobsDm.fromJob(second).size());
    assertEquals("CLAIMED", status(second));
    int historyReads = fake.calls("conversations.history").size();
    killedAt = System.nanoTime();
    candor.kill9();
    posting.release();
    candor.start("third");
    await(() -> "DONE".equals(status(second)), second + " done after the restart");
    System.out.printf("JobCrashIT: killed between send and mark; resumed and found its DM %d ms after the kill%n",
        (System.nanoTime() - killedAt) / 1_000_000);
    assertEquals(1, bobsDm.fromJob(second).size(), "found in the DM's history, not sent again");
    assertTrue(fake.calls("conversations.history").stream().skip(historyReads)
        .anyMatch(c -> "DUBOB".equals(c.param("channel"))), "the resumed job looked in the DM first");

    // 3. Killed after the mark: nothing is left to do.
    String third = addFollowUp("write the runbook");
    await(() -> "DONE".equals(status(third)), third + " done");
    candor.kill9();
    candor.start("fourth");
    Thread.sleep(4_000); // two leases, four polls
    assertEquals(1, bobsDm.fromJob(third).size());

    assertEquals(1, bobsDm.fromJob(first).size());
    assertEquals(1, bobsDm.fromJob(second).size());
    long posts = fake.calls("chat.postMessage").stream().filter(c -> "DUBOB".equals(c.param("channel"))).count();
    assertEquals(3, posts, "three follow-ups, three assignment DMs posted, whatever the kills");
    assertTrue(candor.isAlive());
  }

  /** Adds a follow-up for Bob through the running Candor; returns its assignment job's key. */
  private String addFollowUp(String title) throws Exception {
    assertEquals(200, slack.command("UALICE", channel, "followup <@UBOB|bob> in 2 weeks " + title).status());
    long[] id = new long[1];
    await(() -> (id[0] = followUpId(title).orElse(0L)) > 0, "follow-up \"" + title + "\" stored");
    return "followup:" + id[0] + ":assigned";
  }

  private Optional<Long> followUpId(String title) {
    try (Connection c = candor.readOnly(); PreparedStatement s = c.prepareStatement(
        "SELECT id FROM followups WHERE title = ?")) {
      s.setString(1, title);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  private String status(String key) {
    try (Connection c = candor.readOnly(); PreparedStatement s = c.prepareStatement(
        "SELECT status FROM jobs WHERE job_key = ?")) {
      s.setString(1, key);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : "missing";
      }
    } catch (SQLException e) {
      return "unreadable: " + e.getMessage();
    }
  }

  private static void await(BooleanSupplier done, String what) {
    Eventually.await(done, what, WAIT);
  }
}
