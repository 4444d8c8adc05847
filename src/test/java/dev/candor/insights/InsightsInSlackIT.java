package dev.candor.insights;

import static dev.candor.insights.SampleIncidents.ALICE;
import static dev.candor.insights.SampleIncidents.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.IncidentId;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SlackEvents;
import dev.candor.testing.SlackPayloads;
import dev.candor.testing.TestClock;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * This quarter's insights in Slack, through the real server with signed requests: on top of a facilitator's App
 * Home and as the private answer to {@code /incident insights}, with the command for the report; nothing for
 * someone who facilitates nothing; a private incident counted only for people in its channel.
 */
class InsightsInSlackIT {
  static final String ERIN = "UERIN";
  @TempDir static Path dir;
  static RunningCandor candor;
  static FakeSlack slack;

  @BeforeAll
  static void aQuarterSoFar() {
    TestClock clock = SampleIncidents.clock();
    candor = RunningCandor.start(dir, SampleIncidents.settings(), clock);
    slack = candor.slack;
    SampleIncidents.script(candor, clock);
    // INC-6: private, declared by Alice in a new channel only she is in
    candor.requests.interaction(SlackPayloads.declareSubmission("VDECL", "CGENERAL", "payroll export leak", "SEV1",
        "", "private", "new"));
    var incidents = new JdbcIncidentRepository(candor.candor.database().dataSource());
    Eventually.await(() -> incidents.byId(new IncidentId(6)).isPresent(), "the private INC-6 declared");
    candor.awaitJobsIdle();
  }

  @AfterAll
  static void stop() {
    candor.close();
  }

  @Test
  void aFacilitator_asksPrivately_andGetsTheFiguresAndTheReportCommand() {
    var answer = candor.requests.command(BOB, "CGENERAL", "insights");

    assertEquals(200, answer.status());
    assertEquals("ephemeral", answer.json().get("response_type"), "only Bob sees it");
    String text = answer.text();
    assertTrue(text.contains("This quarter (since 2026-10-01): 4 incidents (SEV1 1, SEV2 2, SEV3 1), 1 cancelled."),
        "the private INC-6, whose channel Bob is not in, is not counted: " + text);
    assertTrue(text.contains("Median time to mitigate: SEV1 18 min, SEV2 30 min, SEV3 2 h; to resolve: SEV1 1 h 10 "
        + "min, SEV2 1 h, SEV3 3 h."), text);
    assertTrue(text.contains("Post-mortems: 1 held, 0 scheduled, 1 not needed, 1 skipped, 0 undecided."), text);
    assertTrue(text.contains("Follow-ups: 1 done, 2 open, 1 overdue"), text);
    assertTrue(text.contains("Only software-level follow-ups: 67% of incidents with follow-ups (2 of 3)."), text);
    assertTrue(text.contains("Nudges: 25.0 per 100 messages (2 in 8 messages)."), text);
    assertTrue(text.contains("`candor insights --since 2026-10-01`"), text);
    for (String person : SampleIncidents.PEOPLE) {
      assertFalse(text.contains(person), person + " in " + text);
    }
  }

  @Test
  void aPrivateIncident_countsForSomeoneInItsChannel() {
    String text = candor.requests.command(ALICE, "CGENERAL", "insights").text();

    assertTrue(text.contains("5 incidents (SEV1 2, SEV2 2, SEV3 1)"), text);
  }

  @Test
  void someoneWhoFacilitatesNothing_isToldWhoInsightsAreFor_andShownNoFigure() {
    String text = candor.requests.command(ERIN, "CGENERAL", "insights").text();

    assertTrue(text.startsWith("Insights are for facilitators"), text);
    assertFalse(text.contains("incidents ("), text);
    assertTrue(text.contains("candor insights --since 2026-10-01"), text);
  }

  @Test
  void appHome_showsAFacilitatorThisQuarter_andNobodyElse() {
    opensHome(BOB);
    String bob = slack.await("views.publish", c -> BOB.equals(c.param("user_id"))).json("view");
    assertTrue(bob.contains("\"text\":\"This quarter\""), bob);
    assertTrue(bob.contains("4 incidents (SEV1 1, SEV2 2, SEV3 1)"), bob);
    assertTrue(bob.contains("Post-mortems: 1 held"), bob);
    assertTrue(bob.indexOf("This quarter") < bob.indexOf("Your open incidents"), "on top: " + bob);

    opensHome(ERIN);
    String erin = slack.await("views.publish", c -> ERIN.equals(c.param("user_id"))).json("view");
    assertTrue(erin.contains("Your open incidents"), erin);
    assertFalse(erin.contains("This quarter"), erin);
  }

  private static void opensHome(String user) {
    var event = Map.<String, Object>of("type", "app_home_opened", "user", user, "channel", "D" + user, "tab", "home",
        "event_ts", SlackEvents.newTs(SampleIncidents.END));
    assertEquals(200, candor.requests.event(SlackEvents.envelope(SlackEvents.newEventId(), event), Map.of()).status());
  }
}
