package dev.candor.slack.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged change is announced exactly once across a crash: the packaged jar in a child JVM is killed
 * with SIGKILL after the command was acked — before its announcement reached Slack, after it did but before its
 * job was marked done, and after the incident channel's message but before the copy in INCIDENTS_CHANNEL got
 * its answer — and started again on the same database. Each time the message is in Slack once, and the
 * change queued behind the interrupted one follows it, in order. The lease is 2 s ({@code CANDOR_JOBS_LEASE}),
 * so the restarted Candor resumes a claimed job at once.
 */
class AnnouncementCrashIT {
  static final Map<String, String> ENV = Map.of("CANDOR_JOBS_POLL", "1s", "CANDOR_JOBS_LEASE", "2s",
      "CANDOR_STATUS_REMINDER", "3650d", "INCIDENTS_CHANNEL", "CINCIDENTS");
  static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir Path dir;
  FakeSlack fake;
  FakeSlack.Channel incidents;
  CandorProcess candor;
  SignedSlack slack;
  String channel;

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeSlack();
    fake.keepPostsInNewChannels();
    fake.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
    incidents = fake.addChannel("CINCIDENTS", "incidents", false, true);
    incidents.keepsPosts = true;
    candor = CandorProcess.in(fake, dir, ENV);
  }

  @AfterEach
  void cleanUp() throws InterruptedException {
    candor.close();
    fake.close();
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void anAcknowledgedChange_killedAtAnyPointOfItsAnnouncement_isAnnouncedExactlyOnce_inOrder() throws Exception {
    try {
      run();
    } catch (Throwable t) {
      System.err.println("AnnouncementCrashIT failed; Candor's output:\n" + candor.logTail() + "\nSlack calls:\n"
          + fake.describe());
      throw t;
    }
  }

  private void run() throws Exception {
    candor.start("first");
    slack = candor.requests();
    assertEquals(200, slack.command("UALICE", "CGENERAL", "declare crash test sev2").status());
    channel = fake.await("conversations.invite", c -> true, WAIT).param("channel");
    await(() -> said("declared").size() == 1 && cardPosted(), "the opening message: the incident card");

    // 1. Killed after the ack, before the announcement reached Slack; a second change is queued behind it.
    FakeSlack.Gate unposted = fake.holdUnanswered("chat.postMessage", c -> saying(c, "cache node"));
    command("UBOB", "status identified the cache node is saturated");
    command("UBOB", "sev 1");
    assertTrue(unposted.awaitReached(WAIT), "the status announcement never ran");
    assertEquals("CLAIMED", status("cache node"));
    assertEquals("PENDING", status("set severity"), "queued behind the status update");
    assertEquals(List.of(), said("cache node"));
    long killedAt = System.nanoTime();
    candor.kill9();
    unposted.release();
    candor.start("second");
    await(() -> "DONE".equals(status("set severity")), "both announced after the restart");
    System.out.printf("AnnouncementCrashIT: killed before the post; both changes announced %d ms after the kill%n",
        (System.nanoTime() - killedAt) / 1_000_000);
    assertEquals(1, said("cache node").size(), "announced once, by the restarted Candor");
    assertEquals(1, said("set severity").size());
    assertTrue(position("cache node") < position("set severity"), "in the order made:\n" + fake.describe());

    // 2. Killed after the announcement reached Slack, before its job was marked done.
    FakeSlack.Gate posted = fake.hold("chat.postMessage", c -> saying(c, "renamed the incident"));
    command("UBOB", "title Checkout down in the EU");
    assertTrue(posted.awaitReached(WAIT), "the title announcement never posted");
    assertEquals(1, said("renamed the incident").size());
    assertEquals("CLAIMED", status("renamed the incident"));
    int historyReads = fake.calls("conversations.history").size();
    killedAt = System.nanoTime();
    candor.kill9();
    posted.release();
    candor.start("third");
    await(() -> "DONE".equals(status("renamed the incident")), "the title announcement's job done after the restart");
    System.out.printf("AnnouncementCrashIT: killed between post and mark; resumed and found its post %d ms after"
        + " the kill%n", (System.nanoTime() - killedAt) / 1_000_000);
    assertEquals(1, said("renamed the incident").size(), "found in the channel's history, not posted again");
    assertEquals(1, fake.channel(channel).fromJob(key("renamed the incident")).size());
    assertTrue(fake.calls("conversations.history").stream().skip(historyReads)
        .anyMatch(c -> channel.equals(c.param("channel"))), "the resumed job looked in the channel first");

    // 3. Killed after the resolution's message, while its copy in INCIDENTS_CHANNEL waited for its answer.
    FakeSlack.Gate copied = fake.hold("chat.postMessage", c -> "CINCIDENTS".equals(c.param("channel"))
        && c.param("text").contains("was resolved"));
    command("UALICE", "resolve rolled back the config");
    assertTrue(copied.awaitReached(WAIT), "the copy was never posted");
    candor.kill9();
    copied.release();
    candor.start("fourth");
    await(() -> "DONE".equals(status("resolved*")), "the resolution's job done after the restart");
    assertEquals(1, said("*resolved*").size());
    assertEquals(1, incidents.history.stream().filter(m -> m.path("text").asText().contains("was resolved")).count(),
        "the copy, once");
    assertEquals(1, incidents.fromJob(key("resolved*")).size());

    long posts = fake.calls("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel"))
        && c.param("metadata") != null && c.param("metadata").contains("announce:")).count();
    assertEquals(5, posts, "status (twice: the first try never reached Slack), severity, title, resolved (the "
        + "declaration's message is the incident card, a job of its own)");
    assertTrue(candor.isAlive());
  }

  private boolean saying(FakeSlack.Call c, String words) {
    return channel.equals(c.param("channel")) && c.param("text").contains(words);
  }

  private void command(String user, String text) {
    SignedSlack.Answer ack = slack.command(user, channel, text);
    assertEquals(200, ack.status(), text);
    assertEquals("", ack.body(), "acked without a word: " + text);
  }

  /** The incident channel's messages whose text contains {@code words}. */
  private List<ObjectNode> said(String words) {
    return fake.channel(channel).history.stream().filter(m -> m.path("text").asText().contains(words)).toList();
  }

  private int position(String words) {
    List<ObjectNode> history = fake.channel(channel).history;
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i).path("text").asText().contains(words)) {
        return i;
      }
    }
    throw new AssertionError("nothing says \"" + words + "\"");
  }

  /** The status of the announcement job whose payload contains {@code words}. */
  private String status(String words) {
    return column("status", words);
  }

  /** Whether the incident card's posting job is done. */
  private boolean cardPosted() {
    try (Connection c = candor.readOnly(); PreparedStatement s = c.prepareStatement(
        "SELECT status FROM jobs WHERE kind = 'incident.card' AND payload LIKE 'post:%'")) {
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() && "DONE".equals(rs.getString(1));
      }
    } catch (SQLException e) {
      return false;
    }
  }

  private String key(String words) {
    return column("job_key", words);
  }

  private String column(String column, String words) {
    try (Connection c = candor.readOnly(); PreparedStatement s = c.prepareStatement("SELECT " + column
        + " FROM jobs WHERE kind = 'incident.announce' AND instr(payload, ?) > 0")) {
      s.setString(1, words);
      try (ResultSet rs = s.executeQuery()) {
        String found = rs.next() ? rs.getString(1) : "missing";
        return rs.next() ? "more than one job says " + words : found;
      }
    } catch (SQLException e) {
      return "unreadable: " + e.getMessage();
    }
  }

  private static void await(BooleanSupplier done, String what) {
    Eventually.await(done, what, WAIT);
  }
}
