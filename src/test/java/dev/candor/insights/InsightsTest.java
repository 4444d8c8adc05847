package dev.candor.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.followup.FollowUp;
import dev.candor.followup.Level;
import dev.candor.incident.IncidentState;
import dev.candor.incident.Severity;
import dev.candor.incident.SeverityScale;
import dev.candor.postmortem.Decision;
import dev.candor.testing.GoldenFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The figures, from facts made by hand: buckets, percentiles, post-mortem outcomes, levels, shares, rates. */
class InsightsTest {
  static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  static final Period PERIOD = new Period(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 7), ZoneOffset.UTC);

  static IncidentFacts incident(String declared, Severity severity, IncidentState state, Duration mitigate,
      Duration resolve, Decision decision, Instant meeting, String reason, List<IncidentFacts.FollowUpFacts> followUps,
      long messages, long nudges) {
    Instant at = Instant.parse(declared);
    return new IncidentFacts(severity, state, false, "C1", at, at, mitigate == null ? null : at.plus(mitigate),
        resolve == null ? null : at.plus(resolve), decision, meeting, reason, followUps,
        List.of(new IncidentFacts.ChatDay(LocalDate.ofInstant(at, ZoneOffset.UTC), messages, nudges)));
  }

  static IncidentFacts.FollowUpFacts followUp(Level level, FollowUp.Status status, String due) {
    return new IncidentFacts.FollowUpFacts(level, status, LocalDate.parse(due), Instant.parse("2026-11-10T10:00:00Z"));
  }

  /** Six incidents in the period (held, ahead, not needed, skipped, undecided, open), a cancelled one, an older one. */
  static List<IncidentFacts> handful() {
    return List.of(
        // held post-mortem, a process follow-up overdue and a software one done
        incident("2026-11-02T10:00:00Z", Severity.SEV1, IncidentState.CLOSED, Duration.ofMinutes(10),
            Duration.ofHours(1), Decision.SCHEDULED, Instant.parse("2026-11-04T10:00:00Z"), null,
            List.of(followUp(Level.PROCESS, FollowUp.Status.OPEN, "2026-11-20"),
                followUp(Level.SOFTWARE, FollowUp.Status.DONE, "2026-11-20")), 50, 2),
        // a meeting still ahead
        incident("2026-11-03T10:00:00Z", Severity.SEV2, IncidentState.RESOLVED, Duration.ofMinutes(30),
            Duration.ofHours(2), Decision.SCHEDULED, Instant.parse("2026-12-10T10:00:00Z"), null,
            List.of(followUp(Level.SOFTWARE, FollowUp.Status.OPEN, "2026-12-20"),
                followUp(Level.CULTURE, FollowUp.Status.DROPPED, "2026-12-20")), 50, 0),
        // not needed, for a reason naming someone
        incident("2026-11-10T10:00:00Z", Severity.SEV2, IncidentState.CLOSED, Duration.ofMinutes(50),
            Duration.ofHours(4), Decision.NOT_NEEDED, null, "<@U0123ABCD|sam> says a known issue", List.of(), 0, 0),
        // closed with nothing decided: skipped
        incident("2026-11-11T10:00:00Z", Severity.SEV3, IncidentState.CLOSED, Duration.ofMinutes(5),
            Duration.ofMinutes(20), Decision.PENDING, null, null, List.of(), 100, 1),
        // resolved, undecided
        incident("2026-11-12T10:00:00Z", Severity.SEV3, IncidentState.RESOLVED, Duration.ofMinutes(5),
            Duration.ofMinutes(20), Decision.PENDING, null, null, List.of(), 0, 0),
        // open: no post-mortem due yet
        incident("2026-12-01T10:00:00Z", Severity.SEV4, IncidentState.INVESTIGATING, null, null, Decision.PENDING,
            null, null, List.of(), 0, 0),
        // cancelled: counted apart
        incident("2026-12-01T11:00:00Z", Severity.SEV1, IncidentState.CANCELLED, null, null, Decision.PENDING, null,
            null, List.of(), 10, 10),
        // before the period: left out
        incident("2026-10-30T10:00:00Z", Severity.SEV1, IncidentState.CLOSED, Duration.ofMinutes(1),
            Duration.ofMinutes(2), Decision.PENDING, null, null, List.of(), 10, 10));
  }

  @Test
  void spread_interpolatesPercentilesBetweenRanks() {
    Spread s = Spread.of(List.of(Duration.ofMinutes(40), Duration.ofMinutes(10), Duration.ofMinutes(20),
        Duration.ofMinutes(30))).orElseThrow();
    assertEquals(Duration.ofMinutes(10), s.min());
    assertEquals(Duration.ofMillis(17 * 60_000 + 30_000), s.p25());
    assertEquals(Duration.ofMinutes(25), s.median());
    assertEquals(Duration.ofMillis(32 * 60_000 + 30_000), s.p75());
    assertEquals(Duration.ofMinutes(40), s.max());
    assertEquals(Optional.empty(), Spread.of(List.of()));
  }

  @Test
  void figures_fromAHandfulOfIncidents() {
    List<IncidentFacts> facts = handful();

    Insights in = Insights.of(facts, PERIOD, NOW);

    assertEquals(6, in.incidents());
    assertEquals(1, in.cancelled());
    assertEquals(List.of(LocalDate.of(2026, 10, 26), LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 9),
        LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 7)),
        in.perWeek().stream().map(Insights.WeekCount::monday).toList(), "every week, empty ones too");
    assertEquals(2, in.perWeek().get(1).total());
    assertEquals(1, in.perWeek().get(2).bySeverity().get(Severity.SEV2));
    assertEquals(Duration.ofMinutes(40), in.toMitigate().get(Severity.SEV2).median());
    assertEquals(Duration.ofHours(3), in.toResolve().get(Severity.SEV2).median());
    assertFalse(in.toResolve().containsKey(Severity.SEV4), "an open incident has no time to resolve");
    assertEquals(new Insights.Postmortems(1, 1, 1, 1, 1, 1, java.util.Map.of("someone says a known issue", 1)),
        in.postmortems());
    assertEquals(1, in.droppedFollowUps());
    Insights.FollowUpMonth process = in.followUps().stream()
        .filter(m -> m.level() == Level.PROCESS && m.month().getMonthValue() == 11).findFirst().orElseThrow();
    assertEquals(List.of(0, 0, 1), List.of(process.done(), process.open(), process.overdue()));
    Insights.FollowUpMonth software = in.followUps().stream()
        .filter(m -> m.level() == Level.SOFTWARE && m.month().getMonthValue() == 11).findFirst().orElseThrow();
    assertEquals(List.of(1, 1, 0), List.of(software.done(), software.open(), software.overdue()));
    assertEquals(new Insights.SoftwareShare("all", 2, 1), in.softwareTotal(), "the dropped culture one is no level");
    assertEquals(Optional.of(50), in.softwareTotal().percent());
    assertEquals(Optional.of(2.0), in.nudges().get(1).per100(), "2 nudges in 100 messages that week");
    assertEquals(Optional.empty(), in.nudges().get(3).per100(), "no messages, no rate");
  }

  @Test
  void nudgesPer100Messages_countEachWeekWhatWasWrittenAndSentThatWeek_notTheDeclarationsWeek() {
    Instant declared = Instant.parse("2026-11-05T10:00:00Z"); // a Thursday, in the week of 2 November
    IncidentFacts longIncident = new IncidentFacts(Severity.SEV2, IncidentState.RESOLVED, false, "C1", declared,
        declared, null, declared.plus(Duration.ofDays(10)), Decision.PENDING, null, null, List.of(),
        List.of(new IncidentFacts.ChatDay(LocalDate.of(2026, 11, 5), 40, 2),
            new IncidentFacts.ChatDay(LocalDate.of(2026, 11, 8), 10, 0), // Sunday: still that week
            new IncidentFacts.ChatDay(LocalDate.of(2026, 11, 9), 25, 1), // Monday: the next week
            new IncidentFacts.ChatDay(LocalDate.of(2026, 12, 8), 5, 5))); // after the period: left out
    Insights in = Insights.of(List.of(longIncident), PERIOD, NOW);

    Insights.NudgeWeek first = in.nudges().stream().filter(w -> w.monday().equals(LocalDate.of(2026, 11, 2)))
        .findFirst().orElseThrow();
    Insights.NudgeWeek second = in.nudges().stream().filter(w -> w.monday().equals(LocalDate.of(2026, 11, 9)))
        .findFirst().orElseThrow();
    assertEquals(List.of(50L, 2L), List.of(first.messages(), first.nudges()));
    assertEquals(List.of(25L, 1L), List.of(second.messages(), second.nudges()));
    assertEquals(Optional.of(4.0), first.per100());
    assertEquals(Optional.of(4.0), second.per100());
    assertEquals(List.of(75L, 3L), List.of(in.nudgeTotal().messages(), in.nudgeTotal().nudges()),
        "the period's total: nothing from after it");
  }

  @Test
  void quarter_startsOnItsFirstDay() {
    assertEquals(LocalDate.of(2026, 10, 1), Period.quarterOf(LocalDate.of(2026, 12, 7), ZoneId.of("UTC")).from());
    assertEquals(LocalDate.of(2026, 1, 1), Period.quarterOf(LocalDate.of(2026, 3, 31), ZoneId.of("UTC")).from());
  }

  @Test
  void reasons_loseWhoeverTheyNamed() {
    assertEquals("someone and someone agreed with someone", Anonymous.words("<@U0123ABCD> and @sam.lee agreed with "
        + "W0123ABCDE"));
    assertEquals("(no reason given)", Anonymous.words(" "));
    assertEquals("mail ops@example.com", Anonymous.words("mail ops@example.com"), "an address is not a handle");
  }

  @Test
  void thePage_withCandorsOwnNames_isAsItWasBeforeTeamsCouldNameThem() throws IOException {
    String page = InsightsPage.render(Insights.of(handful(), PERIOD, NOW), "/data/candor.db");

    GoldenFile.assertMatches(Path.of("src/test/resources/golden"), "insights.html", page);
    assertEquals(page, InsightsPage.render(Insights.of(handful(), PERIOD, NOW), "/data/candor.db",
        SeverityScale.defaults()));
  }

  /** A team whose severities have long names of their own, none a code. */
  static final SeverityScale LONG_NAMES = SeverityScale.of(List.of(
      new SeverityScale.Level(Severity.SEV1, "Customer-facing down", "Customers can't pay", List.of("critical")),
      new SeverityScale.Level(Severity.SEV2, "Major", "Checkout is slow for many", List.of("major", "high")),
      new SeverityScale.Level(Severity.SEV3, "Minor", "Some customers see it", List.of()),
      new SeverityScale.Level(Severity.SEV4, "Cosmetic", "No customer impact yet", List.of("low"))));

  @Test
  void thePage_namesSeveritiesAsTheTeamDoes_wholeLabelsOnTheChart_andNoCode() {
    String page = InsightsPage.render(Insights.of(handful(), PERIOD, NOW), "/data/candor.db", LONG_NAMES);

    assertTrue(page.contains("<th scope=\"col\">week</th><th scope=\"col\">Customer-facing down (critical)</th>"
        + "<th scope=\"col\">Major</th><th scope=\"col\">Minor</th><th scope=\"col\">Cosmetic (low)</th>"), page);
    assertTrue(page.contains("</span>Customer-facing down</li>"), "the legend");
    assertTrue(page.contains("<title>Nov 2, Customer-facing down: 1</title>"), "a bar's title");
    assertTrue(page.contains("<th scope=\"row\">Major</th><td>to mitigate</td><td>2</td><td>40 min</td>"), page);
    assertFalse(java.util.regex.Pattern.compile("SEV ?[1-4]").matcher(page).find(), page);
    java.util.regex.Matcher label = java.util.regex.Pattern.compile("<text class=\"label\" x=\"(\\d+)\"[^>]*>"
        + "(Customer-facing down to (mitigate|resolve))</text>").matcher(page);
    int labels = 0;
    while (label.find()) {
      labels++;
      assertTrue(Integer.parseInt(label.group(1)) >= 6 * label.group(2).length(),
          "room for \"" + label.group(2) + "\" at 11px left of x=" + label.group(1));
    }
    assertEquals(2, labels, page);
  }

  @Test
  void thePage_escapesWhatPeopleWrote_andSaysPlainlyWhenEmpty() {
    Insights one = Insights.of(List.of(incident("2026-11-10T10:00:00Z", Severity.SEV2, IncidentState.CLOSED,
        Duration.ofMinutes(50), Duration.ofHours(4), Decision.NOT_NEEDED, null, "<script>alert(1)</script> & co",
        List.of(), 10, 1)), PERIOD, NOW);
    String page = InsightsPage.render(one, "/data/candor.db");
    assertFalse(page.contains("<script"), page);
    assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"), page);

    String empty = InsightsPage.render(Insights.of(List.of(), PERIOD, NOW), "/data/candor.db");
    assertTrue(empty.contains("No incidents were declared in this period"), empty);
    assertEquals(List.of("This quarter (since 2026-11-01): no incidents declared."),
        QuarterSummary.lines(Insights.of(List.of(), PERIOD, NOW), "This quarter"));
  }
}
