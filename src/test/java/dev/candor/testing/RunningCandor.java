package dev.candor.testing;

import dev.candor.main.BotConfig;
import dev.candor.main.Candor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** The production Candor on a random port, its Web API calls going to a {@link FakeSlack}. */
public final class RunningCandor implements AutoCloseable {
  public final FakeSlack slack;
  public final Candor candor;
  public final SignedSlack requests;
  public final Path databaseFile;

  private RunningCandor(FakeSlack slack, Candor candor, Path databaseFile) {
    this.slack = slack;
    this.candor = candor;
    this.databaseFile = databaseFile;
    this.requests = new SignedSlack("http://127.0.0.1:" + candor.port(), slack);
  }

  /** The environment a test Candor runs with; {@code extra} adds or replaces settings. */
  public static Map<String, String> environment(FakeSlack slack, Path dir, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("SLACK_BOT_TOKEN", "xoxb-test-token");
    env.put("SLACK_SIGNING_SECRET", SignedSlack.SECRET);
    env.put("SLACK_API_URL", slack.apiUrl());
    env.put("PORT", "0");
    env.put("DATABASE_URL", "jdbc:sqlite:" + dir.resolve("candor.db"));
    env.putAll(extra);
    return env;
  }

  public static RunningCandor start(Path dir) {
    return start(dir, Map.of());
  }

  public static RunningCandor start(Path dir, Map<String, String> extra) {
    FakeSlack slack = new FakeSlack();
    try {
      Candor candor = Candor.start(BotConfig.fromEnvironment(environment(slack, dir, extra)), Clock.systemUTC());
      return new RunningCandor(slack, candor, dir.resolve("candor.db"));
    } catch (RuntimeException e) {
      slack.close();
      throw e;
    }
  }

  @Override
  public void close() {
    candor.close();
    slack.close();
  }
}
