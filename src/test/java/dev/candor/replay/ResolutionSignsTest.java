package dev.candor.replay;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which messages say an incident was mitigated or resolved. */
class ResolutionSignsTest {
  @Test
  void plainStatementsOfResolution_areSigns() {
    for (String text : new String[] {
        "Resolved: 7.12.1 has been live for two hours",
        "resolved",
        ":white_check_mark: Resolved, thanks all",
        "All clear. Closing out.",
        "Update: incident resolved",
        "p99 normal for an hour. Marking this resolved.",
        "The incident is now resolved",
        "*RESOLVED* checkout is back"}) {
      assertTrue(ResolutionSigns.resolves(text), text);
    }
  }

  @Test
  void questionsNegationsPlansAndCode_areNotSigns() {
    for (String text : new String[] {
        "is it resolved?",
        "not resolved yet, errors are back",
        "unresolved: the retry budget question",
        "once resolved we'll post on the status page",
        "the ticket says `resolved` but it isn't",
        "DNS resolved to the old IP",
        "we'll call it resolved when p99 holds for an hour",
        ""}) {
      assertFalse(ResolutionSigns.resolves(text), text);
    }
  }

  @Test
  void mitigation_isImpactStopping() {
    assertTrue(ResolutionSigns.mitigates("p99 is 410 ms and falling. Impact has stopped; we're mitigated."));
    assertTrue(ResolutionSigns.mitigates("Mitigated: traffic moved to us-east"));
    assertTrue(ResolutionSigns.mitigates("the rollback is done and the issue is mitigated"));
    assertFalse(ResolutionSigns.mitigates("not mitigated yet"));
    assertFalse(ResolutionSigns.mitigates("has this been mitigated?"));
    assertFalse(ResolutionSigns.mitigates("the risk is mitigated by the canary, in theory"));
  }
}
