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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash stalls nothing: the packaged jar in a child JVM claims a batch of announcement jobs (one per incident
 * queue) and is killed with SIGKILL while it holds them, one post already in Slack with its answer never read.
 * Started again on the same database, it is the only process there (it holds the database's lock, which the
 * kernel took from the dead one), so it resumes every claim at once — though the lease here is the old 5 minutes —
 * and each incident channel gets its announcement exactly once.
 */
class ClaimTakeoverCrashIT {
  /** The old lease, on purpose: the restart must not wait it out. */
  static final Map<String, String> ENV = Map.of("CANDOR_JOBS_POLL", "1s", "CANDOR_JOBS_LEASE", "5m",
      "CANDOR_STATUS_REMINDER", "3650d");
  static final Duration WAIT = Duration.ofSeconds(30);
  /** Well under the 5-minute lease: a slow child start on a loaded 2-core machine, and the runs. */
  static final Duration PROMPTLY = Duration.ofSeconds(90);
  static final List<String> HELD = List.of("bravo", "charlie", "delta");
  @TempDir Path dir;
  FakeSlack fake;
  CandorProcess candor;
  SignedSlack slack;

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeSlack();
    fake.keepPostsInNewChannels(); // a resumed announcement looks for its post in the channel's history
    fake.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
    candor = CandorProcess.in(fake, dir, ENV);
  }

  @AfterEach
  void cleanUp() {
    candor.close();
    fake.close();
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void claimsHeldByAKilledProcess_runAtOnceAfterTheRestart_eachAnnouncementOnce() throws Exception {
    try {
      run();
    } catch (Throwable t) {
      System.err.println("ClaimTakeoverCrashIT failed; Candor's output:\n" + candor.logTail() + "\nSlack calls:\n"
          + fake.describe());
      throw t;
    }
  }

  private void run() throws Exception {
    candor.start("first");
    slack = candor.requests();

    // the runner is held in alpha's card post while three more incidents are declared: their cards wait
    FakeSlack.Gate alpha = fake.hold("chat.postMessage", c -> says(c, "alpha"));
    declare("alpha");
    assertTrue(alpha.awaitReached(WAIT), "alpha's announcement never ran");
    FakeSlack.Gate bravo = fake.hold("chat.postMessage", c -> says(c, "bravo"));
    // one at a time: a command is acknowledged before its declaration runs on the worker pool, so three sent back to
    // back are declared in any order, and a later one's announcement, scheduled first, would run before bravo's
    for (String title : HELD) {
      declare(title);
      await(() -> "PENDING".equals(job(title)[1]), title + "'s announcement scheduled");
    }

    // alpha done, the next pass claims the three at once; bravo's post reaches Slack, its answer is held
    alpha.release();
    assertTrue(bravo.awaitReached(WAIT), "bravo's announcement never ran");
    for (String title : HELD) {
      assertEquals("CLAIMED", job(title)[1], title + " claimed in the batch");
    }
    candor.kill9();
    bravo.release();

    long restarting = System.nanoTime();
    candor.start("second");
    for (String title : HELD) {
      Eventually.await(() -> "DONE".equals(job(title)[1]), title + "'s announcement done after the restart", PROMPTLY);
    }
    long tookMs = (System.nanoTime() - restarting) / 1_000_000;
    System.out.printf("ClaimTakeoverCrashIT: %d claims held by the killed process, all done %d ms after the restart "
        + "began (lease 5 min)%n", HELD.size(), tookMs);
    assertTrue(candor.logTail().contains("claimed by a process that is gone; resuming them now"),
        "the restart took the dead process's claims over");

    for (String title : HELD) {
      List<FakeSlack.Call> posts = fake.calls("chat.postMessage").stream().filter(c -> says(c, title)).toList();
      assertEquals(1, posts.size(), title + " posted once: " + posts);
      String channel = posts.get(0).param("channel");
      assertEquals(1, fake.channel(channel).fromJob(job(title)[0]).size(), title + "'s channel has it once");
    }
    assertTrue(candor.isAlive());
  }

  private void declare(String title) {
    assertEquals(200, slack.command("UALICE", "CGENERAL", "declare " + title + " outage sev2").status());
  }

  private static boolean says(FakeSlack.Call c, String title) {
    String text = c.param("text");
    return text != null && text.contains(title + " outage");
  }

  /**
   * The key and status of the job that posts {@code title}'s incident card: the declaration's message, first in the
   * incident's announcement queue.
   */
  private String[] job(String title) {
    try (Connection c = candor.readOnly(); PreparedStatement s = c.prepareStatement(
        "SELECT j.job_key, j.status FROM jobs j JOIN incidents i ON j.job_key = 'card:' || i.id || ':post' "
            + "WHERE j.kind = 'incident.card' AND i.title LIKE ?")) {
      s.setString(1, title + " outage%");
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : new String[] {"", "missing"};
      }
    } catch (SQLException e) {
      return new String[] {"", "unreadable: " + e.getMessage()};
    }
  }

  private static void await(java.util.function.BooleanSupplier done, String what) {
    Eventually.await(done, what, WAIT);
  }
}
