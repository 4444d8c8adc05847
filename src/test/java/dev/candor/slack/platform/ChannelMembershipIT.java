package dev.candor.slack.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.jobs.Job;
import dev.candor.store.JdbcJobStore;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SlackEvents;
import dev.candor.testing.SlackPayloads;
import dev.candor.testing.TestClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Channel membership as Candor keeps it, through the real server with events signed as Slack signs them: a join or
 * a leave changes what App Home and {@code /incident list} show, and a look asks Slack nothing (no
 * {@code conversations.members}); a retried event is stored once; the hourly read of the channel's members heals a
 * leave whose event never came, reading every page; and a channel never read is read once, at the first look.
 */
class ChannelMembershipIT {
  static final String ALICE = "UALICE";
  static final String BOB = "UBOB";

  @TempDir Path dir;
  TestClock clock;
  RunningCandor candor;
  FakeSlack slack;
  String channel;
  JdbcJobStore jobs;

  @BeforeEach
  void start() {
    clock = TestClock.at("2026-12-01T12:00:00Z");
    // these tests count Slack's reads of member lists for App Home and /incident list; the catch-up's own read of who
    // is present at declaration (one more conversations.members per declaration) is CatchupIT's, so it is off here
    candor = RunningCandor.start(dir, Map.of("CANDOR_JOBS_POLL", "1s", "CANDOR_CATCHUP_ON_JOIN", "off"), clock);
    slack = candor.slack;
    slack.addChannel("CGENERAL", "general", false, false, ALICE, BOB);
    jobs = new JdbcJobStore(candor.candor.database().dataSource(), clock);
    candor.requests.command(ALICE, "CGENERAL", "declare checkout errors sev2");
    channel = slack.await("conversations.invite").param("channel");
    // the seed: one read of the new channel's members, then the next read an hour on
    Eventually.await(() -> jobs.find(MemberRefresh.key(channel))
        .filter(j -> j.status() == Job.Status.PENDING && j.runAt().isAfter(clock.instant())).isPresent(),
        "the channel's members read when it was made");
  }

  @AfterEach
  void stop() {
    candor.close();
  }

  @Test
  void joinAndLeaveEvents_changeAppHomeAndTheList_andALookAsksSlackNothing() {
    assertEquals(1, slack.calls("conversations.members").size(), "the seed read the channel's members once");
    assertTrue(home(ALICE).contains("INC-1"), "the declarer, invited, sees it");
    assertFalse(home(BOB).contains("INC-1"), "Bob is not in the channel");
    assertFalse(list(BOB).contains("checkout errors"));

    String joinId = SlackEvents.newEventId();
    var join = SlackEvents.envelope(joinId, SlackEvents.joined(channel, BOB, SlackEvents.newTs(clock.instant())));
    slack.channel(channel).members.add(BOB);
    assertEquals(200, candor.requests.event(join, Map.of()).status());
    candor.awaitProcessed(joinId);
    assertTrue(home(BOB).contains("INC-1"), "Bob joined");
    assertTrue(list(BOB).contains("checkout errors"));

    // Slack delivers the join again (its first answer was lost) after Bob has left: stored once, it changes nothing
    candor.leaves(channel, BOB);
    assertEquals(200, candor.requests.event(join, Map.of("X-Slack-Retry-Num", "1",
        "X-Slack-Retry-Reason", "http_timeout")).status());
    // home() waits until its own event is processed, and so every event stored before it
    assertFalse(home(BOB).contains("INC-1"), "Bob left");
    assertEquals(1, count("SELECT COUNT(*) FROM events WHERE event_id = ?", joinId), "the retry is stored once");
    assertFalse(list(BOB).contains("checkout errors"));
    assertTrue(list(ALICE).contains("checkout errors"));

    assertEquals(1, slack.calls("conversations.members").size(), "no look asked Slack who is in the channel");
  }

