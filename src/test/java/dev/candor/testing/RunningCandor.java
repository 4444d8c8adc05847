package dev.candor.testing;

import dev.candor.config.BotConfig;
import dev.candor.jobs.JobRunner;
import dev.candor.main.Candor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** The production Candor on a random port, its Web API calls going to a {@link FakeSlack}. */
public final class RunningCandor implements AutoCloseable {
  public final FakeSlack slack;
  public final Candor candor;
  public final SignedSlack requests;
  public final Path databaseFile;
  private final Clock clock;
  private final Runnable wakeJobs;

  private RunningCandor(FakeSlack slack, Candor candor, Path databaseFile, Clock clock) {
    this.slack = slack;
    this.candor = candor;
    this.databaseFile = databaseFile;
    this.requests = new SignedSlack("http://127.0.0.1:" + candor.port(), slack, clock);
    this.clock = clock;
    this.wakeJobs = candor.jobs()::wake;
    if (clock instanceof TestClock moved) {
      moved.whenMoved(wakeJobs); // what a move made due runs at once, not at the next poll
    }
  }

  /** The environment a test Candor runs with; {@code extra} adds or replaces settings. */
  public static Map<String, String> environment(FakeSlack slack, Path dir, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("SLACK_BOT_TOKEN", "xoxb-test-token");
    env.put("SLACK_SIGNING_SECRET", SignedSlack.SECRET);
    env.put("SLACK_API_URL", slack.apiUrl());
    env.put("PORT", "0");
    env.put("DATABASE_URL", "jdbc:sqlite:" + dir.resolve("candor.db"));
    // the learned blame model costs seconds to load: off unless a test is about it (it passes "on" in extra)
    env.put("CANDOR_NUDGE_MODEL", "off");
    env.putAll(extra);
    return env;
  }

  public static RunningCandor start(Path dir) {
    return start(dir, Map.of());
  }

  public static RunningCandor start(Path dir, Map<String, String> extra) {
    return start(dir, extra, Clock.systemUTC());
  }

  /**
   * Candor on {@code clock} (a {@link TestClock} moves its reminders' time); requests are signed at the
   * clock's time, which is the time Candor checks them against.
   */
  public static RunningCandor start(Path dir, Map<String, String> extra, Clock clock) {
    return start(new FakeSlack(), dir, extra, clock);
  }

  /** Candor against an existing fake Slack: say a second Candor after the first was closed (a restart). */
  public static RunningCandor start(FakeSlack slack, Path dir, Map<String, String> extra, Clock clock) {
    try {
      Candor candor = Candor.start(BotConfig.fromEnvironment(environment(slack, dir, extra)), clock);
      return new RunningCandor(slack, candor, dir.resolve("candor.db"), clock);
    } catch (RuntimeException e) {
      slack.close();
      throw e;
    }
  }

  /**
   * Wakes Candor's job runner and waits until it has run every job due at the clock's present time and found
   * nothing more: the wait before saying that a job did not do something, which cannot pass before the
   * runner looked (as a sleep of "a few polls" can, on a slow machine).
   */
  public void awaitJobsIdle() {
    JobRunner jobs = candor.jobs();
    long begun = jobs.passesBegun();
    jobs.wake();
    Eventually.await(() -> jobs.lastIdlePass() > begun, "the job runner to run what is due and find nothing more");
  }

  /**
   * {@code userId} joins {@code channelId} as Slack tells it: they are in the fake's member list, and Candor gets the
   * signed {@code member_joined_channel} event and has processed it when this returns.
   */
  public void joins(String channelId, String userId) {
    slack.channel(channelId).members.add(userId);
    heard(SlackEvents.joined(channelId, userId, SlackEvents.newTs(clock.instant())));
  }

  /** {@code userId} leaves {@code channelId} as Slack tells it ({@code member_left_channel}); as {@link #joins}. */
  public void leaves(String channelId, String userId) {
    slack.channel(channelId).members.remove(userId);
    heard(SlackEvents.left(channelId, userId, SlackEvents.newTs(clock.instant())));
  }

  /** Sends {@code event}, signed, and waits until Candor has processed it. */
  public void heard(Map<String, Object> event) {
    String eventId = SlackEvents.newEventId();
    var answer = requests.event(SlackEvents.envelope(eventId, event), Map.of());
    if (answer.status() != 200) {
      throw new IllegalStateException("the event was answered " + answer.status() + ": " + answer.body());
    }
    awaitProcessed(eventId);
  }

  /** Waits until Candor has processed the event {@code eventId} (it was stored before Slack was answered). */
  public void awaitProcessed(String eventId) {
    Eventually.await(() -> {
      try (Connection c = candor.database().dataSource().getConnection();
          PreparedStatement ps = c.prepareStatement(
              "SELECT COUNT(*) FROM events WHERE event_id = ? AND processed_at IS NOT NULL")) {
        ps.setString(1, eventId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() && rs.getInt(1) == 1;
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }, "event " + eventId + " processed");
  }

  /** Stops Candor but keeps the fake Slack (and what it recorded) for a restart. */
  public void stopCandor() {
    if (clock instanceof TestClock moved) {
      moved.stopTelling(wakeJobs);
    }
    requests.closeConnections();
    candor.close();
  }

  @Override
  public void close() {
    stopCandor();
    slack.close();
  }
}
