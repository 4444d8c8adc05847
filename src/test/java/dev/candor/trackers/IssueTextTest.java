package dev.candor.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.followup.FollowUp;
import dev.candor.followup.Level;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentState;
import dev.candor.incident.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A follow-up as its issue: what a public and a private incident's issue say, and the mark that finds it again. */
class IssueTextTest {
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  static Incident incident(boolean isPrivate) {
    return new Incident(new IncidentId(3), "CINC3", "inc-x", "checkout <errors>", "cards fail for @here",
        Severity.SEV2, IncidentState.INVESTIGATING, new Incident.Roles("UALICE", null, null), isPrivate, "UALICE",
        "CGENERAL", new Incident.Times(NOW, NOW, null, null, null, NOW), 1);
  }

  static FollowUp followUp(FollowUp.Status status, String reason) {
    return new FollowUp(7, new IncidentId(3), "add a canary stage", "UBOB", ZoneId.of("Europe/Berlin"),
        LocalDate.parse("2026-12-15"), Level.ENGINEERING, status, reason, "UALICE", NOW, 2);
  }

  @Test
  void aPublicIncidentsIssue_hasItsTitleSummaryLinkOwnerDueLevelAndMark_withNoOnePinged() {
    IssueDraft d = IssueText.draft(followUp(FollowUp.Status.OPEN, null), incident(false), Map.of("UBOB", "bob-gh"));
    assertEquals("add a canary stage", d.title());
    assertTrue(d.body().contains("INC-3**: checkout &lt;errors>"), d.body());
    assertTrue(d.body().contains("(https://slack.com/app_redirect?channel=CINC3)"), d.body());
    assertTrue(d.body().contains("> cards fail for @\u200bhere"), d.body());
    assertTrue(d.body().contains("**Owner:** @bob-gh") && d.body().contains("**Due:** 2026-12-15")
        && d.body().contains("**Level:** engineering practice"), d.body());
    assertTrue(d.body().endsWith("<!-- candor-follow-up:INC-3:7 -->"), d.body());
    assertEquals(List.of("candor", "level: engineering"), d.labels());
    assertEquals(Optional.of("bob-gh"), d.assignee());
    assertTrue(d.open());
  }

  @Test
  void aPrivateIncidentsIssue_saysNoTitleNorSummary_andAnUnknownOwnerIsNotAssigned() {
    IssueDraft d = IssueText.draft(followUp(FollowUp.Status.OPEN, null), incident(true), Map.of());
    assertFalse(d.body().contains("checkout") || d.body().contains("cards fail"), d.body());
    assertTrue(d.body().contains("A private incident"), d.body());
    assertEquals(Optional.empty(), d.assignee());
    assertTrue(d.body().contains("Slack user UBOB"), d.body());
  }

  @Test
  void aDroppedFollowUp_isAClosedIssueNotPlanned_withItsReason() {
    IssueDraft d = IssueText.draft(followUp(FollowUp.Status.DROPPED, "covered by the migration"), incident(false),
        Map.of());
    assertFalse(d.open());
    assertTrue(d.dropped());
    assertTrue(d.body().contains("**Dropped because:** covered by the migration"), d.body());
    IssueDraft done = IssueText.draft(followUp(FollowUp.Status.DONE, null), incident(false), Map.of());
    assertFalse(done.open() || done.dropped());
  }
}