  @Test
  void theHourlyRead_healsALeaveWhoseEventNeverCame_readingEveryPage() {
    candor.joins(channel, BOB);
    List<String> crowd = IntStream.range(0, 1_500).mapToObj(i -> String.format("UCROWD%04d", i)).toList();
    slack.channel(channel).members.addAll(crowd); // 1,500 people join, their events lost
    slack.channel(channel).members.remove(BOB); // and Bob leaves, his event lost too
    assertTrue(home(BOB).contains("INC-1"), "what Candor kept, until the next read");
    assertFalse(home("UCROWD1499").contains("INC-1"));
    int reads = slack.calls("conversations.members").size();

    clock.advance(MemberRefresh.EVERY);
    Eventually.await(() -> jobs.find(MemberRefresh.key(channel)).filter(j -> j.status() == Job.Status.PENDING
        && j.runAt().equals(clock.instant().plus(MemberRefresh.EVERY))).isPresent(), "the hourly read");

    var pages = slack.calls("conversations.members").subList(reads, slack.calls("conversations.members").size());
    assertEquals(List.of("", "page:1000"), pages.stream().map(c -> c.param("cursor") == null ? "" : c.param("cursor"))
        .toList(), "two pages of 1,000");
    assertFalse(home(BOB).contains("INC-1"), "the missed leave, healed");
    assertTrue(home("UCROWD1499").contains("INC-1"), "someone on the second page");
    assertTrue(home(ALICE).contains("INC-1"));
  }

  @Test
  void aChannelNeverRead_isReadOnceAtTheFirstLook() throws SQLException {
    try (Connection c = candor.candor.database().dataSource().getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM channel_member_lists"); // as for an incident from before Candor kept lists
    }
    slack.channel(channel).members.add(BOB);
    int reads = slack.calls("conversations.members").size();
    assertTrue(home(BOB).contains("INC-1"));
    assertEquals(reads + 1, slack.calls("conversations.members").size(), "read once");
    assertTrue(list(BOB).contains("checkout errors"));
    assertTrue(home(ALICE).contains("INC-1"));
    assertEquals(reads + 1, slack.calls("conversations.members").size(), "and kept");
  }

  @Test
  void aPrivateIncidentsFollowUp_isInItsOwnersAppHome_whileTheyAreInItsChannel_askingSlackNothing() {
    slack.dm(BOB);
    candor.requests.interaction(SlackPayloads.declareSubmission("VDECL", "CGENERAL", "payroll export leak", "SEV2",
        "", "private", "new"));
    String secret = slack.await("conversations.invite", c -> c.param("channel").startsWith("G")).param("channel");
    Eventually.await(() -> jobs.find(MemberRefresh.key(secret))
        .filter(j -> j.status() == Job.Status.PENDING && j.runAt().isAfter(clock.instant())).isPresent(),
        "the private channel's members read when it was made");
    candor.joins(secret, BOB);
    candor.requests.command(ALICE, secret, "followup <@UBOB|bob> in 2 weeks rotate the keys");
    slack.await("chat.postMessage", c -> ("D" + BOB).equals(c.param("channel"))
        && c.param("text").contains("You own a follow-up"));
    int reads = slack.calls("conversations.members").size();

    assertTrue(home(BOB).contains("rotate the keys"), "Bob is in the private channel");
    candor.leaves(secret, BOB);
    assertFalse(home(BOB).contains("rotate the keys"), "left out once Bob left it");
    assertEquals(reads, slack.calls("conversations.members").size(), "no look asked Slack who is in the channel");
  }

  /** The App Home Candor publishes for {@code user} when they open it. */
  String home(String user) {
    int before = slack.calls("views.publish").size();
    candor.heard(Map.of("type", "app_home_opened", "user", user, "channel", "D" + user, "tab", "home",
        "event_ts", SlackEvents.newTs(clock.instant())));
    Eventually.await(() -> slack.calls("views.publish").size() > before, "the App Home of " + user);
    return slack.calls("views.publish").get(before).json("view");
  }

  /** What {@code /incident list} shows {@code user}. */
  String list(String user) {
    String trigger = "trig-list-" + SlackEvents.newEventId();
    candor.requests.command(user, "CGENERAL", "list", trigger);
    return slack.await("response_url", c -> c.param("id").equals(trigger)).body();
  }

  private int count(String sql, String arg) {
    try (Connection c = candor.candor.database().dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
