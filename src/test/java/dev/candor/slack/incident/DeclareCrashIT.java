package dev.candor.slack.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.testing.CandorProcess;
import dev.candor.testing.FakeSlack;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * A declaration killed with SIGKILL (the packaged jar in a child JVM) after Slack made its channel and before its
 * incident was stored leaves no orphan behind: the same declaration again, after the restart, adopts the channel
 * Candor made rather than making a {@code -2} beside it. The same declaration is the same request (its request key,
 * from the trigger id), so it carries the number it took before the kill ({@link DeclareCrashOnPostgresIT} on
 * PostgreSQL).
 */
class DeclareCrashIT {
  static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir Path dir;
  FakeSlack fake = new FakeSlack();
  CandorProcess candor;

  @AfterEach
  void cleanUp() throws InterruptedException {
    if (candor != null) {
      candor.close();
    }
    fake.close();
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aDeclarationKilledAfterItsChannelWasMade_isDeclaredAgainInThatChannel() throws Exception {
    fake.addChannel("CGENERAL", "general", false, false, "UALICE");
    candor = CandorProcess.in(fake, dir, Map.of("CANDOR_JOBS_POLL", "1s"));
    try {
      candor.start("first");
      FakeSlack.Gate made = fake.hold("conversations.create", c -> true); // made, its answer held back
      assertEquals(200, candor.requests().command("UALICE", "CGENERAL", "declare checkout down sev2", "trig-checkout").status());
      assertTrue(made.awaitReached(WAIT), "the channel was never made");
      candor.kill9();
      made.release();
      String name = fake.calls("conversations.create").get(0).param("name");
      assertEquals(List.of(), incidentChannels(), "killed before the incident was stored");

      candor.start("second");
      assertEquals(200, candor.requests().command("UALICE", "CGENERAL", "declare checkout down sev2", "trig-checkout").status());
      String channel = fake.await("conversations.invite", c -> true, WAIT).param("channel");

      assertEquals(name, fake.channel(channel).name, "declared in the channel made before the kill");
      assertEquals(List.of(channel), incidentChannels(), "one incident, in that channel");
      assertEquals(List.of(name, name), fake.calls("conversations.create").stream().map(c -> c.param("name")).toList(),
          "the name asked again (taken: the channel is there), and no -2 made");
    } catch (Throwable t) {
      System.err.println("DeclareCrashIT failed; Candor's output:\n" + candor.logTail() + "\nSlack calls:\n"
          + fake.describe());
      throw t;
    }
  }

  private List<String> incidentChannels() throws SQLException {
    try (Connection c = candor.readOnly(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT channel_id FROM incidents ORDER BY id")) {
      List<String> channels = new ArrayList<>();
      while (rs.next()) {
        channels.add(rs.getString(1));
      }
      return channels;
    }
  }
}
