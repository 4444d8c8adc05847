package dev.candor.slack.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.Incident;
import dev.candor.incident.Severity;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SlackEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team that calls its severities P1..P4 (CANDOR_SEVERITIES) reads those names, through the real server, where
 * Candor answers a severity change it already has, in the DM to someone given a role outside the channel, in the
 * catch-up and on the App Home; never SEV1..SEV4.
 */
class TeamSeveritiesIT {
  static final Duration WAIT = Duration.ofSeconds(15);
  @TempDir Path dir;
  RunningCandor candor;
  FakeSlack slack;
  JdbcIncidentRepository store;

  @BeforeEach
  void start() throws IOException {
    Path severities = Files.writeString(dir.resolve("severities.json"), DeclareFlowIT.SEVERITIES);
    candor = RunningCandor.start(dir, Map.of("CANDOR_SEVERITIES", severities.toString()));
    slack = candor.slack;
    slack.addChannel("CGENERAL", "general", false, false, "UALICE");
    slack.dm("UBOB");
    store = new JdbcIncidentRepository(candor.candor.database().dataSource());
  }

  @AfterEach
  void stop() {
    candor.close();
  }

  @Test
  void theTeamsNames_inTheRefusal_theOutsidersDm_theCatchUp_andTheAppHome() throws Exception {
    assertEquals(200, candor.requests.command("UALICE", "CGENERAL", "declare checkout down P1").status());
    String channel = slack.await("conversations.setTopic", c -> true, WAIT).param("channel");
    Incident incident = store.byChannel(channel).orElseThrow();
    assertEquals(Severity.SEV1, incident.severity());

    var refused = candor.requests.command("UALICE", channel, "sev P1");
    assertEquals(200, refused.status(), refused.body());
    String refusal = refused.text().isEmpty()
        ? slack.await("response_url", c -> c.body().contains("already is"), WAIT).body()
        : refused.text();
    assertTrue(refusal.contains(incident.id() + " already is P1."), refusal);

    assertEquals(200, candor.requests.command("UALICE", channel, "role comms <@UBOB>").status());
    String dm = slack.await("chat.postMessage", c -> "DUBOB".equals(c.param("channel")), WAIT).param("text");
    assertTrue(dm.contains("(P1, investigating)"), dm);

    int before = slack.calls("response_url").size();
    assertEquals(200, candor.requests.command("UALICE", channel, "catchup").status());
    Eventually.await(() -> slack.calls("response_url").stream().skip(before)
        .anyMatch(c -> c.body().contains("Catching up")), "the catch-up posted to the response_url");
    String catchup = slack.calls("response_url").stream().skip(before).filter(c -> c.body().contains("Catching up"))
        .findFirst().orElseThrow().body();
    assertTrue(catchup.contains("*Severity:* P1"), catchup);

    var event = Map.<String, Object>of("type", "app_home_opened", "user", "UALICE", "channel", "DUALICE", "tab",
        "home", "event_ts", "1700000000.1");
    assertEquals(200, candor.requests.event(SlackEvents.envelope(SlackEvents.newEventId(), event), Map.of()).status());
    String home = slack.await("views.publish", c -> "UALICE".equals(c.param("user_id")), WAIT).json("view");
    assertTrue(home.contains("P1 · investigating"), home);

    for (String said : new String[] {refusal, dm, catchup, home}) {
      assertFalse(said.contains("SEV1"), said);
    }
  }
}
