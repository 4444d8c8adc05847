package dev.candor.slack.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.testing.CandorProcess;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.Postgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DeclareCrashIT} on PostgreSQL, where a number once taken from the sequence is never given again: the
 * declaration killed (SIGKILL) between {@code conversations.create} and storing its incident is retried, under its
 * request key, with the number it took before the kill (kept in {@code incident_numbers}), so it asks for the same
 * channel name and adopts the channel made before the kill, even after another declaration took a number meanwhile.
 */
class DeclareCrashOnPostgresIT {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String KEY = "d3c1a4e500112233445566778899aabbccddeeff00112233445566778899aabb";
  @TempDir Path dir;
  @RegisterExtension final Postgres.FreshDatabase database = new Postgres.FreshDatabase();
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
  void aDeclarationKilledAfterItsChannelWasMade_isRetriedUnderItsNumber_andAdoptsThatChannel() throws Exception {
    fake.addChannel("CGENERAL", "general", false, false, "UALICE");
    fake.addChannel("CDEPLOYS", "deploys", false, false, "UBOB");
    candor = CandorProcess.in(fake, dir, Map.of("CANDOR_JOBS_POLL", "1s", "DATABASE_URL", database.url(),
        "CANDOR_KEY", KEY, "CANDOR_CHANNEL_NAME", "inc-{number}-{slug}"));
    try {
      candor.start("first");
      FakeSlack.Gate made = fake.hold("conversations.create", c -> true); // made, its answer held back
      assertEquals(200,
          candor.requests().command("UALICE", "CGENERAL", "declare checkout down sev2", "trig-checkout").status());
      assertTrue(made.awaitReached(WAIT), "the channel was never made");
      candor.kill9();
      made.release();
      String name = fake.calls("conversations.create").get(0).param("name");
      assertEquals(List.of(), incidentChannels(), "killed before the incident was stored");

      candor.start("second");
      // another declaration first: it takes a number of its own, never the one the killed declaration holds
      assertEquals(200,
          candor.requests().command("UBOB", "CDEPLOYS", "declare deploys stuck sev3", "trig-deploys").status());
      String other = fake.await("conversations.invite", c -> "UBOB".equals(c.param("users")), WAIT).param("channel");
      // the killed declaration again, under its request key
      assertEquals(200,
          candor.requests().command("UALICE", "CGENERAL", "declare checkout down sev2", "trig-checkout").status());
      String channel = fake.await("conversations.invite", c -> "UALICE".equals(c.param("users")), WAIT)
          .param("channel");

      assertEquals(name, fake.channel(channel).name, "declared in the channel made before the kill");
      assertEquals(List.of(other, channel), incidentChannels(), "one incident each, the killed one in its channel");
      assertEquals(List.of(name, fake.channel(other).name, name),
          fake.calls("conversations.create").stream().map(c -> c.param("name")).toList(),
          "the name asked again (taken: the channel is there), and no -2 made");
      assertEquals(List.of("INC-1 " + name, "INC-2 " + fake.channel(other).name),
          numbers(), "the killed declaration kept INC-1; the other took INC-2");
    } catch (Throwable t) {
      System.err.println("DeclareCrashOnPostgresIT failed; Candor's output:\n" + candor.logTail()
          + "\nSlack calls:\n" + fake.describe());
      throw t;
    }
  }

  private List<String> incidentChannels() throws SQLException {
    return column("SELECT channel_id FROM incidents ORDER BY declared_at, id");
  }

  private List<String> numbers() throws SQLException {
    return column("SELECT 'INC-' || id || ' ' || channel_name FROM incidents ORDER BY id");
  }

  private List<String> column(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(database.url()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    }
  }
}
