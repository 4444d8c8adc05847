package dev.candor.testing;

import dev.candor.incident.Severity;
import dev.candor.incident.SeverityScale;
import java.util.List;

/** A team's own severity names, as {@code CANDOR_SEVERITIES} sets them: P1 (critical) to P4 (low). */
public final class TeamSeverities {
  public static final SeverityScale P_SCALE = SeverityScale.of(List.of(
      new SeverityScale.Level(Severity.SEV1, "P1", "Customers can't pay", List.of("critical")),
      new SeverityScale.Level(Severity.SEV2, "P2", "Checkout is slow for many", List.of("high")),
      new SeverityScale.Level(Severity.SEV3, "P3", "Some customers see it", List.of("medium")),
      new SeverityScale.Level(Severity.SEV4, "P4", "No customer impact yet", List.of("low"))));

  private TeamSeverities() {}
}
